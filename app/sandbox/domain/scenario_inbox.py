"""Validate a scenario's inbox data for the inbox exercises: roles, subtypes, keys, follow-ups.

The contract is /work/wt/INBOX_SPEC.md §1 (docs/authoring.md, "Sandbox scenarios"). Pure:
problems go to the scenario file's Checker with the line of the node at fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from app.content.normalize import normalize
from app.content.yamlfile import line_of

if TYPE_CHECKING:  # scenarios.py imports this module, so only the type comes from there
    from app.sandbox.domain.scenarios import Checker

HANDLES = ("service", "safety", "legal", "press", "crisis", "tech", "finance")
SUBTYPES = (
    "late-delivery",
    "rude-justified",
    "repeat-customer",
    "product-safety",
    "misinformation",
    "troll",
    "wrong-item",
    "quality",
    "price",
    "access",
    "privacy",
    "other",
)
CORE_SUBTYPES = SUBTYPES[:6]
NEEDS_SUBTYPE = ("complaint", "safety", "misinformation", "troll")
NEEDS_KEY = ("complaint", "safety", "misinformation")  # also need facts and a grounded reply
NEEDS_FOLLOW_UP = ("complaint", "safety")
SPOKEN = ("gulf", "egyptian", "levantine")
MIN_ROLES, MAX_ROLES, MIN_KEY, MAX_KEY, MIN_QUESTION_FOLLOW_UPS = 4, 6, 3, 8, 4
# Terms that name no specific issue: a reply would "match" them while saying nothing.
GENERIC = frozenset({"order", "orders", "problem", "issue", "طلب", "الطلب", "طلبك", "مشكله"})
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")
# The words of app.exercises.domain.text (that package imports the sandbox's, so not from there).
WORD = re.compile(r"[^\W_]+(?:[.,:٫][0-9]+)*", re.UNICODE)
FRAGMENTS = re.compile(r"(?:https?://|www\.)\S+|(?<![\w&])[#＃]\w+|(?<![\w])@\w{1,30}", re.I)


def check_inbox_data(
    data: Mapping[str, Any],
    inbox: list[Mapping[str, Any]],
    expected: tuple[str, ...],
    c: Checker,
    where: str,
) -> None:
    """Roles, per-message subtype/key/facts/escalation/follow-up, and the scenario's quotas."""
    roles = check_roles(data, c, where)
    keywords = fact_keywords(data)
    for m in inbox:
        check_message(m, roles, keywords, expected, c)
    subtypes = {m.get("subtype") for m in inbox}
    missing = [s for s in CORE_SUBTYPES if s not in subtypes]
    if inbox and missing:
        c.add(data, f"{where}: no inbox message of subtype {', '.join(missing)}")
    if inbox and not any(
        m.get("kind") == "complaint"
        and m.get("dialect") in SPOKEN
        and m.get("subtype") not in CORE_SUBTYPES
        for m in inbox
    ):
        c.add(
            data,
            f"{where}: needs a complaint in Gulf, Egyptian or Levantine dialect outside the "
            "six core subtypes",
        )
    questions = sum(1 for m in inbox if m.get("kind") == "question" and m.get("follow_up"))
    if inbox and questions < MIN_QUESTION_FOLLOW_UPS:
        c.add(
            data,
            f"{where}: needs a follow_up on at least {MIN_QUESTION_FOLLOW_UPS} questions "
            f"(has {questions})",
        )


def check_roles(data: Mapping[str, Any], c: Checker, where: str) -> dict[str, set[str]]:
    """The escalation roles: {id: handles}; one spokesperson, one crisis contact."""
    roles: dict[str, set[str]] = {}
    for role in c.entries(data, "roles", where):
        rw = f"role {role['id']!r}"
        c.text(role, "name", rw)
        c.text(role, "title", rw)
        handles = role.get("handles")
        if not isinstance(handles, list) or not handles:
            c.add(role, f"{rw}: 'handles' must be a non-empty list")
            handles = []
        for h in handles:
            if h not in HANDLES:
                c.add(role, f"{rw}: handles {h!r} is not one of {', '.join(HANDLES)}")
        roles[role["id"]] = {str(h) for h in handles}
    if not roles:
        return roles
    node = data.get("roles")
    if not MIN_ROLES <= len(roles) <= MAX_ROLES:
        c.add(node, f"{where}: needs {MIN_ROLES}–{MAX_ROLES} roles (has {len(roles)})")
    press = [r for r, h in roles.items() if "press" in h]
    if press != ["spokesperson"]:
        c.add(
            node,
            f"{where}: exactly one role handles press and its id is 'spokesperson' "
            f"(found {', '.join(press) or 'none'})",
        )
    crisis = [r for r, h in roles.items() if "crisis" in h]
    if len(crisis) != 1:
        c.add(node, f"{where}: exactly one role handles crisis (found {len(crisis)})")
    for need in ("safety", "service"):
        if not any(need in h for h in roles.values()):
            c.add(node, f"{where}: no role handles {need}")
    return roles


def fact_keywords(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Each brief fact's keywords by id (the ids themselves are checked by scenarios.py)."""
    facts = data.get("facts")
    return {
        str(f["id"]): [str(k) for k in f.get("keywords") or []]
        for f in (facts if isinstance(facts, list) else [])
        if isinstance(f, Mapping) and f.get("id")
    }


def check_message(
    m: Mapping[str, Any],
    roles: Mapping[str, set[str]],
    keywords: Mapping[str, list[str]],
    expected: tuple[str, ...],
    c: Checker,
) -> None:
    """One inbox message's new fields."""
    mw, kind, subtype = f"message {m['id']!r}", m.get("kind"), m.get("subtype")
    if subtype is not None or kind in NEEDS_SUBTYPE:
        if subtype is None:
            c.add(m, f"{mw}: a {kind} message needs a subtype")
        elif subtype not in SUBTYPES:
            c.add(m, f"{mw}: subtype {subtype!r} is not one of {', '.join(SUBTYPES)}")
        # The kinds that share a subtype's name must carry it, and only they.
        for same in ("troll", "misinformation"):
            if subtype is not None and (kind == same) != (subtype == same):
                c.add(m, f"{mw}: a {kind} message cannot have subtype {subtype!r}")
        if subtype == "product-safety" and kind != "safety":
            c.add(m, f"{mw}: subtype 'product-safety' needs kind 'safety' (it is escalated)")
    replies = model_replies(m.get("model_reply"))
    if kind in NEEDS_KEY:
        check_key(m, m.get("key"), f"{mw}: key", c, MIN_KEY, replies)
        if not m.get("facts"):
            c.add(m, f"{mw}: a {kind} message needs at least one brief fact")
        check_grounded(m, m.get("facts"), keywords, replies, mw, c)
    elif m.get("key") is not None:
        check_key(m, m.get("key"), f"{mw}: key", c, 0, replies)
    escalate = m.get("escalate_to")
    if escalate is not None and escalate not in roles:
        c.add(m, f"{mw}: escalate_to {escalate!r} is not a role of this scenario")
    if escalate is None and (kind == "safety" or subtype == "privacy"):
        c.add(m, f"{mw}: a {subtype if subtype == 'privacy' else kind} message needs escalate_to")
    if kind == "safety" and escalate in roles and "safety" not in roles[str(escalate)]:
        c.add(m, f"{mw}: escalate_to {escalate!r} does not handle safety")
    follow = m.get("follow_up")
    if follow is not None:
        check_follow_up(m, follow, keywords, expected, c, mw)
    elif kind in NEEDS_FOLLOW_UP:
        c.add(m, f"{mw}: a {kind} message needs a follow_up")


def model_replies(value: Any) -> dict[str, str]:
    """The model reply's texts by language (empty when malformed; scenarios.py reports it)."""
    if not isinstance(value, Mapping):
        return {}
    return {lang: str(value.get(lang) or "") for lang in ("ar", "en")}


def check_key(
    node: Mapping[str, Any],
    key: Any,
    where: str,
    c: Checker,
    least: int,
    replies: Mapping[str, str],
) -> None:
    """Issue terms: a list of distinct, specific terms that each model reply names."""
    if not isinstance(key, list) or not all(isinstance(k, str) and k.strip() for k in key):
        c.add(node, f"{where} must be a list of non-empty terms")
        return
    line = line_of(node)
    if least and not least <= len(key) <= MAX_KEY:
        c.add(key, f"{where} needs {least}–{MAX_KEY} terms (has {len(key)})", line)
    generic = [k for k in key if " ".join(words(k)) in GENERIC]
    if generic:
        c.add(key, f"{where}: {', '.join(generic)} names no specific issue", line)
    if not key:
        return
    if least and not (any(ARABIC.search(k) for k in key) and any(LATIN.search(k) for k in key)):
        c.add(key, f"{where} needs both Arabic and English terms", line)
    for lang, text in replies.items():
        if text and not contains_any(text, key):
            c.add(key, f"{where}: the {lang} model reply names none of these terms", line)


def check_grounded(
    node: Mapping[str, Any],
    facts: Any,
    keywords: Mapping[str, list[str]],
    replies: Mapping[str, str],
    where: str,
    c: Checker,
) -> None:
    """Each model reply states at least one of its facts (a keyword of one of them)."""
    known = [keywords[f] for f in facts or [] if f in keywords]
    if not known:
        return
    for lang, text in replies.items():
        if text and not contains_any(text, _flat(known)):
            c.add(
                node,
                f"{where}: the {lang} model reply uses no keyword of its facts "
                f"({', '.join(facts)})",
            )


def check_follow_up(
    m: Mapping[str, Any],
    follow: Any,
    keywords: Mapping[str, list[str]],
    expected: tuple[str, ...],
    c: Checker,
    mw: str,
) -> None:
    """What the customer writes next, and the model answer to it."""
    fw = f"{mw}: follow_up"
    if not isinstance(follow, Mapping):
        c.add(m, f"{fw} must be a mapping")
        return
    if not str(follow.get("text") or "").strip():
        c.add(follow, f"{fw} needs the customer's text")
    if follow.get("expected") not in expected:
        c.add(
            follow,
            f"{fw}: expected {follow.get('expected')!r} is not one of {', '.join(expected)}",
        )
    c.text(follow, "model_reply", fw)
    facts = follow.get("facts")
    if not isinstance(facts, list):
        c.add(follow, f"{fw}: 'facts' must be a list (it may be empty)")
        facts = []
    for fact in facts:
        if fact not in keywords:
            c.add(follow, f"{fw}: unknown brand fact {fact!r}")
    replies = model_replies(follow.get("model_reply"))
    check_key(follow, follow.get("key"), f"{fw} key", c, 0, replies)
    check_grounded(follow, facts, keywords, replies, fw, c)


def words(text: str) -> list[str]:
    """Folded words without links, hashtags and handles (curriculum.md §5.4), as the rubric."""
    return WORD.findall(normalize(FRAGMENTS.sub(" ", text or "")))


def contains_any(text: str, phrases: Iterable[str]) -> str | None:
    """The first phrase the reply rubric would find in the text (its own matching), or None."""
    # Imported here: the inbox's matching imports the exercises package, which imports this.
    from app.inbox.domain.reply_text import Phrases, Text, find

    found = find(Phrases.of(list(phrases)), Text.of(text))
    return found[0] if found else None


def _flat(lists: Iterable[list[str]]) -> list[str]:
    """One list of every keyword."""
    return [k for keys in lists for k in keys]
