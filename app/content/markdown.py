"""The one Markdown setup: trusted course files, still passed through nh3.

Lessons are rendered once per process and cached by content hash, never per request.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

from app.content.facts import figure
from app.content.model import Fact, Term, pick
from app.content.validate import FACT_REF, LESSON_LINK, TERM_REF

COURSE_TAGS = {
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "a",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "span",
    "small",
    "sup",
    "sub",
    "del",
    "dl",
    "dt",
    "dd",
    "bdi",
    "abbr",
    "caption",
    "kbd",
    "mark",
}
COURSE_ATTRIBUTES = {
    "*": {"class", "id", "dir", "lang"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align", "scope"},
    "td": {"align"},
}
AS_OF = {"ar": "بتاريخ", "en": "as of"}
SOURCE = {"ar": "المصدر", "en": "source"}
THIRD_PARTY = {"ar": "مصدر غير رسمي", "en": "third-party source"}
SURFACE = {
    "app": {"ar": "في التطبيق", "en": "in the app"},
    "api": {"ar": "عبر الواجهة البرمجية", "en": "through the API"},
}


@dataclass(frozen=True)
class Rendered:
    """HTML of a lesson body and its table of contents (level, anchor, title)."""

    html: str
    toc: tuple[tuple[int, str, str], ...]


def fact_html(fact: Fact, lang: str) -> str:
    """A cited figure, its unit agreeing with it, where it applies (app or API) and its
    dated source note (which says when the source is not the platform itself)."""
    value, unit = figure(fact.value, fact.unit.get(lang), lang)
    shown = f"<bdi>{html.escape(value)}</bdi> " if value else ""
    where = f" ({SURFACE[fact.surface][lang]})" if fact.surface in SURFACE else ""
    source = THIRD_PARTY[lang] if fact.source_kind == "third-party" else SOURCE[lang]
    comma = "،" if lang == "ar" else ","
    return (
        f'<span class="fact">{shown}{html.escape(unit)}{where}'
        f' <small class="fact-source">({source}: <a href="{html.escape(fact.source_url)}">'
        f"{html.escape(fact.source_title)}</a>{comma} {AS_OF[lang]} "
        f"<bdi>{html.escape(fact.as_of)}</bdi>)</small></span>"
    )


def external(url: str) -> bool:
    """True for links that leave the site."""
    return url.startswith(("http://", "https://", "//"))


class Renderer:
    """Renders trusted Markdown with fact citations and lesson links; caches by hash."""

    def __init__(
        self,
        facts: Mapping[str, Fact],
        lesson_url: Callable[[str], str],
        terms: Mapping[str, Term] | None = None,
        glossary_url: str = "/glossary",
    ) -> None:
        """Keep the facts, the glossary and how to link a lesson id."""
        self.facts = facts
        self.lesson_url = lesson_url
        self.terms = terms or {}
        self.glossary_url = glossary_url
        self.cache: dict[str, Rendered] = {}

    def render(self, body: str, lang: str) -> Rendered:
        """Render a lesson body once; later calls return the cached result."""
        key = hashlib.sha256(f"{lang}\0{body}".encode()).hexdigest()
        if key not in self.cache:
            self.cache[key] = self._render(body, lang)
        return self.cache[key]

    def _render(self, body: str, lang: str) -> Rendered:
        """Markdown → HTML → nh3, with stable heading anchors."""
        text = FACT_REF.sub(lambda m: self._fact(m.group(1), lang), body)
        text = TERM_REF.sub(lambda m: self._term(m.group(1), m.group(2), lang), text)
        text = LESSON_LINK.sub(lambda m: f"]({self.lesson_url(m.group(1))})", text)
        md = markdown.Markdown(
            extensions=["toc", "tables", "fenced_code", "admonition", "sane_lists"],
            extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-3"}},
        )
        raw = md.convert(text)
        clean = nh3.clean(
            raw,
            tags=COURSE_TAGS,
            attributes=COURSE_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
        )
        clean = re.sub(
            r'<a href="(https?://[^"]+)"', r'<a href="\1" rel="noopener noreferrer"', clean
        )
        tokens: list[dict[str, Any]] = getattr(md, "toc_tokens", [])
        toc = tuple((int(t["level"]), str(t["id"]), str(t["name"])) for t in _flatten(tokens))
        return Rendered(clean, toc)

    def _term(self, term_id: str, shown: str | None, lang: str) -> str:
        """A glossary link; the shown text defaults to the term in the lesson's language."""
        term = self.terms.get(term_id)
        text = (shown or "").strip() or (pick(term.term, lang) if term else term_id)
        return term_html(term_id, text, self.glossary_url)

    def _fact(self, fact_id: str, lang: str) -> str:
        """The HTML for one citation (unknown ids are caught by validation)."""
        fact = self.facts.get(fact_id)
        return fact_html(fact, lang) if fact else f"<mark>{html.escape(fact_id)}</mark>"


def term_html(term_id: str, shown: str, url: str) -> str:
    """A marked glossary term linking to its definition."""
    return f'<a class="term" href="{html.escape(url)}#term-{term_id}">{html.escape(shown)}</a>'


def _flatten(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten Python-Markdown's nested toc tokens."""
    out: list[dict[str, Any]] = []
    for token in tokens:
        out.append(token)
        out.extend(_flatten(token.get("children", [])))
    return out
