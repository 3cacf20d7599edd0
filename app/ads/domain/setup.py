"""The campaign setup form read and checked (pure): typed values and typed problems.

Each problem names the form field it belongs to, so the page can show it by that field and
in the error summary. Budget and creative problems come from budget.py and creative.py; the
rest are the form's own (missing or unreadable values, ids outside the lists).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.ads.domain.audience import AudienceEstimate, Targeting, estimate_audience
from app.ads.domain.budget import KINDS, BudgetPlan, validate_budget
from app.ads.domain.creative import Creative, check_creative, objective_goal, ratio
from app.ads.domain.data import ads_data
from app.ads.domain.policy import category_names

FAMILIES = ("meta", "tiktok")
VARIANTS = ("A", "B")
NAME_MAX, TEXT_MAX, HEADLINE_MAX, MEDIA_MAX, MAX_DAYS = 120, 2200, 255, 500, 90
AD_FIELDS = ("primary_text", "headline", "cta", "media_description", "aspect")


@dataclass(frozen=True)
class AdDraft:
    """One ad as typed."""

    variant: str
    primary_text: str = ""
    headline: str = ""
    cta: str = ""
    media_description: str = ""
    aspect: str = "1:1"


@dataclass(frozen=True)
class Setup:
    """The whole form as typed: campaign, ad set, ads (text only; read() checks it)."""

    name: str = ""
    family: str = "meta"
    objective: str = ""
    budget_kind: str = "daily"
    budget: str = ""
    start: str = ""
    end: str = ""
    city: str = ""
    radius_km: str = "10"
    age_min: str = "18"
    age_max: str = "65"
    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    placements: tuple[str, ...] = ()
    is_test: bool = False
    category: str = ""  # a policy category id, or "" for none declared
    partnership: bool = False
    ads: tuple[AdDraft, ...] = field(default_factory=lambda: (AdDraft("A"),))


@dataclass(frozen=True)
class Problem:
    """Something to fix (error: cannot be saved or launched) or to weigh (warning)."""

    field: str  # a form field name, e.g. "budget" or "a_headline"
    code: str
    severity: str = "error"
    source: str = "form"  # form | budget | creative | audience | policy | launch
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Checked:
    """The form's values once readable, its problems and the audience estimate."""

    problems: tuple[Problem, ...]
    amount: Decimal | None = None
    start: date | None = None
    end: date | None = None
    audience: AudienceEstimate | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that block saving."""
        return tuple(p for p in self.problems if p.severity == "error")


def objectives_of(family: str) -> list[Mapping[str, Any]]:
    """The objectives the sandbox offers on a platform family (not app promotion)."""
    skip = set(ads_data("manager")["excluded_goals"])
    rows = ads_data("objectives")["objectives"].get(family, [])
    return [o for o in rows if o["goal"] not in skip]


def placements_of(family: str) -> list[str]:
    """Placement ids of a platform family."""
    return [k for k, v in ads_data("creative")["placements"].items() if v["platform"] == family]


def charge_of(family: str, objective: str) -> str:
    """Meta's minimum-budget charge group for an objective (impressions elsewhere)."""
    for o in ads_data("objectives")["objectives"].get(family, []):
        if o["id"] == objective:
            return str(o.get("charge", "impressions"))
    return "impressions"


def _int(value: str, low: int, high: int) -> int | None:
    text = value.strip()
    if not text.isdecimal() or len(text) > 6:
        return None
    number = int(text)
    return number if low <= number <= high else None


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _money(value: str) -> Decimal | None:
    try:
        amount = Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount.as_tuple().exponent < -2 or amount >= 10**9:  # type: ignore[operator]
        return None
    return amount


def check_campaign_part(s: Setup, out: list[Problem]) -> None:
    """Name, platform, objective and schedule."""
    if not s.name.strip():
        out.append(Problem("name", "required"))
    elif len(s.name) > NAME_MAX:
        out.append(Problem("name", "too_long", args=(("limit", str(NAME_MAX)),)))
    if s.family not in FAMILIES:
        out.append(Problem("family", "unknown"))
    elif s.objective not in {o["id"] for o in objectives_of(s.family)}:
        out.append(Problem("objective", "choose"))
    if s.budget_kind not in KINDS:
        out.append(Problem("budget_kind", "unknown"))
    if s.category and s.category not in category_names():
        out.append(Problem("category", "unknown"))


def check_schedule(start: date | None, end: date | None, today: date, out: list[Problem]) -> None:
    """Dates readable, not in the simulated past, at most MAX_DAYS long."""
    if start is None:
        out.append(Problem("start", "date"))
    elif start < today:
        out.append(Problem("start", "past", args=(("today", today.isoformat()),)))
    if end is None:
        out.append(Problem("end", "date"))
    elif start is not None and end < start:
        out.append(Problem("end", "end_before_start"))
    elif start is not None and (end - start).days + 1 > MAX_DAYS:
        out.append(Problem("end", "too_long_run", args=(("limit", str(MAX_DAYS)),)))


def check_audience(s: Setup, out: list[Problem]) -> AudienceEstimate | None:
    """The ad set's audience: ids from the lists, numbers in range, then the size band."""
    data = ads_data("audiences")
    bad = len(out)
    if s.city not in data["cities"]:
        out.append(Problem("city", "choose"))
    radius = _int(s.radius_km, int(data["radius_km"]["min"]), int(data["radius_km"]["max"]))
    if radius is None:
        out.append(Problem("radius_km", "range", args=_bounds(data["radius_km"])))
    low, top = int(data["age_min_target"]), int(data["age_open_top"])
    age_min, age_max = _int(s.age_min, low, top), _int(s.age_max, low, top)
    if age_min is None:
        out.append(Problem("age_min", "range", args=_bounds({"min": low, "max": top})))
    if age_max is None or (age_min is not None and age_max < age_min):
        out.append(Problem("age_max", "age_order"))
    if not set(s.languages) <= set(data["language_names"]):
        out.append(Problem("languages", "unknown"))
    if not set(s.interests) <= set(data["interests"]):
        out.append(Problem("interests", "unknown"))
    if len(out) > bad or radius is None or age_min is None or age_max is None:
        return None
    estimate = estimate_audience(
        Targeting(s.city, radius, age_min, age_max, s.languages, s.interests)
    )
    if estimate.label != "fine":
        out.append(Problem("audience", estimate.label, "warning", "audience"))
    return estimate


def _bounds(b: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return (("min", str(b["min"])), ("max", str(b["max"])))


def check_ads(s: Setup, facts: Mapping[str, Any], out: list[Problem]) -> None:
    """Placements, the number of ads and each ad's fields against every chosen placement."""
    if not s.placements:
        out.append(Problem("placements", "choose"))
    elif not set(s.placements) <= set(placements_of(s.family)):
        out.append(Problem("placements", "unknown"))
    wanted = 2 if s.is_test else 1
    if len(s.ads) != wanted:
        out.append(Problem("is_test", "two_variants" if s.is_test else "one_variant"))
    limits = {"primary_text": TEXT_MAX, "headline": HEADLINE_MAX, "media_description": MEDIA_MAX}
    for ad in s.ads:
        prefix = ad.variant.lower() + "_"
        if not ad.primary_text.strip():
            out.append(Problem(prefix + "primary_text", "required"))
        for name, limit in limits.items():
            if len(getattr(ad, name)) > limit:
                out.append(Problem(prefix + name, "too_long", args=(("limit", str(limit)),)))
        if ratio(ad.aspect) is None:
            out.append(Problem(prefix + "aspect", "aspect_invalid", args=(("actual", ad.aspect),)))
            continue
        if (
            not ad.primary_text.strip()
            or s.family not in FAMILIES
            or objective_goal(s.family, s.objective) is None
        ):
            continue
        seen: set[Problem] = set()
        for placement in s.placements if set(s.placements) <= set(placements_of(s.family)) else ():
            c = Creative(placement, s.objective, ad.primary_text, ad.headline, ad.aspect, ad.cta)
            for f in check_creative(c, facts):
                where = prefix + _FIELD_OF.get(f.code.split("_")[0], "primary_text")
                args = (("actual", f.actual), ("limit", f.limit), ("placement", placement))
                problem = Problem(where, f.code, f.severity, "creative", args)
                key = Problem(where, f.code, f.severity, "creative", args[:2])
                if key not in seen:
                    seen.add(key)
                    out.append(problem)


_FIELD_OF = {"text": "primary_text", "headline": "headline", "aspect": "aspect", "cta": "cta"}
_FIELD_OF |= {"unknown": "cta"}


def check_budget(
    s: Setup,
    amount: Decimal,
    currency: str,
    dates: tuple[date, date],
    facts: Mapping[str, Any],
    out: list[Problem],
) -> None:
    """The budget against the platform's minimum for its kind, level and charge."""
    if s.budget_kind not in KINDS:
        return
    charge = charge_of(s.family, s.objective)
    plan = BudgetPlan(s.family, s.budget_kind, amount, currency, *dates, charge)
    for b in validate_budget(plan, facts):
        args = (
            ("minimum", str(b.minimum or "")),
            ("actual", str(b.actual or "")),
            ("currency", currency),
        )
        out.append(Problem("budget", b.code, "error", "budget", args))


def check_setup(s: Setup, currency: str, today: date, facts: Mapping[str, Any]) -> Checked:
    """Every problem of the form, in the order of its sections, with its readable values."""
    out: list[Problem] = []
    check_campaign_part(s, out)
    amount = _money(s.budget)
    if amount is None:
        out.append(Problem("budget", "money"))
    start, end = _date(s.start), _date(s.end)
    check_schedule(start, end, today, out)
    if amount is not None and start and end and end >= start and s.family in FAMILIES:
        check_budget(s, amount, currency, (start, end), facts, out)
    audience = check_audience(s, out)
    check_ads(s, facts, out)
    return Checked(tuple(out), amount, start, end, audience)
