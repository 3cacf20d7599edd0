"""sbx-13 messages: every reason and form-error code, and the names of objectives, goals,
buttons, placements, cities, policy rules and creative findings (from the ads data, in the
page language)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from app.ads.domain.data import ads_data
from app.core.i18n import current_language
from app.exercises.text_sbx11 import Picked

ELEMENT_NAMES = {
    "text": _l("the primary text"),
    "headline": _l("the headline"),
    "cta": _l("the button"),
    "media": _l("the media description"),
    "aspect": _l("the aspect ratio"),
}
BUDGET_TYPE_NAMES = {"daily": _l("Daily budget"), "lifetime": _l("Lifetime budget")}


class Lazy(Mapping[str, Any]):
    """Names read from the ads data when a page is rendered: id -> text in the page language."""

    def __init__(self, table: Callable[[], Mapping[str, Any]], make: Callable[[str], Any]) -> None:
        """Keep how to read the table and how to name one entry."""
        self.table, self.make = table, make

    def __getitem__(self, key: str) -> Any:
        """One entry's name (KeyError for an unknown id, or a value that is no id)."""
        if not isinstance(key, str) or key not in self.table():
            raise KeyError(key)
        return self.make(key)

    def __iter__(self) -> Iterator[str]:
        """The ids."""
        return iter(self.table())

    def __len__(self) -> int:
        """How many there are."""
        return len(self.table())


class Finding:
    """A creative finding stored as "code|actual|limit", worded from app/ads/data/messages.yaml."""

    def __init__(self, stored: str) -> None:
        """Keep the stored finding."""
        self.code, _, rest = stored.partition("|")
        self.actual, _, self.limit = rest.partition("|")

    def __str__(self) -> str:
        """The finding in the page language."""
        texts = ads_data("messages")["creative"][self.code]
        text = texts.get(current_language()) or texts["en"]
        return str(text).format(actual=self.actual, limit=self.limit)


class RuleText:
    """A policy rule's name or fix in the page language."""

    def __init__(self, rule_id: str, kind: str) -> None:
        """Keep the rule and which text."""
        self.rule_id, self.kind = rule_id, kind

    def __str__(self) -> str:
        """The text (the id when the policy no longer has the rule)."""
        from app.exercises.domain.sbx13_policy import rule_text

        return rule_text(self.rule_id, self.kind, current_language()) or self.rule_id


def _objectives() -> dict[str, Any]:
    """Every platform's objectives by id (Meta's and TikTok's ids do not collide)."""
    table = ads_data("objectives")["objectives"]
    return {o["id"]: o for rows in table.values() for o in rows}


OBJECTIVES = Lazy(_objectives, lambda k: Picked(_objectives()[k]["name"]))
CTAS = Lazy(
    lambda: ads_data("objectives")["ctas"], lambda k: Picked(ads_data("objectives")["ctas"][k])
)
PLACEMENTS = Lazy(
    lambda: ads_data("creative")["placements"],
    lambda k: Picked(ads_data("creative")["placements"][k]["name"]),
)
CITIES = Lazy(
    lambda: ads_data("audiences")["cities"],
    lambda k: Picked(ads_data("audiences")["cities"][k]["name"]),
)
CURRENCIES = Lazy(
    lambda: ads_data("rates")["rates"],
    lambda k: Picked(ads_data("rates")["rates"][k]["name"]),
)
GOALS = Lazy(
    lambda: ads_data("objectives")["goals"], lambda k: Picked(ads_data("objectives")["goals"][k])
)


class _Rules(Mapping[str, Any]):
    """Policy rule names or fixes by rule id (any id: an unknown one shows as itself)."""

    def __init__(self, kind: str) -> None:
        """Which text: name or fix."""
        self.kind = kind

    def __getitem__(self, key: str) -> RuleText:
        """The rule's text."""
        return RuleText(key, self.kind)

    def __iter__(self) -> Iterator[str]:
        """No listing: rules are looked up one at a time."""
        return iter(())

    def __len__(self) -> int:
        """No listing."""
        return 0


class _LeftToRight(Mapping[str, str]):
    """Any value kept left to right inside Arabic text ("195 × 14 = 2730" stays in order)."""

    def __getitem__(self, key: str) -> str:
        """The value between a left-to-right isolate and its end."""
        return f"\u2066{key}\u2069"

    def __iter__(self) -> Iterator[str]:
        """No listing."""
        return iter(())

    def __len__(self) -> int:
        """No listing."""
        return 0


class _Findings(Mapping[str, Any]):
    """Creative findings by their stored form."""

    def __getitem__(self, key: str) -> Finding:
        """The worded finding (KeyError for a code without a text)."""
        if key.partition("|")[0] not in ads_data("messages")["creative"]:
            raise KeyError(key)
        return Finding(key)

    def __iter__(self) -> Iterator[str]:
        """No listing."""
        return iter(())

    def __len__(self) -> int:
        """No listing."""
        return 0


NAMES: dict[str, Mapping[str, Any]] = {
    "objective": OBJECTIVES,
    "best": OBJECTIVES,
    "goal": GOALS,
    "cta": CTAS,
    "fits": CTAS,
    "placement": PLACEMENTS,
    "placements": PLACEMENTS,
    "city": CITIES,
    "area": CITIES,
    "element": ELEMENT_NAMES,
    "rule": _Rules("name"),
    "fix": _Rules("fix"),
    "finding": _Findings(),
    "budget_type": BUDGET_TYPE_NAMES,
    "currency": CURRENCIES,
    "working": _LeftToRight(),
}
MESSAGES = {
    # objective
    "objective.ok": _l("%(objective)s serves the goal %(goal)s."),
    "objective.partial": _l(
        "%(objective)s serves the goal %(goal)s only in part; %(best)s serves it best. Half "
        "the points."
    ),
    "objective.wrong": _l("%(objective)s does not serve the goal %(goal)s. Choose %(best)s."),
    "objective.none": _l("No objective was chosen for the goal %(goal)s. Choose %(best)s."),
    # budget
    "budget.incomplete": _l(
        "The budget cannot be checked: each phase needs a budget type, an amount, and start and "
        "end dates."
    ),
    "budget.below-minimum": _l(
        "The budget for the goal %(goal)s is below the platform's minimum for an ad set. The "
        "minimum: %(minimum)s %(currency)s."
    ),
    "budget.not-positive": _l("The budget for the goal %(goal)s must be above zero."),
    "budget.end-before-start": _l("The phase for the goal %(goal)s ends before it starts."),
    "budget.minimum-ok": _l("Every budget is at or above the platform's minimum."),
    "budget.overlap": _l(
        "The two phases overlap: end the awareness phase before the traffic phase starts."
    ),
    "budget.order": _l("The traffic phase starts first: awareness comes before traffic."),
    "budget.outside": _l("The schedule runs outside the brief's dates, %(start)s to %(end)s."),
    "budget.over-total": _l(
        "Planned spend is more than the total: %(working)s, in all %(planned)s %(currency)s, and "
        "the total is %(total)s %(currency)s. Lower the daily budget or the number of days."
    ),
    "budget.total-ok": _l(
        "Planned spend fits the total: %(working)s, in all %(planned)s of %(total)s %(currency)s."
    ),
    # audience
    "audience.outside": _l(
        "The audience is centred on %(city)s, outside the brief's area: %(area)s."
    ),
    "audience.invalid": _l(
        "The audience cannot be estimated: check the city, the radius and the ages."
    ),
    "audience.fine": _l(
        "Estimated audience: %(low)s to %(high)s, inside the band (%(least)s to %(most)s): "
        "neither too narrow nor too broad."
    ),
    "audience.too-narrow": _l(
        "Estimated audience: %(low)s to %(high)s, too narrow (the band starts at %(least)s). "
        "Widen the radius or the ages, or drop an interest."
    ),
    "audience.too-broad": _l(
        "Estimated audience: %(low)s to %(high)s, too broad (the band ends at %(most)s). "
        "Narrow the radius or the ages, or add an interest."
    ),
    # call to action
    "cta.ok": _l("Ad %(ad)s: %(cta)s fits the objective."),
    "cta.wrong": _l("Ad %(ad)s: %(cta)s does not fit %(objective)s. Buttons that fit: %(fits)s."),
    "cta.none": _l("Ad %(ad)s has no call-to-action button."),
    "cta.no-objective": _l("Ad %(ad)s: %(cta)s cannot be checked without a campaign objective."),
    # policy
    "policy.clean": _l("Ad %(ad)s passes the policy checker."),
    "policy.reject": _l("Ad %(ad)s would be rejected: %(rule)s (“%(excerpt)s”). %(fix)s"),
    "policy.warn": _l("Ad %(ad)s may be held for review: %(rule)s (“%(excerpt)s”). %(fix)s"),
    "policy.missing": _l("Ad %(ad)s: %(rule)s. %(fix)s"),
    "policy.empty": _l("Ad %(ad)s has no primary text to check."),
    # creative
    "creative.ok": _l("Ad %(ad)s fits %(placements)s."),
    "creative.error": _l("Ad %(ad)s is refused in %(placement)s: %(finding)s"),
    "creative.warning": _l("Ad %(ad)s in %(placement)s: %(finding)s"),
    "creative.no-placement": _l("No placement was chosen, so the creative cannot be checked."),
    # test
    "test.not-declared": _l(
        "The two ads were not declared a test, so there is nothing to compare."
    ),
    "test.one": _l("The two ads differ in %(element)s only, so the test can tell what worked."),
    "test.same": _l("The two ads are identical: a test needs one element changed."),
    "test.many": _l(
        "The two ads differ in several elements (%(element)s), so a winner could not say which "
        "change made the difference."
    ),
    # form errors
    "sbx13.choose": _l("Choose one of the options."),
    "sbx13.choice-unknown": _l("That option is not in the list."),
    "sbx13.number": _l("Enter a number, such as 150."),
    "sbx13.date": _l("Enter a date as year-month-day, such as 2027-02-04."),
    "sbx13.required": _l("Fill this in."),
    "sbx13.placements": _l("Choose at least one placement."),
}
