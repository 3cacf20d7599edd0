"""Ads manager label tables: statuses, states, form problems and field names (lazy gettext).

Budget and creative problems read their sentences from app/ads/data/messages.yaml (both
languages kept beside the rules that raise them); the form's own problems are here.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.ads.domain.data import ads_data
from app.ads.domain.setup import Problem
from app.core.i18n import current_language
from app.core.labels import Labels, label

STATUS_NAMES: Labels = {
    "draft": _l("Draft"),
    "active": _l("Active"),
    "paused": _l("Paused"),
    "ended": _l("Ended"),
}
LEARNING_NAMES: Labels = {
    "learning": _l("Learning"),
    "active": _l("Out of the learning phase"),
    "learning_limited": _l("Learning limited"),
}
FATIGUE_NAMES: Labels = {
    "none": _l("No fatigue label"),
    "creative_limited": _l("Creative limited"),
    "creative_fatigue": _l("Creative fatigue"),
}
FAMILY_NAMES: Labels = {"meta": _l("Meta (Facebook and Instagram)"), "tiktok": _l("TikTok")}
KIND_NAMES: Labels = {"daily": _l("Daily budget"), "lifetime": _l("Lifetime budget")}
FIELD_NAMES: Labels = {
    "name": _l("Campaign name"),
    "family": _l("Platform"),
    "objective": _l("Campaign objective"),
    "budget_kind": _l("Budget type"),
    "budget": _l("Budget"),
    "start": _l("Start date"),
    "end": _l("End date"),
    "city": _l("City"),
    "radius_km": _l("Radius (km)"),
    "age_min": _l("Youngest age"),
    "age_max": _l("Oldest age"),
    "languages": _l("Languages"),
    "interests": _l("Interests"),
    "placements": _l("Placements"),
    "audience": _l("Estimated audience"),
    "is_test": _l("A/B test"),
    "category": _l("Ad category"),
    "partnership": _l("Paid partnership"),
    "primary_text": _l("Primary text"),
    "headline": _l("Headline"),
    "cta": _l("Call-to-action button"),
    "media_description": _l("Media description"),
    "aspect": _l("Aspect ratio"),
}
FORM_PROBLEMS: Labels = {
    "required": _l("Fill this in."),
    "too_long": _l("Too long. The limit in characters: %(limit)s"),
    "unknown": _l("Choose from the list."),
    "choose": _l("Choose one from the list."),
    "money": _l("Enter an amount such as 150 or 150.50."),
    "date": _l("Enter a date as year-month-day, for example 2026-03-01."),
    "past": _l("The start date has passed on the simulated clock. Today: %(today)s"),
    "end_before_start": _l("The end date is before the start date."),
    "too_long_run": _l("The sandbox runs a campaign for at most 90 days."),
    "range": _l("Enter a whole number from %(min)s to %(max)s."),
    "age_order": _l("Enter an age up to 65 and not below the youngest age."),
    "two_variants": _l("A test needs two ads: fill in variant B."),
    "one_variant": _l("Without a declared test a campaign has one ad."),
    "too_narrow": _l("The audience looks too narrow: delivery will be costly and slow."),
    "too_broad": _l("The audience looks too broad for this budget: it will reach few of them."),
}
ERRORS: Labels = {
    "ads-not-draft": _l("Only a draft can be changed or launched."),
    "ads-not-active": _l("Only an active campaign that has not ended can be paused."),
    "ads-not-paused": _l("Only a paused campaign that has not ended can be resumed."),
    "ads-invalid": _l("Fix the problems listed, then try again."),
}


def field_name(field: str) -> str:
    """The label of a form field ("a_headline" → "Headline (ad A)")."""
    if field[:2] in ("a_", "b_"):
        return f"{label(FIELD_NAMES, field[2:])} ({field[0].upper()})"
    return label(FIELD_NAMES, field)


def problem_text(p: Problem) -> str:
    """The sentence for a problem in the page's language."""
    args = dict(p.args)
    if p.source in ("budget", "creative"):
        row = ads_data("messages")[p.source].get(p.code)
        if row:
            lang = current_language()
            args.setdefault("currency", "")
            return str(row.get(lang) or row["ar"]).format(**args)
    if p.source == "policy":
        lang = "en" if current_language() == "en" else "ar"
        name, fix = args.get("name_" + lang, p.code), args.get("fix_" + lang, "")
        quoted = f" «{args['excerpt']}»" if args.get("excerpt") else ""
        return f"{name}{quoted}: {fix}"
    text = FORM_PROBLEMS.get(p.code)
    return str(text) % args if text is not None and args else label(FORM_PROBLEMS, p.code)


# The figures of a results table, in order: (field of results.Money, name, formula).
METRICS: tuple[tuple[str, object, object], ...] = (
    ("spend", _l("Amount spent"), _l("the sum of the days' spend")),
    ("impressions", _l("Impressions"), _l("times the ad was shown")),
    ("reach", _l("Reach"), _l("people who saw the ad at least once")),
    ("frequency", _l("Frequency"), _l("impressions ÷ reach")),
    ("clicks", _l("Link clicks"), _l("clicks on the ad's link")),
    ("ctr", _l("Link CTR (%)"), _l("link clicks ÷ impressions × 100")),
    ("cpc", _l("CPC"), _l("amount spent ÷ link clicks")),
    ("cpm", _l("CPM"), _l("amount spent ÷ impressions × 1000")),
    ("results", _l("Results"), _l("the objective's result: clicks, people reached, leads…")),
    ("cost_per_result", _l("Cost per result"), _l("amount spent ÷ results")),
)
SALES_METRICS: tuple[tuple[str, object, object], ...] = (
    ("revenue", _l("Purchase value"), _l("purchases × average order value")),
    ("roas", _l("ROAS"), _l("purchase value ÷ amount spent")),
)


def metrics(sales: bool) -> tuple[tuple[str, object, object], ...]:
    """The figures a results table shows (ROAS only where sales apply)."""
    return METRICS + SALES_METRICS if sales else METRICS
