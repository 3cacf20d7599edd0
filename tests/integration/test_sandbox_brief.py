"""The brief page: every section with the scenario's own content, in both languages."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from app.sandbox.domain.scenarios import load_sandbox

SCENARIOS = load_sandbox().scenarios


def start(client, scenario: str) -> int:
    """Start an account on `scenario`; return its id."""
    response = client.post("/sandbox/start", data={"scenario": scenario})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def visible(html: str) -> str:
    """The page's text without tags, attributes, styles or scripts (what a reader sees)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_brief_shows_every_section_with_the_scenarios_content(client, auth, lang, scenario_id):
    """Goals with targets, personas, voice, pillars, competitors, calendar and trends."""
    auth(locale=lang)
    account = start(client, scenario_id)
    response = client.get(f"/sandbox/{account}/brief")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = visible(html)
    s = SCENARIOS[scenario_id]
    assert f'lang="{lang}"' in html
    expected = [s.get("name")[lang], s.get("brief")[lang][:60]]
    expected += [g.label[lang] for g in s.goals]
    expected += [f["text"][lang][:50] for f in s.get("facts")]
    for p in s.personas:
        expected += [p["name"][lang], p["summary"][lang][:50], p["needs"][0][lang]]
    voice = s.get("voice")
    expected += [voice["do"][0][lang][:40], voice["dont"][0][lang][:40], voice["banned"][0]]
    expected += [voice["adjectives"][0][lang], voice["register"][lang][:40]]
    expected += [p["name"][lang] for p in s.get("pillars")]
    for c in s.get("competitors"):
        expected += [c["name"][lang], c["handle"], c["positioning"][lang][:40]]
        expected.append(max(c["weeks"], key=lambda w: w["week"])["top_post"][lang])
    expected += [t["title"][lang] for t in s.get("trends")]
    expected += [t["summary"][lang][:50] for t in s.get("trends")]
    for needle in expected:
        assert needle in text, needle


def ids_of(scenario) -> set[str]:
    """The persona, pillar, trend, competitor, fact and calendar-event ids of a scenario."""
    from app.sandbox.domain.scenarios import load_sandbox as load

    calendar = load().calendars[scenario.country]
    ids = {e["id"] for e in calendar.events}
    for key in ("personas", "pillars", "trends", "competitors", "facts"):
        ids |= {x["id"] for x in scenario.get(key) or []}
    return ids


def authored(node, lang: str) -> str:
    """Every text the scenario's authors wrote for `lang`, with handles and banned words."""
    if isinstance(node, dict):
        if isinstance(node.get(lang), str):
            return node[lang]
        words = [node.get("handle") or "", *(node.get("banned") or [])]
        return " ".join([*words, *(authored(v, lang) for v in node.values())])
    if isinstance(node, list):
        return " ".join(authored(v, lang) for v in node)
    return ""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_brief_shows_no_internal_ids(client, auth, lang, scenario_id):
    """No persona, pillar, trend, competitor, fact or event id reaches the visible text.

    An id that is also a word of the scenario's own text in this language (`offers`,
    `e-invoicing`, a handle) cannot be told apart from that text, so it is not looked for.
    """
    auth(locale=lang)
    account = start(client, scenario_id)
    text = visible(client.get(f"/sandbox/{account}/brief").get_data(as_text=True))
    own = authored(dict(SCENARIOS[scenario_id].data), lang)
    word = r"(?<![\w@.-]){}(?![\w-])"
    ids = {i for i in ids_of(SCENARIOS[scenario_id]) if not re.search(word.format(i), own)}
    leaked = {i for i in ids if re.search(word.format(i), text)}
    assert len(ids) > 20 and not leaked


def test_composer_lists_every_trend_with_summary_window_and_risk(client, auth):
    """Without JavaScript the composer carries each trend's summary, window dates and risk."""
    auth(locale="en")
    account = start(client, "riyadh-cafe")
    html = client.get(f"/sandbox/{account}/compose").get_data(as_text=True)
    text = visible(html)
    assert "Trends: summary, window and risk" in text
    for trend in SCENARIOS["riyadh-cafe"].get("trends"):
        assert trend["summary"]["en"] in text
    # 'A tour of my neighbourhood' runs on days 0 to 12 from Sunday 31 January 2027.
    assert "Window: 31 January to 12 February (open now). Risk: low." in text
    assert 'aria-describedby="p-instagram-trend-info"' in html


def test_composer_shows_the_picked_trends_details_under_its_select(client, auth):
    """After «Check», the picked trend's summary, window and risk sit under its select."""
    auth(locale="ar")
    account = start(client, "riyadh-cafe")
    form = {
        "title": "جولة",
        "action": "check",
        "p-instagram-include": "1",
        "p-instagram-format": "feed",
        "p-instagram-text": "جولة في حي النرجس",
        "p-instagram-goal": "awareness",
        "p-instagram-media_count": "1",
        "p-instagram-aspect": "4:5",
        "p-instagram-trend": "neighbourhood-tour",
    }
    html = client.post(f"/sandbox/{account}/compose", data=form).get_data(as_text=True)
    info = re.search(r'<p class="hint" id="p-instagram-trend-info"[^>]*>(.*?)</p>', html, re.S)
    assert info, "no trend details under the select"
    trend = SCENARIOS["riyadh-cafe"].get("trends")[0]
    assert trend["summary"]["ar"] in htmllib.unescape(info.group(1))
    assert "31 يناير" in info.group(1) and "12 فبراير" in info.group(1)


def test_brief_is_for_its_owner_only(app, client, auth):
    """Another learner gets 404 for someone's brief; an anonymous visitor is sent to log in."""
    auth()
    account = start(client, "food-bank")
    assert client.get(f"/sandbox/{account}/brief").status_code == 200
    other = app.test_client()
    auth(other)
    assert other.get(f"/sandbox/{account}/brief").status_code == 404
    anonymous = app.test_client().get(f"/sandbox/{account}/brief")
    assert anonymous.status_code in (302, 303) and "/login" in anonymous.headers["Location"]


def test_account_page_and_tabs_link_to_the_brief(client, auth):
    """The learner reaches the brief from the account page and from the sandbox tabs."""
    auth(locale="en")
    account = start(client, "ledger-b2b")
    html = client.get(f"/sandbox/{account}").get_data(as_text=True)
    assert html.count(f'href="/sandbox/{account}/brief"') == 2
    brief = client.get(f"/sandbox/{account}/brief").get_data(as_text=True)
    assert f'href="/sandbox/{account}/brief" aria-current="page"' in brief
