"""The site header and footer: rendered once per language and visitor state, then reused.

They are the same on every page apart from the CSRF token and the current path, so each
variant is rendered once per process with placeholders and filled in per request. This
keeps about a third of the template work off every page (see `make bench`).
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

CSRF_SLOT = "@@tawasul-csrf@@"
NEXT_SLOT = "@@tawasul-next@@"
SECTIONS = {
    "main.home": "home",
    "skills.report": "skills",
    "accounts.login": "login",
    "accounts.register": "register",
}


def section() -> str:
    """Which navigation entry the current page belongs to (for aria-current)."""
    endpoint = request.endpoint or ""
    if endpoint in SECTIONS:
        return SECTIONS[endpoint]
    for prefix in ("courses", "accounts", "sandbox", "portfolio"):
        if endpoint.startswith(prefix + "."):
            return prefix
    return ""


def _cached(key: tuple[object, ...], template: str, **context: object) -> str:
    """Render a chrome template once per key and process."""
    cache: dict[tuple[object, ...], str] = current_app.extensions.setdefault("tawasul_chrome", {})
    if key not in cache:
        cache[key] = render_template(template, **context)
    return cache[key]


def site_header(lang: str) -> Markup:
    """The header for this visitor, with this request's CSRF token and path filled in."""
    signed_in = bool(current_user.is_authenticated)
    admin = signed_in and bool(current_user.is_admin)
    key = ("header", lang, signed_in, admin, section())
    html = _cached(
        key,
        "_header.html",
        signed_in=signed_in,
        admin=admin,
        section=key[4],
        csrf_slot=CSRF_SLOT,
        next_slot=NEXT_SLOT,
    )
    here = request.full_path if request.query_string else request.path
    filled = html.replace(CSRF_SLOT, str(escape(generate_csrf()))).replace(
        NEXT_SLOT, str(escape(here))
    )
    # Rendered by an autoescaping template; both slots are filled with escaped values.
    return Markup(filled)  # noqa: S704  # nosec B704


def site_footer(lang: str) -> Markup:
    """The footer, the same for everyone in one language."""
    # Rendered by an autoescaping template with no per-request values.
    return Markup(_cached(("footer", lang), "_footer.html"))  # noqa: S704  # nosec B704


def init_chrome(app: Flask) -> None:
    """Expose the cached header and footer to templates."""
    app.add_template_global(site_header)
    app.add_template_global(site_footer)
