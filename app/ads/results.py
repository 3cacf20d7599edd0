"""A campaign's results, computed on read from its configuration, the seed and the clock.

Nothing is stored: the same campaign, seed and simulated date always give the same days
(app/ads/domain/campaign.py). Small per-process memos keep recent runs and reports, keyed by
the campaign, its last change and the simulated date, so reading a page again, or its CSV,
does not run the days again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.ads.domain.audience import AudienceEstimate, Targeting, estimate_audience
from app.ads.domain.budget import rate
from app.ads.domain.campaign import CampaignRun, CampaignSpec, Variant, market_of, run_campaign
from app.ads.domain.creative import objective_goal
from app.ads.domain.data import ads_data
from app.ads.domain.delivery import Figures
from app.ads.domain.delivery_why import WhyLine, why
from app.ads.domain.setup import Problem, charge_of, check_ads
from app.ads.models import AdCampaign
from app.ads.policy_hook import policy_problems
from app.ads.services import currency_of, setup_of
from app.core.memo import Memo
from app.sandbox.models import SandboxAccount
from app.sandbox.services import facts

RUNS, REPORTS = Memo(256), Memo(512)


@dataclass(frozen=True)
class Money:
    """Figures in the campaign's currency: what the pages and the CSV show."""

    spend: float
    impressions: int
    reach: int
    clicks: int
    results: int
    revenue: float | None
    frequency: float
    ctr: float  # percent
    cpc: float | None
    cpm: float | None
    cost_per_result: float | None
    roas: float | None


def in_currency(f: Figures, per_usd: float) -> Money:
    """USD figures converted to the campaign's currency (counts and ratios unchanged)."""

    def conv(value: float | None) -> float | None:
        """An amount in USD in the campaign's currency (None stays None)."""
        return None if value is None else round(value * per_usd, 2)

    return Money(
        spend=round(f.spend * per_usd, 2),
        impressions=f.impressions,
        reach=f.reach,
        clicks=f.clicks,
        results=f.results,
        revenue=conv(f.revenue),
        frequency=round(f.frequency, 2),
        ctr=round(f.ctr * 100, 2),
        cpc=conv(f.cpc),
        cpm=conv(f.cpm),
        cost_per_result=conv(f.cost_per_result),
        roas=None if f.roas is None else round(f.roas, 2),
    )


def estimate_of(c: AdCampaign) -> AudienceEstimate:
    """The ad set's estimated audience band."""
    t = Targeting(c.city, c.radius_km, c.age_min, c.age_max, tuple(c.languages), tuple(c.interests))
    return estimate_audience(t)


def audience_of(c: AdCampaign) -> int:
    """The ad set's estimated audience (people)."""
    return max(1, estimate_of(c).estimate)


def spec_of(account: SandboxAccount, c: AdCampaign) -> CampaignSpec:
    """What the simulation needs from a stored campaign."""
    flagged = {p.field[0].upper() for p in policy_problems(c)}
    creative_ok = {a.variant: True for a in c.ads}
    found: list[Problem] = []
    check_ads(setup_of(c), facts(), found)
    for p in found:
        if p.code.startswith("aspect"):
            creative_ok[p.field[0].upper()] = False
    country = str(ads_data("audiences")["cities"][c.city]["country"])
    return CampaignSpec(
        key=c.rng_key,
        family=c.family,
        goal=objective_goal(c.family, c.objective) or "traffic",
        charge=charge_of(c.family, c.objective),
        currency=currency_of(account),
        kind=c.budget_kind,
        amount=Decimal(c.budget_cents) / 100,
        start=c.start_day,
        end=c.end_day,
        audience=audience_of(c),
        market=market_of(country),
        variants=tuple(
            Variant(a.variant, a.variant not in flagged, creative_ok[a.variant]) for a in c.ads
        ),
        pauses=tuple(
            (date.fromisoformat(str(a)), date.fromisoformat(b) if b else None) for a, b in c.pauses
        ),
    )


def run_of(account: SandboxAccount, c: AdCampaign) -> CampaignRun | None:
    """The campaign's passed days (None for a draft), cached per change and simulated date."""
    if c.status == "draft":
        return None
    today = account.clock.date()
    return RUNS.get_or_make(
        run_key(account, c),
        lambda: run_campaign(account.seed, spec_of(account, c), today, facts()),
    )


def run_key(account: SandboxAccount, c: AdCampaign) -> tuple[object, ...]:
    """Everything a campaign's run depends on: the row (its id, creation and last change:
    settings, launch, pauses), the account's seed and the simulated date."""
    return (account.id, account.seed, c.id, c.created_at, c.updated_at, account.clock.date())


@dataclass(frozen=True)
class Report:
    """A campaign's results as pages show them."""

    run: CampaignRun
    days: tuple[tuple[date, Money], ...]
    totals: Money
    variants: tuple[tuple[str, Money], ...]
    learning: str
    fatigue: str
    why: tuple[WhyLine, ...]
    sales: bool


def report_of(
    account: SandboxAccount, c: AdCampaign, locale: str, *, explain: bool = True
) -> Report | None:
    """Days, totals, per-variant totals, the last day's labels and the why panel (memoised:
    a report is fixed for its run and language)."""
    if c.status == "draft":
        return None
    lang = locale if locale in ("ar", "en") else "ar"
    return REPORTS.get_or_make(
        (*run_key(account, c), lang, explain), lambda: _report(account, c, lang, explain)
    )


def _report(account: SandboxAccount, c: AdCampaign, lang: str, explain: bool) -> Report | None:
    run = run_of(account, c)
    if run is None:
        return None
    per_usd = float(rate(run.spec.currency))
    first = run.deliveries[0]
    last = first.days[-1] if first.days else None
    return Report(
        run=run,
        days=tuple((d, in_currency(f, per_usd)) for d, f in zip(run.dates, run.days, strict=True)),
        totals=in_currency(run.totals, per_usd),
        variants=tuple(
            (v.label, in_currency(d.totals, per_usd))
            for v, d in zip(run.spec.variants, run.deliveries, strict=True)
        ),
        learning=last.learning if last else "learning",
        fatigue=last.fatigue if last else "none",
        why=tuple(why(first, lang)) if last and explain else (),
        sales=run.spec.goal == "sales",
    )
