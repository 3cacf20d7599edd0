"""Learner-written Markdown: rendered, then sanitised with nh3 at display time (pure)."""

from __future__ import annotations

import re

import markdown
import nh3

LEARNER_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"}
LEARNER_ATTRIBUTES = {"a": {"href"}}
LINE_HASH = re.compile(r"(?m)^([ \t]{0,3})#")


def learner_html(text: str) -> str:
    """Safe HTML for text a learner wrote: no raw HTML, only a few tags and http(s) links."""
    # Angle brackets the learner typed are shown as text (not dropped): escape "&" and "<"
    # before Markdown sees them; ">" stays so quotes ("> …") still work. nh3 then cleans.
    source = (text or "").replace("&", "&amp;").replace("<", "&lt;")
    # A line starting with "#" is a hashtag here, not a heading (headings are not allowed,
    # so Markdown would make one and nh3 would then drop the "#" with the tag).
    source = LINE_HASH.sub(r"\1\\#", source)
    raw = markdown.markdown(source, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        raw,
        tags=LEARNER_TAGS,
        attributes=LEARNER_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
