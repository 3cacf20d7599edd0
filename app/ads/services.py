"""Ads manager services: save a draft campaign, launch, pause and resume it.

Services take the user as their first argument and only touch that user's rows; every
write locks the sandbox account first, as the sandbox's units do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.accounts.models import User
from app.ads.domain.data import ads_data, resolve
from app.ads.domain.setup import AdDraft, Checked, Problem, Setup, check_setup
from app.ads.models import AdCampaign, AdCreative
from app.ads.policy_hook import blocking, policy_problems
from app.core.db import DbSession, locked, utcnow, write_unit
from app.core.extensions import db
from app.sandbox.errors import SandboxError, SandboxNotFound
from app.sandbox.models import SandboxAccount
from app.sandbox.services import facts, key_of, own_account, scenario_of


class CampaignNotFound(SandboxNotFound):
    """No such campaign in this user's account."""


class Invalid(SandboxError):
    """The form or the launch has blocking problems; each one is listed."""

    def __init__(self, problems: Sequence[Problem], checked: Checked | None = None) -> None:
        """Keep the problems (and the form's check, for its audience estimate)."""
        super().__init__("ads-invalid")
        self.problems = tuple(problems)
        self.checked = checked


@dataclass(frozen=True)
class Saved:
    """A saved draft and the warnings it still carries."""

    campaign: AdCampaign
    warnings: tuple[Problem, ...]


def currency_of(account: SandboxAccount) -> str:
    """The scenario's currency (budgets are set in it)."""
    return str(scenario_of(account).get("currency") or "USD")


def check(account: SandboxAccount, setup: Setup) -> Checked:
    """The form's problems against the account's currency and simulated date."""
    return check_setup(setup, currency_of(account), account.clock.date(), facts())


def campaigns_of(account: SandboxAccount) -> list[AdCampaign]:
    """The account's campaigns, newest first."""
    query = select(AdCampaign).where(AdCampaign.account_id == account.id)
    return list(db.session.scalars(query.order_by(AdCampaign.id.desc())))


def campaign_for(user: User, account: SandboxAccount, campaign_id: int) -> AdCampaign:
    """A campaign of the user's account; another learner's does not exist for them."""
    row = db.session.get(AdCampaign, campaign_id)
    if row is None or row.user_id != user.id or row.account_id != account.id:
        raise CampaignNotFound(campaign_id)
    return row


def _own_campaign(s: DbSession, user: User, account_id: int, campaign_id: int) -> AdCampaign:
    """The account (locked first) and its campaign, locked."""
    own_account(s, user, account_id)
    row = locked(s, AdCampaign, campaign_id)
    if row is None or row.user_id != user.id or row.account_id != account_id:
        raise CampaignNotFound(campaign_id)
    return row


def setup_of(c: AdCampaign) -> Setup:
    """A stored campaign as the form shows it."""
    return Setup(
        name=c.name,
        family=c.family,
        objective=c.objective,
        budget_kind=c.budget_kind,
        budget=str(Decimal(c.budget_cents) / 100),
        start=c.start_day.isoformat(),
        end=c.end_day.isoformat(),
        city=c.city,
        radius_km=str(c.radius_km),
        age_min=str(c.age_min),
        age_max=str(c.age_max),
        languages=tuple(c.languages),
        interests=tuple(c.interests),
        placements=tuple(c.placements),
        is_test=c.is_test,
        category=c.category,
        partnership=c.partnership,
        ads=tuple(
            AdDraft(a.variant, a.primary_text, a.headline, a.cta, a.media_description, a.aspect)
            for a in c.ads
        ),
    )


def _fill(c: AdCampaign, s: Setup, checked: Checked) -> None:
    """Copy a checked form onto the campaign row and its ads."""
    assert checked.amount is not None and checked.start and checked.end  # nosec B101
    c.name, c.family, c.objective = s.name.strip(), s.family, s.objective
    c.budget_kind, c.budget_cents = s.budget_kind, int(checked.amount * 100)
    c.start_day, c.end_day = checked.start, checked.end
    c.city, c.radius_km = s.city, int(s.radius_km)
    c.age_min, c.age_max = int(s.age_min), int(s.age_max)
    c.languages, c.interests = sorted(set(s.languages)), sorted(set(s.interests))
    c.placements, c.is_test = sorted(set(s.placements)), s.is_test
    c.category, c.partnership = s.category, s.partnership
    c.updated_at = utcnow()
    c.ads = [
        AdCreative(
            user_id=c.user_id,
            variant=a.variant,
            primary_text=a.primary_text.strip(),
            headline=a.headline.strip(),
            cta=a.cta,
            media_description=a.media_description.strip(),
            aspect=a.aspect.strip(),
        )
        for a in s.ads
    ]


def save_campaign(
    user: User, account: SandboxAccount, setup: Setup, campaign_id: int | None = None
) -> Saved:
    """Create or update a draft; refused (Invalid) while any error remains."""
    account_id = key_of(account)
    with write_unit(db.session) as s:
        fresh = own_account(s, user, account_id)
        checked = check(fresh, setup)
        if checked.errors:
            raise Invalid(checked.errors, checked)
        if campaign_id is None:
            count = s.scalar(
                select(func.count(AdCampaign.id)).where(AdCampaign.account_id == account_id)
            )
            row = AdCampaign(account_id=account_id, user_id=user.id, rng_key=f"c{count + 1}")
            s.add(row)
        else:
            row = _own_campaign(s, user, account_id, campaign_id)
            if row.status != "draft":
                raise SandboxError("ads-not-draft")
        _fill(row, setup, checked)
        s.flush()
    return Saved(row, tuple(p for p in checked.problems if p.severity != "error"))


def launch_problems(account: SandboxAccount, c: AdCampaign) -> list[Problem]:
    """Everything that blocks launching: the form's errors now and policy rejections."""
    found = list(check(account, setup_of(c)).errors)
    found += [p for p in policy_problems(c) if blocking(p)]
    return found


def launch(user: User, account: SandboxAccount, campaign_id: int) -> AdCampaign:
    """Start delivery of a draft; refused with every blocking problem listed."""
    account_id = key_of(account)
    with write_unit(db.session) as s:
        fresh = own_account(s, user, account_id)
        row = _own_campaign(s, user, account_id, campaign_id)
        if row.status != "draft":
            raise SandboxError("ads-not-draft")
        problems = launch_problems(fresh, row)
        if problems:
            raise Invalid(problems)
        row.status, row.launched_at, row.updated_at = "active", utcnow(), utcnow()
    return row


def _today(s: DbSession, account_id: int) -> date:
    account = s.get(SandboxAccount, account_id)
    return account.clock.date()


def pause(user: User, account: SandboxAccount, campaign_id: int) -> AdCampaign:
    """Stop delivery from the current simulated day on (the days before it are kept)."""
    account_id = key_of(account)
    with write_unit(db.session) as s:
        row = _own_campaign(s, user, account_id, campaign_id)
        today = _today(s, account_id)
        if row.status != "active" or today > row.end_day:
            raise SandboxError("ads-not-active")
        row.pauses = [*row.pauses, [today.isoformat(), None]]
        row.status, row.updated_at = "paused", utcnow()
    return row


def resume(user: User, account: SandboxAccount, campaign_id: int) -> AdCampaign:
    """Deliver again from the current simulated day on."""
    account_id = key_of(account)
    with write_unit(db.session) as s:
        row = _own_campaign(s, user, account_id, campaign_id)
        today = _today(s, account_id)
        if row.status != "paused" or today > row.end_day:
            raise SandboxError("ads-not-paused")
        pauses = [list(p) for p in row.pauses]
        pauses[-1][1] = today.isoformat()
        row.pauses = pauses
        row.status, row.updated_at = "active", utcnow()
    return row


def limits(part: str) -> dict[str, int]:
    """Characters per placement for "text" or "headline", from the creative specs and facts."""
    specs = ads_data("creative")["placements"]
    return {k: int(resolve(v[part], facts())) for k, v in specs.items() if v.get(part)}


def blank_setup(account: SandboxAccount) -> Setup:
    """A new form: the first listed city of the scenario's country, a week from tomorrow."""
    cities = ads_data("audiences")["cities"]
    country = scenario_of(account).country
    city = next((k for k, v in cities.items() if v["country"] == country), next(iter(cities)))
    start = account.clock.date() + timedelta(days=1)
    return Setup(
        city=city,
        start=start.isoformat(),
        end=(start + timedelta(days=6)).isoformat(),
        placements=("meta-feed",),
    )


def status_of(c: AdCampaign, today: date) -> str:
    """draft, active, paused, or ended once the schedule has passed."""
    if c.status != "draft" and today > c.end_day:
        return "ended"
    return c.status


def pacing_note() -> dict[str, str]:
    """The figures the form's pacing note states: the simulator's Meta day and week caps, and
    the newer day figure Meta's pages disagree with (a known disagreement, taught as such)."""
    from app.ads.domain.budget import caps
    from app.sandbox.services import facts

    known = facts()
    day, week = caps(known, "meta")
    return {
        "day": f"{day.normalize()}",
        "week": f"{week.normalize()}",
        "newer": f"{known.get('meta-daily-budget-overspend', '')}",
    }
