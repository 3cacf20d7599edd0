"""Page descriptions for search engines and link previews: one short line of plain text."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# Search engines show about 155 characters of a description; longer ones are cut mid-word.
DESCRIPTION_LIMIT = 155
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
# Left dangling at a cut they read as a sentence that breaks off: Latin and Arabic marks.
_DANGLING = " ,;:-–—·،؛"


def summary(text: Any, limit: int = DESCRIPTION_LIMIT) -> str:
    """Plain text for a meta description: tags dropped, spaces joined, cut at a word boundary.

    Markup (rendered Markdown) loses its tags and entities; a plain string is taken as it
    is, so learner text is never read as markup. The template escapes the result.
    """
    plain = text.striptags() if isinstance(text, Markup) else str(text or "")
    plain = _SPACES.sub(" ", plain).strip()
    if len(plain) <= limit:
        return plain
    head = plain[: limit - len(ELLIPSIS)]
    # Cut inside a word: go back to the last space (a text without one is cut where it is).
    if not plain[len(head)].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(_DANGLING) + ELLIPSIS


def init_meta(app: Any) -> None:
    """Expose `summary` to templates as the `meta_text` filter."""
    app.add_template_filter(summary, "meta_text")
