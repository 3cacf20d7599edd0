"""Practice is findable: from the home page, by links alone, a learner reaches the sandbox, the
demo account's brief, a post's why panel and the portfolio builder.

In Arabic on a 360 px phone and in English at 1280 px. Every page visited passes axe (no
serious or critical finding), has no sideways scroll, and the HTML the browser received
passes vnu.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e.journey import Journey
from e2e.test_portfolio_journey import seed_demo, sign_in

pytestmark = pytest.mark.browser
JOURNEYS = {
    "ar": {"width": 360, "height": 740},
    "en": {"width": 1280, "height": 800},
}
NAMES = {
    "ar": {"sandbox": "ساحة التدريب", "portfolio": "معرض الأعمال"},
    "en": {"sandbox": "Practice sandbox", "portfolio": "Portfolio"},
}


def scenario_ids(app) -> set[str]:
    """Persona, pillar and trend ids of the café scenario (the demo account's)."""
    from app.sandbox.data import sandbox_data

    with app.app_context():
        scenario = sandbox_data().scenarios["riyadh-cafe"]
    return {
        str(entry["id"])
        for key in ("personas", "pillars", "trends")
        for entry in scenario.get(key) or []
        if "-" in str(entry["id"])  # one-word ids are also plain words ("offers")
    }


@pytest.mark.parametrize("lang", JOURNEYS)
def test_every_pillar_is_reached_by_links_from_home(
    app, new_context, live_server, users, artifacts: Path, tmp_path: Path, lang: str
):
    """Home → sandbox → the demo account's brief → a post's why panel → portfolio builder."""
    user = users.create(locale=lang)
    seed_demo(app, user)
    page = new_context(viewport=JOURNEYS[lang]).new_page()
    sign_in(page, live_server, user)
    names = NAMES[lang]
    journey = Journey(page, lang, f"findable-{lang}", artifacts, tmp_path)
    visit, follow = journey.visit, journey.click

    visit(page.goto(f"{live_server}/"), "home")
    header = page.locator("header nav.main-nav")
    expect(header.get_by_role("link", name=names["sandbox"], exact=True)).to_be_visible()
    expect(header.get_by_role("link", name=names["portfolio"], exact=True)).to_be_visible()

    # The home page's practice pillar leads to the demo account.
    follow("#pillar-practice ~ p a[href^='/sandbox/']", "account")
    expect(page.locator("form.advance-form")).to_be_visible()
    # The header's sandbox link leads to the list of accounts, and back to the account.
    follow(f"header nav.main-nav a:text-is('{names['sandbox']}')", "sandbox")
    follow("main a[href^='/sandbox/']:not([href$='/start'])", "account-again")

    follow("ul.tabs a[href$='/brief']", "brief")
    expect(page.locator("h1")).to_be_visible()

    follow("nav.breadcrumbs a[href^='/sandbox/']", "account-3")
    follow("ol.post-list.recent a", "post")
    why = page.locator("#why")
    expect(why).to_be_visible()
    # The panel names no internal id: no persona, pillar or trend id, no key=value token.
    text = why.inner_text()
    leaked = [
        i for i in scenario_ids(app) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)
    ]
    assert not leaked and not re.search(r"\w+=\S+|@\d\d:\d\d", text), (leaked, text)

    follow(f"header nav.main-nav a:text-is('{names['portfolio']}')", "portfolio-builder")
    expect(page.locator("#profile-form")).to_be_visible()

    journey.validate()
