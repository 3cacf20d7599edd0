"""The why panel of a published post: every factor in the learner's words, then one lesson.

The lesson is the single change (hour, format or pillar) that would have helped most, as the
engine computes it with the same draws (app/sandbox/domain/counterfactual.py), said in one
sentence with the personas that explain it and a link to the lesson that teaches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from markupsafe import Markup

from app.content_runtime import library
from app.core.i18n import current_language
from app.core.i18n import translate as _  # the per-process cached lookup
from app.core.memo import MISSING, Memo
from app.sandbox.data import sandbox_data
from app.sandbox.domain.counterfactual import Change, lesson_id
from app.sandbox.domain.factors import online_share
from app.sandbox.labels import FORMAT_NAMES
from app.sandbox.models import SandboxAccount, SandboxPost
from app.sandbox.services import scenario_of
from app.sandbox.why import lesson_of, post_key
from app.sandbox.why_text import Context, bdi, detail, percent, quoted, say


def lesson_text(c: Context, change: Change) -> Markup:
    """The lesson as one sentence (and why, for hours and pillars)."""
    was, instead = change.was, change.instead
    if change.kind == "hour":
        condition = say(_("At %(instead)s instead of %(was)s"), instead=bdi(instead), was=bdi(was))
    elif change.kind == "format":
        condition = say(
            _("In the format %(instead)s instead of %(was)s"),
            instead=FORMAT_NAMES.get(instead, ""),
            was=FORMAT_NAMES.get(was, ""),
        )
    elif was:
        condition = say(
            _("On the pillar %(instead)s instead of %(was)s"),
            instead=quoted(c.named("pillars", instead)),
            was=quoted(c.named("pillars", was) or _("a pillar no longer in the brief")),
        )
    else:
        condition = say(_("On the pillar %(instead)s"), instead=quoted(c.named("pillars", instead)))
    figures = {"after": bdi(change.after), "before": bdi(change.before)}
    if not change.before:
        result = (
            _("this post would have reached %(after)s people instead of %(before)s.")
            if change.metric == "reach"
            else _("this post would have earned %(after)s engagements instead of %(before)s.")
        )
    elif change.metric == "reach":
        result = _(
            "this post would have reached about %(percent)s more people "
            "(%(after)s instead of %(before)s)."
        )
    else:
        result = _(
            "this post would have earned about %(percent)s more engagements "
            "(%(after)s instead of %(before)s)."
        )
    sentence = say(
        _("%(condition)s, %(result)s"),
        condition=condition,
        result=say(result, percent=bdi(f"{change.percent}%"), **figures),
    )
    return Markup(" ").join([sentence, *because(c, change)])


def because(c: Context, change: Change) -> list[Markup]:
    """What the personas explain about the change: who is online then, or who cares more."""
    if change.kind == "hour":
        hour = int(change.instead[:2])
        then = c.when.replace(hour=hour)
        shares = [online_share(c.scenario, c.post.platform, t) for t in (then, c.when)]
        if shares[0] == shares[1]:
            return []
        return [
            say(
                _("Then %(after)s of the audience is online (%(personas)s), against %(before)s."),
                after=percent(shares[0]),
                before=percent(shares[1]),
                personas=c.online(then) or "–",
            )
        ]
    if change.kind == "pillar":
        weights = {
            str(p.get("id")): float((p.get("pillars") or {}).get(change.instead, 1.0))
            for p in c.scenario.personas
        }
        if not any(w > 1.0 for w in weights.values()):
            return []
        keen = c.personas(lambda p: weights.get(str(p.get("id")), 1.0) > 1.0)
        return [say(_("%(personas)s care most about it."), personas=keen)]
    return []


@dataclass(frozen=True)
class Row:
    """One line of the panel: the factor's name, its multiplier, its detail and its tone."""

    name: str  # the factor's short name ("Timing")
    explain: str  # what it measures ("how much of the audience is online at this hour")
    value: float
    detail: Markup
    tone: str  # factor-up, factor-down or ""


@dataclass(frozen=True)
class Panel:
    """The why panel of one published post."""

    rows: list[Row]
    lesson: Markup | None
    lesson_id: str
    lesson_title: str


PANELS = Memo(1024)


def why_panel(account: SandboxAccount, post: SandboxPost) -> Panel:
    """The panel of a published post in the page's language, built once per process."""
    key = (*post_key(account, post), current_language())
    found = PANELS.get(key)
    if found is MISSING:
        found = build_panel(account, post)
        PANELS.put(key, found)
    return cast(Panel, found)


def build_panel(account: SandboxAccount, post: SandboxPost) -> Panel:
    """Every stored factor explained, and the one change that would have helped most."""
    from app.sandbox.labels import FACTOR_NAMES

    scenario = scenario_of(account)
    lang = current_language()
    c = Context(
        scenario,
        sandbox_data().calendars.get(scenario.country),
        post,
        post.published_at or account.clock,
        account.started.date(),
        lang,
    )
    rows = []
    for name, value, reason in (post.outcome or {}).get("factors", []):
        tone = "factor-down" if value < 1 and name != "base_reach" else ""
        # Each name reads "Short name: what it measures"; the page sets the two apart.
        title, _colon, explain = str(FACTOR_NAMES.get(name, _("Another factor"))).partition(":")
        rows.append(
            Row(
                title.strip(),
                explain.strip(),
                float(value),
                detail(c, str(name), float(value), str(reason)),
                tone or ("factor-up" if value > 1 else ""),
            )
        )
    change = lesson_of(account, post)
    if change is None:
        return Panel(rows, None, "", "")
    lesson = lesson_id(change, post.platform)
    found = library().lessons.get(lesson)
    title = found.text(lang).title if found else ""
    return Panel(rows, lesson_text(c, change), lesson if found else "", title)
