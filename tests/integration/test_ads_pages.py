"""The ads manager through its pages: setup errors, launch, results on the clock, report, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.ads.domain.budget import minimum_budget
from app.ads.models import AdCampaign
from app.core.extensions import db
from app.sandbox.models import SandboxAccount
from app.sandbox.services import facts


@pytest.fixture(autouse=True)
def context(app):
    """Every test reads the database directly, so it runs inside an app context."""
    with app.app_context():
        yield


def start(client) -> int:
    """Start the café account (SAR); return its id."""
    response = client.post("/sandbox/start", data={"scenario": "riyadh-cafe"})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def today(account_id: int) -> date:
    """The account's simulated date."""
    return db.session.get(SandboxAccount, account_id).clock.date()


def campaign_form(first: date, **extra: str) -> dict[str, object]:
    """A valid traffic campaign in Riyadh, starting on `first`, for a week."""
    return {
        "name": "حملة القهوة المختصة",
        "family": "meta",
        "objective": "OUTCOME_TRAFFIC",
        "budget_kind": "daily",
        "budget": "100",
        "start": first.isoformat(),
        "end": (first + timedelta(days=6)).isoformat(),
        "city": "riyadh",
        "radius_km": "15",
        "age_min": "18",
        "age_max": "45",
        "interests": ["coffee"],
        "placements": ["meta-feed"],
        "a_primary_text": "قهوة مختصة محمصة في الرياض",
        "a_headline": "جرّبها اليوم",
        "a_cta": "learn-more",
        "a_media_description": "كوب قهوة على طاولة خشبية",
        "a_aspect": "4:5",
        "action": "save",
    } | extra


def advance(client, account_id: int, days: int) -> None:
    """Move the account's clock forward by whole days, as the clock form does."""
    shown = db.session.get(SandboxAccount, account_id).clock.isoformat()
    data = {"amount": str(days), "unit": "days", "clock": shown}
    assert client.post(f"/sandbox/{account_id}/advance", data=data).status_code == 303
    db.session.expire_all()


def made(client, account_id: int, **extra: str) -> int:
    """Save a draft campaign; return its id."""
    form = campaign_form(today(account_id) + timedelta(days=1), **extra)
    response = client.post(f"/sandbox/{account_id}/ads/new", data=form)
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_errors_keep_every_typed_value_and_name_each_field(client, auth):
    """A budget below the SAR minimum and a missing name: 422, values kept, messages by field."""
    auth()
    account = start(client)
    least = minimum_budget(facts(), "meta", "SAR", charge="clicks")
    low = str(least - 1)
    form = campaign_form(today(account) + timedelta(days=1), name="", budget=low)
    page = client.post(f"/sandbox/{account}/ads/new", data=form)
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'id="error-summary"' in html
    assert 'id="budget-error"' in html and 'id="name-error"' in html
    assert str(least) in html.split('id="budget-error"', 1)[1].split("</div>", 1)[0]
    assert f'value="{low}"' in html and "قهوة مختصة محمصة في الرياض" in html
    assert 'value="coffee" checked' in html
    assert db.session.scalar(select(AdCampaign)) is None


def test_estimate_button_shows_the_band_and_saves_nothing(client, auth):
    """The audience button re-renders the form with the estimated band, storing nothing."""
    auth()
    account = start(client)
    form = campaign_form(today(account) + timedelta(days=1), action="estimate")
    page = client.post(f"/sandbox/{account}/ads/new", data=form)
    assert page.status_code == 200
    assert 'id="audience"' in page.get_data(as_text=True)
    assert db.session.scalar(select(AdCampaign)) is None


def test_the_form_states_both_of_metas_day_caps_from_the_facts(client, auth):
    """The pacing note gives the simulator's day and week caps and the disputed newer figure,
    each read from courses/facts.yaml."""
    auth(locale="en")
    account = start(client)
    text = client.get(f"/sandbox/{account}/ads/new").get_data(as_text=True)
    known = facts()
    assert f"up to {known['meta-daily-cap-multiplier']} times the daily budget" in text
    assert f"never more than {known['meta-weekly-cap-multiple']} times it" in text
    assert f"up to {known['meta-daily-budget-overspend']}% above" in text


def test_launch_refused_once_the_start_date_has_passed(client, auth):
    """A draft whose start has gone by on the clock is not launched; the problem is listed."""
    auth()
    account = start(client)
    campaign = made(client, account)
    advance(client, account, 3)
    page = client.post(f"/sandbox/{account}/ads/{campaign}/launch")
    assert page.status_code == 422
    assert "error-summary" in page.get_data(as_text=True)
    assert db.session.get(AdCampaign, campaign).status == "draft"


def test_results_appear_as_the_clock_passes_and_stop_at_the_end(client, auth):
    """Launched, then 3 days: 3 rows of results; after the end: the 7 scheduled days, ended."""
    auth()
    account = start(client)
    campaign = made(client, account)
    assert client.post(f"/sandbox/{account}/ads/{campaign}/launch").status_code == 303
    assert client.get(f"/sandbox/{account}/ads/{campaign}/edit").status_code == 303  # launched
    advance(client, account, 4)  # tomorrow's start, then 3 full days
    html = client.get(f"/sandbox/{account}/ads/{campaign}").get_data(as_text=True)
    days = html.split('id="days-heading"', 1)[1].split("</tbody>", 1)[0]
    assert days.count('<th scope="row">') == 3
    assert 'id="why-heading"' in html
    advance(client, account, 10)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/sandbox/{account}/ads/{campaign}/report.csv")
                .get_data(as_text=True)
                .lstrip("\ufeff")
            )
        )
    )
    dated = [r for r in rows if r and r[0][:4].isdigit()]
    assert len(dated) == 7
    spend = sum(float(r[1]) for r in dated)
    total = next(r for r in rows if r[0] in ("الإجمالي", "Total"))
    assert abs(float(total[1]) - spend) < 0.05
    assert spend <= 7 * 100 * 1.25
    listing = client.get(f"/sandbox/{account}/ads").get_data(as_text=True)
    assert "حملة القهوة المختصة" in listing


def test_the_same_campaign_gives_the_same_figures(client, auth):
    """Results are recomputed on each read and come out the same."""
    auth()
    account = start(client)
    campaign = made(client, account)
    client.post(f"/sandbox/{account}/ads/{campaign}/launch")
    advance(client, account, 5)
    first = client.get(f"/sandbox/{account}/ads/{campaign}/report.csv").get_data()
    from app.ads import results

    results.RUNS.clear()
    results.REPORTS.clear()
    assert client.get(f"/sandbox/{account}/ads/{campaign}/report.csv").get_data() == first


def test_report_is_printable_and_names_formulas(client, auth):
    """The report page carries the totals with their formulas and no site navigation tabs."""
    auth()
    account = start(client)
    campaign = made(client, account)
    client.post(f"/sandbox/{account}/ads/{campaign}/launch")
    advance(client, account, 3)
    html = client.get(f"/sandbox/{account}/ads/{campaign}/report").get_data(as_text=True)
    assert "ads-report" in html and 'class="tabs"' not in html
    assert "÷" in html


def test_a_test_needs_two_variants_and_splits_them(client, auth):
    """Declared as a test without ad B: refused; with B: both variants get results."""
    auth()
    account = start(client)
    form = campaign_form(today(account) + timedelta(days=1), is_test="1")
    page = client.post(f"/sandbox/{account}/ads/new", data=form)
    assert page.status_code == 422 and 'id="b_primary_text-error"' in page.get_data(as_text=True)
    campaign = made(
        client, account, is_test="1", b_primary_text="قهوة باردة لأيام الصيف", b_aspect="1:1"
    )
    client.post(f"/sandbox/{account}/ads/{campaign}/launch")
    advance(client, account, 4)
    html = client.get(f"/sandbox/{account}/ads/{campaign}").get_data(as_text=True)
    assert 'id="variants-heading"' in html


def test_pause_stops_spend_from_that_day(client, auth):
    """Paused on a day: that day and the next spend nothing; resumed: spend comes back."""
    auth()
    account = start(client)
    campaign = made(client, account)
    client.post(f"/sandbox/{account}/ads/{campaign}/launch")
    advance(client, account, 2)
    assert client.post(f"/sandbox/{account}/ads/{campaign}/pause").status_code == 303
    advance(client, account, 2)
    client.post(f"/sandbox/{account}/ads/{campaign}/resume")
    advance(client, account, 2)
    text = client.get(f"/sandbox/{account}/ads/{campaign}/report.csv").get_data(as_text=True)
    dated = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if r and r[0][:4].isdigit()]
    spend = [float(r[1]) for r in dated]
    assert len(spend) == 5
    assert spend[0] > 0 and spend[1] == 0 and spend[2] == 0 and spend[3] > 0


def test_another_learners_campaign_does_not_exist(client, auth):
    """Someone else's campaign answers 404 on its pages and actions."""
    auth()
    account = start(client)
    campaign = made(client, account)
    client.post("/logout")
    auth(email="other@example.com")
    other = start(client)
    for path in ("", "/edit", "/report", "/report.csv"):
        assert client.get(f"/sandbox/{other}/ads/{campaign}{path}").status_code == 404
        assert client.get(f"/sandbox/{account}/ads/{campaign}{path}").status_code == 404
    assert client.post(f"/sandbox/{other}/ads/{campaign}/launch").status_code == 404


def test_the_campaign_pages_clock_form_comes_back_to_the_campaign(client, auth):
    """A running campaign carries the clock form; it returns to the campaign, never elsewhere."""
    auth()
    account = start(client)
    campaign = made(client, account)
    client.post(f"/sandbox/{account}/ads/{campaign}/launch")
    page = client.get(f"/sandbox/{account}/ads/{campaign}").get_data(as_text=True)
    assert f'name="back" value="ads-{campaign}"' in page
    shown = db.session.get(SandboxAccount, account).clock.isoformat()
    step = {"amount": "2", "unit": "days", "clock": shown, "back": f"ads-{campaign}"}
    moved = client.post(f"/sandbox/{account}/advance", data=step)
    assert moved.headers["Location"].endswith(f"/sandbox/{account}/ads/{campaign}")
    db.session.expire_all()
    shown = db.session.get(SandboxAccount, account).clock.isoformat()
    away = step | {"clock": shown, "back": "ads-//evil.example"}
    assert (
        client.post(f"/sandbox/{account}/advance", data=away)
        .headers["Location"]
        .endswith(f"/sandbox/{account}")
    )


def test_a_policy_rejection_blocks_the_launch_and_names_the_rule(client, auth):
    """An ad asking viewers about their illness is saved as a draft but not launched."""
    auth()
    account = start(client)
    text = "هل تعاني من السكري؟ برنامجنا الغذائي يساعدك على ضبط مستوى السكر."
    campaign = made(client, account, a_primary_text=text)
    draft = client.get(f"/sandbox/{account}/ads/{campaign}").get_data(as_text=True)
    review = draft.split('id="c-heading"', 1)[1].split('/launch"', 1)[0]
    assert "«هل تعاني من السكري" in review  # the finding quotes the learner's words
    page = client.post(f"/sandbox/{account}/ads/{campaign}/launch")
    assert page.status_code == 422
    summary = page.get_data(as_text=True).split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    from app.ads.domain.policy import load_policy

    (rule,) = [r for r in load_policy().rules if r.id == "personal-attributes"]
    assert rule.text("name", "ar") in summary
    assert db.session.get(AdCampaign, campaign).status == "draft"
