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
        words = [node.get("handle") or ""] + list(node.get("banned") or [])
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
