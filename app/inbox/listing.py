"""The inbox list: pages of plain rows of text, resolved once per request in the learner's
language.

A list of sixty messages rendered item by item in Jinja cost most of the page's time (a
translation lookup and several attribute fallbacks per row); building the rows here keeps the
template to one loop over ready strings. The list shows PAGE_SIZE messages a page, most urgent
first, so a phone shows what needs an answer without scrolling past what is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from app.inbox.arrived import Item
from app.inbox.labels import CHANNEL_NAMES, STATUS_NAMES
from app.sandbox.labels import PLATFORM_NAMES

SNIPPET = 120  # characters of a message shown in the list
PAGE_SIZE = 20
SCORE = _l("Score: %(n)d of 100")
ORIGINS = {"post": _l("caused by one of your posts"), "followup": _l("the customer wrote back")}


@dataclass(frozen=True)
class Row:
    """One line of the inbox list."""

    key: str
    status: str
    author: str
    lang: str
    snippet: str
    where: str  # channel · platform
    status_name: str
    score: str  # "Score: n of 100" for a handled message, else ""
    due: str  # the deadline of an open message ("YYYY-MM-DD HH:MM"), else ""
    origin: str  # why it arrived, for a post's complaint or a follow-up, else ""


@dataclass(frozen=True)
class Page:
    """One page of the list, with the whole inbox's counts by status."""

    rows: list[Row]
    number: int
    pages: int
    counts: dict[str, int]


def page_of(items: list[Item], clock: datetime, number: int) -> Page:
    """Page `number` (clamped to the pages there are) of the items, in their order."""
    pages = max(1, -(-len(items) // PAGE_SIZE))
    number = min(max(number, 1), pages)
    states = [i.status(clock) for i in items]
    counts = {st: states.count(st) for st in ("open", "missed", "done")}
    start = (number - 1) * PAGE_SIZE
    return Page(rows_for(items[start : start + PAGE_SIZE], clock), number, pages, counts)


def snippet(text: str, limit: int = SNIPPET) -> str:
    """The text cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return head.rstrip() + "…"


def _names() -> dict[str, dict[str, str]]:
    """The list's labels in the request's language, resolved once per language and process
    (a lazy string is translated again at every use)."""
    from flask import current_app

    from app.core.i18n import current_language

    cache = current_app.extensions.setdefault("tawasul_inbox_list_labels", {})
    lang = current_language()
    if lang not in cache:
        named = {
            "channel": CHANNEL_NAMES,
            "platform": PLATFORM_NAMES,
            "status": STATUS_NAMES,
            "origin": ORIGINS,
            "score": {"": SCORE},
        }
        cache[lang] = {kind: {k: str(v) for k, v in d.items()} for kind, d in named.items()}
    resolved: dict[str, dict[str, str]] = cache[lang]
    return resolved


def rows_for(items: list[Item], clock: datetime) -> list[Row]:
    """The list's rows for the items, with every label in the request's language."""
    names = _names()
    channels, platforms, states = names["channel"], names["platform"], names["status"]
    origins, score = names["origin"], names["score"][""]
    rows = []
    for item in items:
        m, st = item.message, item.status(clock)
        done = st == "done" and item.state is not None and item.state.score is not None
        where = " · ".join(
            (channels.get(str(m.get("channel")), ""), platforms.get(str(m.get("platform")), ""))
        )
        rows.append(
            Row(
                key=item.key,
                status=st,
                author=str(m.get("author") or ""),
                lang=str(m.get("lang") or ""),
                snippet=snippet(str(m.get("text") or "")),
                where=where,
                status_name=states[st],
                score=score % {"n": item.state.score} if done and item.state else "",
                due=item.due_at.strftime("%Y-%m-%d %H:%M") if st == "open" else "",
                origin=origins.get(item.origin, ""),
            )
        )
    return rows
