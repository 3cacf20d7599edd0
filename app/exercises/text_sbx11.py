"""sbx-11 messages: every reason and form-error code, and the names of KPIs, denominators,
metrics and causes, worded for the work, result and printed report pages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from app.core.i18n import current_language
from app.sandbox.labels import FORMAT_NAMES, GOAL_NAMES, METRIC_NAMES, PLATFORM_NAMES

KPI_NAMES = {
    "er_reach": _l("Engagement rate by reach (%)"),
    "er_impressions": _l("Engagement rate by impressions (%)"),
    "ctr": _l("Link click-through rate (%)"),
    "growth": _l("Follower growth rate (%)"),
}
DEN_NAMES = {
    "reach": _l("Reach (sum over the month's posts)"),
    "impressions": _l("Impressions (sum over the month's posts)"),
    "followers-start": _l("Followers at the start of the month"),
    "followers-end": _l("Followers at the end of the month"),
    "posts": _l("Number of posts"),
    "engagements": _l("Engagements"),
}
METRICS = {
    **METRIC_NAMES,
    "impressions": _l("Impressions"),
    "clicks": _l("Link clicks"),
    "growth": _l(
        "Follower growth rate = (followers at the end − at the start) ÷ at the start × 100"
    ),
}


class Picked:
    """A {ar, en} text from the data file, shown in the page language."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        """Keep both languages."""
        self.texts = texts

    def __str__(self) -> str:
        """The text in the page language (English when that language is missing)."""
        return str(self.texts.get(current_language()) or self.texts.get("en", ""))


class CauseNames(Mapping[str, Picked]):
    """The causes' names from the loaded data file (read when a page is rendered)."""

    def _causes(self) -> Mapping[str, Any]:
        """The loaded causes (none before the data is loaded)."""
        from app.exercises.data import exercise_data

        data = exercise_data().context.data.get("sbx-11")
        return data.causes if data is not None else {}

    def __getitem__(self, key: str) -> Picked:
        """The cause's name."""
        return Picked(self._causes()[key]["text"])

    def __iter__(self) -> Iterator[str]:
        """The cause ids."""
        return iter(self._causes())

    def __len__(self) -> int:
        """How many causes there are."""
        return len(self._causes())


NAMES: dict[str, Mapping[str, Any]] = {
    "kpi": KPI_NAMES,
    "den": DEN_NAMES,
    "metric": METRICS,
    "cause": CauseNames(),
    "goal": GOAL_NAMES,
    "format": FORMAT_NAMES,
    "platform": PLATFORM_NAMES,
}

MESSAGES = {
    # form errors (shown beside the field)
    "sbx11.choice-unknown": _l("Choose one of the options in the list."),
    "sbx11.choose": _l("Choose an option."),
    "sbx11.number": _l("Type a number, such as 2.35 (the percent sign is optional)."),
    "sbx11.value-missing": _l("Type the value you computed."),
    "sbx11.action-missing": _l("Write the recommendation's next action."),
    # KPIs
    "kpi.ok": _l("%(kpi)s: right, with its denominator (%(den)s)."),
    "kpi.missing": _l("%(kpi)s: no value. The key: %(expected)s over %(den)s."),
    "kpi.off": _l(
        "%(kpi)s: %(typed)s is more than 0.1 points from %(expected)s. Check the sums and the "
        "denominator: %(den)s."
    ),
    "kpi.no-denominator": _l(
        "%(kpi)s: the value is right but the denominator is not labelled as %(den)s; a rate "
        "without its denominator cannot be compared (half the points)."
    ),
    # best and worst
    "best.ok": _l("Best post: post %(post)s is the best by the goal metric (%(goal)s)."),
    "best.wrong": _l(
        "Best post: post %(post)s is not the best by the goal metric (%(goal)s); the key is "
        "post %(expected)s."
    ),
    "best.likes": _l(
        "Best post: post %(post)s has the most likes, but the goal (%(goal)s) is judged by "
        "its own metric; the best by it is post %(expected)s."
    ),
    "best.missing": _l("Best post: none chosen. The key is post %(expected)s."),
    "worst.ok": _l("Weakest post: post %(post)s is the weakest by the goal metric (%(goal)s)."),
    "worst.wrong": _l(
        "Weakest post: post %(post)s is not the weakest by the goal metric (%(goal)s); the key "
        "is post %(expected)s."
    ),
    "worst.missing": _l("Weakest post: none chosen. The key is post %(expected)s."),
    # anomaly
    "cause.ok": _l("You found the seeded cause: %(cause)s."),
    "cause.missed": _l("The seeded cause was: %(cause)s. Its signature is in the key below."),
    "cause.wrong": _l("%(cause)s does not explain this month's figures."),
    # recommendations
    "rec.ok": _l("Recommendation %(n)s cites a metric (%(metric)s) and a concrete next action."),
    "rec.no-metric": _l(
        "Recommendation %(n)s cites no metric: say which figure it should move, so next month "
        "shows whether it worked."
    ),
    "rec.vague": _l(
        "Recommendation %(n)s is not a concrete next action: write at least %(min)s words with "
        "what to do and a number, a date or a verb such as post, test or move."
    ),
    # one page
    "page.complete": _l("Every section of the template is filled."),
    "page.empty": _l(
        "Sections left empty: %(count)s. A client reads a report with gaps as unfinished."
    ),
    "page.fits": _l("Every text fits the one-page template."),
    "page.long": _l(
        "A text is too long for one page: the headline may hold %(headline)s characters and "
        "each action %(action)s."
    ),
}
