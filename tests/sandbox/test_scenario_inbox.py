"""Scenario inbox data (roles, subtypes, keys, facts, follow-ups): broken data is named by line."""

from __future__ import annotations

import pytest

from app.content.errors import Problems
from app.content.yamlfile import parse_yaml
from app.sandbox.domain.scenario_inbox import CORE_SUBTYPES, check_inbox_data
from app.sandbox.domain.scenarios import EXPECTED, HERE, Checker, load_sandbox

# food-bank and ledger-b2b get their inbox data on another branch (issue #14).
DONE = ("riyadh-cafe", "cairo-abaya", "food-bank", "ledger-b2b")

ROLES = """roles:
  - {id: "desk", name: {ar: "أ", en: "A"}, title: {ar: "ب", en: "B"}, handles: [service]}
  - {id: "lab", name: {ar: "أ", en: "A"}, title: {ar: "ب", en: "B"}, handles: [safety]}
  - {id: "boss", name: {ar: "أ", en: "A"}, title: {ar: "ب", en: "B"}, handles: [crisis]}
  - {id: "spokesperson", name: {ar: "أ", en: "A"}, title: {ar: "ب", en: "B"}, handles: [press]}
"""
FACTS = """facts:
  - {id: "speed", keywords: ["خلال ساعه", "within an hour"]}
"""
REPLY = '{ar: "آسفين على التأخير، يصلك خلال ساعة", en: "Sorry it is late; it reaches you within an hour"}'
FOLLOW = (
    '{text: "شكرًا", expected: "reply", facts: ["speed"], key: ["التأخير", "late"], '
    f"model_reply: {REPLY}}}"
)


def message(mid: str, kind: str, subtype: str, extra: str = "") -> str:
    """One well-formed inbox message in flow style."""
    return (
        f'  - {{id: "{mid}", kind: "{kind}", dialect: "gulf", subtype: "{subtype}", '
        f'key: ["التأخير", "تأخر", "late"], facts: ["speed"], escalate_to: "lab", '
        f"model_reply: {REPLY}, follow_up: {FOLLOW}{extra}}}\n"
    )


def good() -> str:
    """A scenario fragment that passes every rule."""
    inbox = "".join(
        message(
            f"m{i}",
            "troll"
            if s == "troll"
            else "safety"
            if s == "product-safety"
            else "misinformation"
            if s == "misinformation"
            else "complaint",
            s,
        )
        for i, s in enumerate(CORE_SUBTYPES)
    )
    inbox += message("m6", "complaint", "price")
    inbox += "".join(
        f'  - {{id: "q{i}", kind: "question", follow_up: {FOLLOW}}}\n' for i in range(4)
    )
    return ROLES + FACTS + "inbox:\n" + inbox


def check(text: str) -> list[str]:
    """The problems check_inbox_data reports for a fragment, as 'line: message'."""
    data = parse_yaml(text)
    problems = Problems()
    inbox = [m for m in data.get("inbox") or [] if isinstance(m, dict)]
    check_inbox_data(data, inbox, EXPECTED, Checker(problems, "x.yaml"), "scenario 'x'")
    return [f"{p.line}: {p.message}" for p in problems.items]


def test_a_complete_fragment_passes():
    """Roles, six core subtypes, a dialect complaint outside them and four question follow-ups."""
    assert check(good()) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('id: "spokesperson"', 'id: "press-office"', "its id is 'spokesperson'"),
        ("handles: [crisis]", "handles: [service]", "exactly one role handles crisis (found 0)"),
        ("handles: [safety]", "handles: [gossip]", "handles 'gossip' is not one of"),
        (
            'title: {ar: "ب", en: "B"}, handles: [service]',
            "handles: [service]",
            "role 'desk': 'title' needs ar and en text",
        ),
        ('  - {id: "desk"', '  - {id: "Desk Team"', "each roles entry needs a kebab-case id"),
        ('subtype: "late-delivery"', 'subtype: "slow"', "subtype 'slow' is not one of"),
        (
            'subtype: "late-delivery"',
            'subtype: "other"',
            "no inbox message of subtype late-delivery",
        ),
        ('subtype: "troll"', 'subtype: "other"', "a troll message cannot have subtype 'other'"),
        ('kind: "safety"', 'kind: "complaint"', "subtype 'product-safety' needs kind 'safety'"),
        (
            'subtype: "price"',
            'subtype: "quality", dialect: "msa"',
            "needs a complaint in Gulf, Egyptian or Levantine dialect outside",
        ),
        ('escalate_to: "lab"', 'escalate_to: "nobody"', "escalate_to 'nobody' is not a role"),
        ('key: ["التأخير", "تأخر", "late"]', 'key: ["التأخير", "late"]', "needs 3–8 terms (has 2)"),
        (
            'key: ["التأخير", "تأخر", "late"]',
            'key: ["التأخير", "تأخر", "تأخرت"]',
            "needs both Arabic and English terms",
        ),
        (
            'key: ["التأخير", "تأخر", "late"]',
            'key: ["طلب", "order", "late"]',
            "طلب, order names no specific issue",
        ),
        (
            'key: ["التأخير", "تأخر", "late"]',
            'key: ["بارد", "cold", "cup"]',
            "the ar model reply names none of these terms",
        ),
        ('facts: ["speed"], escalate', "facts: [], escalate", "needs at least one brief fact"),
        ('"within an hour"]', '"tomorrow"]', "the en model reply uses no keyword of its facts"),
        ('expected: "reply"', 'expected: "shout"', "follow_up: expected 'shout' is not one of"),
        (
            'facts: ["speed"], key: ["التأخير", "late"]',
            'facts: ["nope"], key: ["التأخير", "late"]',
            "follow_up: unknown brand fact 'nope'",
        ),
        ('follow_up: {text: "شكرًا"', 'follow_up: {text: ""', "follow_up needs the customer's text"),
    ],
)
def test_broken_fragment_is_reported(old, new, expected):
    """Each rule of INBOX_SPEC §1 has a message naming the line."""
    text = good()
    assert old in text, old
    found = check(text.replace(old, new, 1))
    assert any(expected in p for p in found), found
    assert all(p.split(":")[0].isdigit() and int(p.split(":")[0]) >= 1 for p in found)


def test_missing_follow_ups_and_roles_are_reported():
    """Complaints need a follow_up, four questions need one, and roles must be there."""
    text = good().replace(f', follow_up: {FOLLOW}}}\n  - {{id: "q0"', '}\n  - {id: "q0"')
    text = text.replace(
        f'  - {{id: "q0", kind: "question", follow_up: {FOLLOW}}}',
        '  - {id: "q0", kind: "question"}',
    )
    found = check(text)
    assert any("message 'm6': a complaint message needs a follow_up" in p for p in found), found
    assert any("at least 4 questions (has 3)" in p for p in found), found
    found = check(good().replace(ROLES, ""))
    assert any("'roles' must be a list" in p for p in found), found


def test_safety_goes_to_a_safety_role():
    """A safety message escalated to a role that does not handle safety is reported."""
    lines = good().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if 'subtype: "product-safety"' in line)
    lines[at] = lines[at].replace('escalate_to: "lab"', 'escalate_to: "desk"')
    assert any("escalate_to 'desk' does not handle safety" in p for p in check("".join(lines)))
    lines[at] = lines[at].replace('escalate_to: "desk", ', "")
    assert any("a safety message needs escalate_to" in p for p in check("".join(lines)))


def test_problem_lines_point_at_the_message():
    """A message's problem names the line the message is on."""
    text = good().replace('subtype: "price"', 'subtype: "slow"')
    line = next(i for i, row in enumerate(text.splitlines(), 1) if 'subtype: "slow"' in row)
    assert any(p.startswith(f"{line}: message 'm6'") for p in check(text))


@pytest.mark.parametrize("scenario", DONE)
def test_shipped_scenario_inbox_data_is_clean(scenario):
    """The finished scenarios have no problems, every core subtype and a full role set."""
    found = load_sandbox()
    mine = [str(p) for p in found.problems.items if p.file.endswith(f"/{scenario}.yaml")]
    assert mine == []
    data = found.scenarios[scenario].data
    subtypes = {m.get("subtype") for m in data["inbox"]}
    assert set(CORE_SUBTYPES) <= subtypes
    assert (HERE / "scenarios" / f"{scenario}.yaml").exists()
    complaints = [m for m in data["inbox"] if m["kind"] in ("complaint", "safety")]
    assert complaints and all(m.get("follow_up") for m in complaints)
