"""Locale selection (user setting, cookie, Accept-Language, Arabic) and template helpers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app, g, request
from flask_babel import get_locale, get_translations
from flask_login import current_user

LANG_COOKIE = "lang"
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}


def select_locale() -> str:
    """Choose the page language: the user's setting, the cookie, the browser, then Arabic."""
    supported = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return str(current_user.locale)
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in supported:
        return str(cookie)
    best = request.accept_languages.best_match(supported)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def page_language() -> dict[str, Any]:
    """Template variables for <html lang dir> and the language switch."""
    loc = get_locale()
    lang = loc.language if loc else "ar"
    return {
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "other_languages": [
            (code, LANGUAGE_NAMES[code]) for code in current_app.config["LANGUAGES"] if code != lang
        ],
    }


def pick_text(value: Mapping[str, str] | None) -> str:
    """Template filter: the current language's text of a {ar, en} mapping."""
    if not value:
        return ""
    loc = get_locale()
    lang = loc.language if loc else "ar"
    return value.get(lang) or next((v for v in value.values() if v), "")


def _translations() -> Any:
    """This request's translations, looked up once (Flask-Babel's lookup costs ~25 µs a call)."""
    cached = g.get("_tawasul_translations")
    if cached is None:
        cached = g._tawasul_translations = get_translations()
    return cached


def fast_gettext(message: str) -> str:
    """Template gettext: Jinja's new-style wrapper escapes and applies %-formatting."""
    return str(_translations().ugettext(message))


def fast_ngettext(singular: str, plural: str, num: int) -> str:
    """Template ngettext with the per-request translations."""
    return str(_translations().ungettext(singular, plural, num))


def init_i18n(app: Flask) -> None:
    """Expose the page language and the `pick` filter to every template."""
    app.context_processor(page_language)
    app.add_template_filter(pick_text, "pick")
    # Replace Flask-Babel's template callables with ones that cache the lookup per request.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        fast_gettext, fast_ngettext, newstyle=True
    )
