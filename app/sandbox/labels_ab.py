"""Words and number formats for A/B tests: attribute names, calls, the working line by line."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.labels import Labels
from app.sandbox.domain.abtest import validity
from app.sandbox.domain.ztest import ZTest

ATTRIBUTE_NAMES: Labels = {
    "first-line": _l("First line (the hook)"),
    "body": _l("Rest of the text"),
    "format": _l("Post type"),
    "time": _l("Day and time"),
    "cta": _l("Call to action"),
    "image": _l("Image or video"),
    "hashtags": _l("Hashtags"),
    "link": _l("Link"),
    "pillar": _l("Content pillar"),
    "trend": _l("Trend"),
    "on-screen-hook": _l("On-screen hook"),
    "goal": _l("Goal"),
    "platform": _l("Platform"),
}
METRIC_NAMES: Labels = {
    "engaged": _l("People who engaged ÷ people reached"),
    "clicked": _l("People who clicked ÷ people reached"),
}
DIRECTION_NAMES: Labels = {
    "": _l("No direction: either could win (two-sided test)"),
    "a": _l("I expect A to do better (one-sided test)"),
    "b": _l("I expect B to do better (one-sided test)"),
}
CALL_NAMES: Labels = {
    "a": _l("A wins"),
    "b": _l("B wins"),
    "inconclusive": _l("Inconclusive"),
}
AB_ERRORS: Labels = {
    "ab-invalid": _l(
        "Choose an attribute, a metric, a duration of 1 to 28 days and a sample of 100 to "
        "20,000 people per variant."
    ),
    "ab-same-post": _l("Choose two different drafts for A and B."),
    "ab-not-draft": _l("Choose two of this account's unpublished drafts."),
    "ab-call-invalid": _l("Choose your call and write the next step (up to 1,000 characters)."),
    "ab-not-locked": _l("Lock the declaration first: the results do not exist before it."),
    "ab-running": _l(
        "The test is still running: move the simulated clock past its last day to read the results."
    ),
}


def number(value: float, places: int) -> str:
    """A number with fixed decimals in Latin digits (as every page of the app shows them)."""
    return f"{value:.{places}f}"


def percent(value: float) -> str:
    """A proportion as a percentage with two decimals."""
    return f"{100 * value:.2f}%"


def p_value(value: float) -> str:
    """A p-value with four decimals, or "< 0.0001" when it rounds to zero."""
    return "< 0.0001" if value < 0.00005 else f"{value:.4f}"


def verdict_text(test: ZTest) -> str:
    """The simulator's verdict in words."""
    if test.call == "too-little-data":
        return _("Inconclusive: too little data (a group has 5 or fewer successes or failures).")
    if test.call == "inconclusive":
        return _(
            "Inconclusive: p = %(p)s is not below 0.05, so the difference could be chance.",
            p=p_value(test.p or 1.0),
        )
    return _(
        "%(winner)s wins: p = %(p)s is below 0.05.",
        winner="A" if test.call == "a" else "B",
        p=p_value(test.p or 0.0),
    )


def working(test: ZTest) -> dict[str, Any]:
    """Every step of the z-test as (label, formula, value) rows, plus the validity check."""
    sided = {
        "two-sided": _("two-sided"),
        "a-better": _("one-sided: A better than B"),
        "b-better": _("one-sided: B better than A"),
    }[test.alternative]
    formula = {
        "two-sided": "p = 2(1 − Φ(|z|))",
        "a-better": "p = 1 − Φ(z)",
        "b-better": "p = Φ(z)",
    }[test.alternative]
    rows = [
        (
            _("Rate of A"),
            f"p̂₁ = x₁ ÷ n₁ = {test.x1} ÷ {test.n1}",
            f"{number(test.p1, 4)} ({percent(test.p1)})",
        ),
        (
            _("Rate of B"),
            f"p̂₂ = x₂ ÷ n₂ = {test.x2} ÷ {test.n2}",
            f"{number(test.p2, 4)} ({percent(test.p2)})",
        ),
        (
            _("Pooled rate"),
            f"p̂ = (x₁ + x₂) ÷ (n₁ + n₂) = {test.x1 + test.x2} ÷ {test.n1 + test.n2}",
            number(test.pooled, 4),
        ),
        (_("Standard error"), "SE = √(p̂(1 − p̂)(1/n₁ + 1/n₂))", number(test.se, 5)),
    ]
    if test.z is not None and test.p is not None:
        rows.append((_("z score"), "z = (p̂₁ − p̂₂) ÷ SE", number(test.z, 3)))
        rows.append((_("p-value (%(sided)s)", sided=sided), formula, p_value(test.p)))
    checks = [
        {
            "group": group,
            "text": _(
                "Group %(group)s: %(x)s successes and %(y)s failures",
                group=group,
                x=successes,
                y=failures,
            ),
            "ok": ok,
        }
        for group, successes, failures, ok in validity(test)
    ]
    return {"rows": rows, "checks": checks, "verdict": verdict_text(test), "sided": sided}
