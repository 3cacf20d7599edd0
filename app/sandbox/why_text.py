"""The why panel in the learner's words: each stored factor and the lesson, with names not ids.

Every name comes from the scenario or calendar in the page's language (personas, pillars,
trends, events); numbers are isolated in <bdi> so they keep their order in Arabic text; an id
that no longer names anything becomes a plain phrase, never the id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from flask_babel import format_date, pgettext
from markupsafe import Markup, escape

from app.core.i18n import translate as _  # the per-process cached lookup
from app.sandbox.domain.rules import rule_data
from app.sandbox.domain.scenarios import Calendar, Scenario
from app.sandbox.domain.why import Reason, read_reason
from app.sandbox.labels import FORMAT_NAMES, PLATFORM_NAMES
from app.sandbox.models import SandboxPost


def bdi(value: object) -> Markup:
    """A number, time or date isolated from the text around it (right-to-left safe)."""
    return Markup("<bdi>{}</bdi>").format(value)


def quoted(value: object) -> Markup:
    """A name in «guillemets» unless it has its own, isolated (names may be in either script)."""
    text = str(value)
    if text[:1] in "«'\"“‘#":
        return bdi(text)
    return Markup("«<bdi>{}</bdi>»").format(text)


def say(message: str, **values: object) -> Markup:
    """A translated sentence (ours, trusted) with its values escaped unless already Markup."""
    if not values:
        return escape(message)
    return Markup(message) % values  # safe: catalog text, values escaped  # noqa: S704  # nosec B704


def joined(items: Iterable[str]) -> Markup:
    """Items separated the language's way (the Arabic comma in Arabic)."""
    return escape(pgettext("list separator", ", ")).join(items)


def percent(share: float) -> Markup:
    """A share as an isolated whole percentage."""
    return bdi(f"{round(share * 100)}%")


def in_language(names: Mapping[str, str] | None, lang: str) -> str:
    """The authored text in the page's language (English when that is missing)."""
    names = names or {}
    return str(names.get(lang) or names.get("en") or "")


@dataclass(frozen=True)
class Context:
    """What the sentences need: the scenario, the calendar, the post and the page's language."""

    scenario: Scenario
    calendar: Calendar | None
    post: SandboxPost
    when: datetime
    started: date
    lang: str

    def named(self, key: str, item_id: str, field: str = "name") -> str:
        """The name of a pillar, persona or trend of the scenario ("" when it is gone)."""
        found = next((x for x in self.scenario.get(key) or [] if x.get("id") == item_id), None)
        return in_language(found.get(field), self.lang) if found else ""

    def personas(self, test: Callable[[Mapping[str, Any]], bool]) -> Markup:
        """Names of the personas that pass a test, joined."""
        return joined(
            bdi(in_language(p.get("name"), self.lang)) for p in self.scenario.personas if test(p)
        )

    def online(self, when: datetime) -> Markup:
        """The personas online at that time (by their active hours)."""
        day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[when.weekday()]
        return self.personas(lambda p: when.hour in ((p.get("active_hours") or {}).get(day) or []))

    def day_of(self, index: object) -> Markup:
        """The date of a scenario day number."""
        return bdi((self.started + timedelta(days=int(str(index or 0)))).isoformat())


def time_detail(c: Context, r: Reason) -> Markup:
    """The hour, the share of the audience online and who they are."""
    day, hour = format_date(c.when.date(), "EEEE"), bdi(c.when.strftime("%H:%M"))
    if r.number <= 0:
        return say(_("%(day)s at %(hour)s: none of the personas is online."), day=day, hour=hour)
    return say(
        _("%(day)s at %(hour)s: %(share)s of the audience is online (%(personas)s)."),
        day=day,
        hour=hour,
        share=percent(r.number),
        personas=c.online(c.when),
    )


def fit_detail(c: Context, r: Reason) -> Markup:
    """The pillar by name and the personas who care most about it."""
    if r.kind == "fit:none":
        return say(_("No pillar chosen: only how much the personas use this platform counts."))
    pillar = r.names[0]
    name = c.named("pillars", pillar) or _("a pillar no longer in the brief")
    keen = c.personas(lambda p: float((p.get("pillars") or {}).get(pillar, 1.0)) > 1.0)
    if not keen:
        return say(
            _("Pillar %(pillar)s: no persona cares about it more than usual."), pillar=quoted(name)
        )
    return say(
        _("Pillar %(pillar)s: %(personas)s care most about it."), pillar=quoted(name), personas=keen
    )


def calendar_detail(c: Context, r: Reason, value: float) -> Markup:
    """The event by name, its hours when a window applied, and what it did."""
    if r.kind == "calendar:none":
        return say(_("No event of the local calendar at this time."))
    events = c.calendar.events if c.calendar else ()
    event = next((e for e in events if e.get("id") == r.names[0]), None)
    name = quoted(in_language(event.get("name"), c.lang) if event else _("an event"))
    if value > 1:
        effect = _("a rewarded time to post")
    elif value < 1:
        effect = _("a time to hold posts back")
    else:
        effect = _("no effect on results")
    if r.kind == "calendar:event":
        return say(_("%(event)s, all day: %(effect)s."), event=name, effect=effect)
    window = next(
        (w for w in (event or {}).get("windows") or [] if str(w.get("from")) == r.names[1]), None
    )
    end = str(window.get("to")) if window else "?"
    return say(
        _("%(event)s, from %(start)s to %(end)s: %(effect)s."),
        event=name,
        start=bdi(r.names[1]),
        end=bdi(end),
        effect=effect,
    )


@cache
def rule_checks() -> dict[str, str]:
    """Rule id → its check, from the rule data."""
    found: dict[str, str] = {}
    for sets in rule_data()["platforms"].values():
        for rules in sets.values():
            found |= {str(rule["id"]): str(rule["check"]) for rule in rules}
    found |= {str(rule["id"]): str(rule["check"]) for rule in rule_data().get("goal_rules", [])}
    return found


def rule_names() -> dict[str, str]:
    """A short name for each kind of rule."""
    return {
        "text_max": _("text too long"),
        "hashtags_max": _("too many hashtags"),
        "media_max": _("too many images or videos"),
        "media_min": _("no image or video"),
        "aspect": _("aspect ratio not suited to this post type"),
        "link_in_text": _("link in the text"),
        "fold": _("first line past «see more»"),
        "title_max": _("title too long"),
        "alt_text": _("no alt text"),
        "cta_for_goal": _("no call to action"),
        "hook_words": _("on-screen hook too long"),
    }


def quality_detail(r: Reason) -> Markup:
    """The rule warnings by name."""
    if r.kind == "quality:none":
        return say(_("No rule warnings."))
    checks, names = rule_checks(), rule_names()
    found = [names.get(checks.get(rule, ""), _("another rule")) for rule in r.names]
    return say(_("Rule warnings: %(rules)s."), rules=joined(dict.fromkeys(found)))


def trend_detail(c: Context, r: Reason) -> Markup:
    """The trend by its title, its window in dates, and what riding it did."""
    if r.kind == "trend:none":
        return say(_("No trend."))
    trends: list[Mapping[str, Any]] = c.scenario.get("trends") or []
    trend = next((t for t in trends if t.get("id") == r.names[0]), {})
    title = quoted(in_language(trend.get("title"), c.lang) or _("a trend"))
    start, end = c.day_of(trend.get("day_from")), c.day_of(trend.get("day_to"))
    if r.kind == "trend:high-risk":
        return say(_("%(trend)s is a high-risk trend: joining it cost the brand."), trend=title)
    if r.kind == "trend:in-window":
        return say(_("%(trend)s while it was current (until %(end)s)."), trend=title, end=end)
    return say(
        _("%(trend)s outside its window (%(start)s to %(end)s): it fell flat."),
        trend=title,
        start=start,
        end=end,
    )


def detail(c: Context, name: str, value: float, reason: str) -> Markup:
    """One factor's detail in the learner's words."""
    r = read_reason(name, reason)
    if r.kind == "base_reach":
        return say(
            _(
                "An ordinary post in this format (%(format)s) on %(platform)s reaches about "
                "%(share)s of followers, plus people who find it without following."
            ),
            format=FORMAT_NAMES.get(c.post.format, ""),
            platform=PLATFORM_NAMES.get(c.post.platform, ""),
            share=bdi(f"{value * 100:.1f}%"),
        )
    if r.kind == "chance":
        return say(_("This post's own luck: every replay of it draws the same."))
    if r.kind == "time":
        return time_detail(c, r)
    if r.kind.startswith("fit:"):
        return fit_detail(c, r)
    if r.kind.startswith("calendar:"):
        return calendar_detail(c, r, value)
    if r.kind.startswith("quality:"):
        return quality_detail(r)
    if r.kind == "voice:banned":
        return say(
            _("Words the voice chart rules out: %(words)s."), words=joined(map(quoted, r.names))
        )
    if r.kind == "voice:none":
        return say(_("No word the voice chart rules out."))
    if r.kind.startswith("trend:"):
        return trend_detail(c, r)
    if r.kind == "fatigue:recent":
        # "Label: number" needs no agreement between the number and the noun in Arabic.
        return say(
            _("Other posts on this platform in the 24 hours before: %(num)s."),
            num=bdi(int(r.number)),
        )
    if r.kind == "fatigue:none":
        return say(_("No other post on this platform in the 24 hours before."))
    return Markup("")  # an unknown kind: the test of every kind keeps this from happening
