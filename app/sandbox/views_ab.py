"""Sandbox pages III: A/B tests of two drafts — declare, lock, read the results, make the call."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.labels import label
from app.core.memo import Memo, render_kept
from app.core.registry import access
from app.sandbox import abtests, services
from app.sandbox.domain.abtest import ATTRIBUTES, DIRECTIONS, METRICS
from app.sandbox.errors import SandboxError
from app.sandbox.forms import clean
from app.sandbox.labels_ab import (
    AB_ERRORS,
    ATTRIBUTE_NAMES,
    CALL_NAMES,
    DIRECTION_NAMES,
    METRIC_NAMES,
    working,
)
from app.sandbox.views import bp, context

DEFAULTS = {"metric": "engaged", "duration_days": "7", "sample": "2000", "direction": ""}


def _number(value: str | None) -> int:
    """A whole number from a form field, or -1 when it is not one."""
    text = (value or "").strip()
    return int(text) if text.isdecimal() and len(text) < 9 else -1


def _declaration(form: Mapping[str, str]) -> abtests.Declaration:
    """The declaration as posted (the service checks every value)."""
    return abtests.Declaration(
        post_a=_number(form.get("post_a")),
        post_b=_number(form.get("post_b")),
        attribute=str(form.get("attribute", "")),
        metric=str(form.get("metric", "")),
        duration_days=_number(form.get("duration_days")),
        sample=_number(form.get("sample")),
        direction=str(form.get("direction", "")),
    )


def _list_page(account: Any, values: Mapping[str, str], error: str = "") -> str:
    """The tests of the account and the form to declare a new one."""
    return render_template(
        "sandbox/abtests.html",
        tests=abtests.tests_of(account),
        drafts=abtests.drafts_of(account),
        values=values,
        error=error,
        attributes=ATTRIBUTES,
        metrics=METRICS,
        directions=DIRECTIONS,
        names={"attribute": ATTRIBUTE_NAMES, "metric": METRIC_NAMES, "call": CALL_NAMES},
        direction_names=DIRECTION_NAMES,
        **context(account),
    )


@bp.route("/sandbox/<int:account_id>/abtests")
@access("owner")
def abtests_page(account_id: int) -> str:
    """The account's A/B tests and the declaration form for a new one."""
    account = services.account_for(current_user, account_id)
    return _list_page(account, DEFAULTS)


@bp.route("/sandbox/<int:account_id>/abtests", methods=["POST"])
@access("owner")
def declare(account_id: int) -> str | Response | tuple[str, int]:
    """Store a declaration; the form comes back with every difference when it is not one."""
    account = services.account_for(current_user, account_id)
    values = {k: clean(request.form.get(k, ""), 20) for k in ("post_a", "post_b", *DEFAULTS)}
    values["attribute"] = clean(request.form.get("attribute", ""), 20)
    try:
        test = abtests.declare_test(current_user, account.id, _declaration(request.form))
    except abtests.Differences as exc:
        if exc.found:
            found = ", ".join(label(ATTRIBUTE_NAMES, n) for n in exc.found)
            message = _(
                "A and B must differ in the declared attribute only. They differ in: %(found)s.",
                found=found,
            )
        else:
            message = _("A and B are identical: change the one attribute you want to test.")
        return _list_page(account, values, message), 422
    except SandboxError as exc:
        return _list_page(account, values, label(AB_ERRORS, exc)), 422
    return redirect(url_for("sandbox.abtest", account_id=account.id, test_id=test.id), code=303)


@bp.route("/sandbox/<int:account_id>/abtests/<int:test_id>")
@access("owner")
def abtest(account_id: int, test_id: int) -> str:
    """The declaration, then the lock button, the running test's clock, or the results link."""
    account = services.account_for(current_user, account_id)
    test = abtests.test_for(current_user, account, test_id)
    ends = abtests.ends_of(test)
    return render_template(
        "sandbox/abtest.html",
        test=test,
        ends=ends,
        open=abtests.results_open(test, account.clock),
        days_left=_days_left(account.clock, ends),
        names={"attribute": ATTRIBUTE_NAMES, "metric": METRIC_NAMES, "call": CALL_NAMES},
        direction_names=DIRECTION_NAMES,
        attributes=ATTRIBUTES,
        **context(account),
    )


def _days_left(clock: datetime, ends: datetime | None) -> int:
    """Whole simulated days until the test ends (at least 1 while it runs, 0 after)."""
    if ends is None or clock >= ends:
        return 0
    return max(1, math.ceil((ends - clock).total_seconds() / 86400))


@bp.route("/sandbox/<int:account_id>/abtests/<int:test_id>/lock", methods=["POST"])
@access("owner")
def lock_abtest(account_id: int, test_id: int) -> Response:
    """Lock the declaration; the test runs on the simulated clock for its declared days."""
    test = abtests.lock_test(current_user, account_id, test_id)
    message = ngettext(
        "The declaration is locked and the test is running for %(num)d simulated day.",
        "The declaration is locked and the test is running for %(num)d simulated days.",
        test.duration_days,
    )
    flash(message, "success")
    return redirect(url_for("sandbox.abtest", account_id=account_id, test_id=test_id), 303)


@bp.route("/sandbox/<int:account_id>/abtests/<int:test_id>/results")
@access("owner")
def abtest_results(account_id: int, test_id: int) -> str | Response:
    """Counts per variant and the call form; the working only once the call is made."""
    account = services.account_for(current_user, account_id)
    test = abtests.test_for(current_user, account, test_id)
    outcome = abtests.outcome_of(test, account.clock)
    if outcome is None:
        flash(label(AB_ERRORS, "ab-running" if test.locked else "ab-not-locked"), "error")
        return redirect(url_for("sandbox.abtest", account_id=account.id, test_id=test.id), 303)
    return _results_page(account, test, outcome, {}, "")


# The working is fixed once the call is made (the counts are locked): rendered once per test.
WORKINGS = Memo(256)


def _working_html(test: Any, outcome: Any) -> Any:
    """The z-test's working, rendered once per test, call and counts."""
    counts = (outcome.n_a, outcome.x_a, outcome.n_b, outcome.x_b)
    key = (test.id, test.called_at, test.direction, *counts)
    return render_kept(
        WORKINGS, key, "sandbox/_ab_working.html", lambda: {"work": working(outcome.test)}
    )


def _results_page(
    account: Any, test: Any, outcome: Any, values: Mapping[str, str], error: str
) -> str:
    """The results page with the call form's values and any error."""
    return render_template(
        "sandbox/abtest_results.html",
        test=test,
        outcome=outcome,
        working_html=_working_html(test, outcome) if test.called_at else None,
        values=values,
        error=error,
        names={"attribute": ATTRIBUTE_NAMES, "metric": METRIC_NAMES, "call": CALL_NAMES},
        **context(account),
    )


@bp.route("/sandbox/<int:account_id>/abtests/<int:test_id>/call", methods=["POST"])
@access("owner")
def abtest_call(account_id: int, test_id: int) -> str | Response | tuple[str, int]:
    """Record the call and next step once; then the working shows."""
    account = services.account_for(current_user, account_id)
    values = {
        "call": clean(request.form.get("call", ""), 20),
        "next_step": clean(request.form.get("next_step", ""), abtests.NEXT_STEP_MAX + 1),
    }
    try:
        abtests.make_call(current_user, account.id, test_id, values["call"], values["next_step"])
    except SandboxError as exc:
        test = abtests.test_for(current_user, account, test_id)
        outcome = abtests.outcome_of(test, account.clock)
        if outcome is None:
            flash(label(AB_ERRORS, "ab-running" if test.locked else "ab-not-locked"), "error")
            return redirect(url_for("sandbox.abtest", account_id=account.id, test_id=test_id), 303)
        return _results_page(account, test, outcome, values, label(AB_ERRORS, exc)), 422
    return redirect(
        url_for("sandbox.abtest_results", account_id=account.id, test_id=test_id) + "#working", 303
    )
