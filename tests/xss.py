"""Static XSS invariants for a rendered page (T1a): nothing executable came from data."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import html5lib

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "xss_payloads.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]
FORBIDDEN_TAGS = {
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "base",
    "frame",
    "frameset",
    "applet",
    "template",
}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}


# The app draws its own charts as inline SVG (the gap report's radar, the sandbox's bars).
# They are allowed only with their class and only when every element inside is a plain
# drawing element; scripts, foreignObject, use/href and event handlers are still caught.
TRUSTED_CHARTS = {"radar", "bar-chart"}
SVG_DRAWING = {
    "svg",
    "title",
    "desc",
    "g",
    "rect",
    "line",
    "polyline",
    "polygon",
    "circle",
    "text",
    "path",
}


def trusted_chart(el, local: str) -> bool:  # type: ignore[no-untyped-def]
    """True for an app chart: a known class and drawing elements only."""
    if local != "svg" or el.get("class") not in TRUSTED_CHARTS:
        return False
    return all(
        (child.tag.split("}")[-1].lower() if isinstance(child.tag, str) else "") in SVG_DRAWING
        for child in el.iter()
    )


def preview_frame(el, local: str) -> bool:  # type: ignore[no-untyped-def]
    """The portfolio builder's own preview frame: a fixed same-site address and class."""
    return (
        local == "iframe"
        and el.get("class") == "preview-frame"
        and el.get("src") == "/portfolio/preview"
        and not el.get("srcdoc")
    )


def own_link(el) -> bool:  # type: ignore[no-untyped-def]
    """A <link> the app writes: its stylesheet and icon, or the page's canonical address."""
    href = el.get("href") or ""
    if href.startswith(("/static/", "/portfolio-themes/")):
        return True
    return el.get("rel") == "canonical" and urlsplit(href).scheme in ("http", "https")


def parse(html: str):  # type: ignore[no-untyped-def]
    """The page as the HTML5 parsing algorithm builds it (html5lib, as a browser would)."""
    return html5lib.parse(html, namespaceHTMLElements=False)


def scan(html: str) -> tuple[list[str], str]:
    """A page's forbidden constructs and its visible text, from one parse."""
    # Parsing with html5lib is a large part of the T1 static run: parse each page once.
    doc = parse(html)
    return doc_violations(doc), doc_text(doc)


def violations(html: str) -> list[str]:
    """List every executable or forbidden construct in a page."""
    return doc_violations(parse(html))


def doc_violations(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """The forbidden constructs of a parsed page."""
    found = []
    for el in doc.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        local = tag.split("}")[-1].lower()
        if local in FORBIDDEN_TAGS and not (trusted_chart(el, local) or preview_frame(el, local)):
            found.append(f"<{local}>")
        if local == "script" and not (el.get("src") or "").startswith("/static/"):
            found.append("<script> not from /static")
        if local == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            found.append("meta refresh")
        if local == "link" and not own_link(el):
            found.append("foreign <link>")
        for name, value in el.attrib.items():
            attr = name.split("}")[-1].lower()
            if attr.startswith("on"):
                found.append(f"{local}[{attr}]")
            if attr == "style":
                found.append(f"{local}[style]")
            if attr in URL_ATTRS:
                scheme = urlsplit(value.strip().replace("\t", "").replace("\n", "")).scheme.lower()
                if scheme not in SAFE_SCHEMES:
                    found.append(f"{local}[{attr}]={value[:40]}")
    return found


def visible_text(html: str) -> str:
    """The text a reader sees (used to prove the payload was actually shown)."""
    return doc_text(parse(html))


def doc_text(doc) -> str:  # type: ignore[no-untyped-def]
    """The visible text of a parsed page, form values and image descriptions included."""
    body = doc.find("body")
    if body is None:
        return ""
    # Form values and image descriptions are shown too (as the browser test counts them).
    shown = [el.get("value") or "" for el in body.iter("input")]
    shown += [el.get("alt") or "" for el in body.iter("img")]
    return "".join(body.itertext()) + "\n".join(["", *shown])
