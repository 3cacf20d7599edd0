"""Learner-written Markdown: rendered, then sanitised with nh3 at display time (pure)."""

from __future__ import annotations

import markdown
import nh3

LEARNER_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"}
LEARNER_ATTRIBUTES = {"a": {"href"}}


def learner_html(text: str) -> str:
    """Safe HTML for text a learner wrote: no raw HTML, only a few tags and http(s) links."""
    # Angle brackets the learner typed are shown as text (not dropped): escape "&" and "<"
    # before Markdown sees them; ">" stays so quotes ("> …") still work. nh3 then cleans.
    source = (text or "").replace("&", "&amp;").replace("<", "&lt;")
    raw = markdown.markdown(source, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        raw,
        tags=LEARNER_TAGS,
        attributes=LEARNER_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
