"""Locale selection (user setting, cookie, Accept-Language, Arabic) and template helpers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

from babel.dates import get_day_names
from flask import Flask, current_app, g, request
from flask_babel import get_locale, get_translations, gettext
from flask_babel.speaklater import LazyString
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup, escape

LANG_COOKIE = "lang"
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}
# Digits joined by hyphens: exam codes (600-101) and ISO dates. After Arabic letters the
# bidi algorithm reads them as Arabic numbers and shows them turned around (101-600).
NUMBER_CODE = re.compile(r"(?<![\w-])\d+(?:-\d+)+(?![\w-])")


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, in the reader's language."""
    return message


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


def current_language() -> str:
    """The page language code ("ar" or "en")."""
    locale = get_locale()
    return locale.language if locale else "ar"


def page_language() -> dict[str, Any]:
    """Template variables for <html lang dir> and the language switch."""
    loc = get_locale()
    lang = loc.language if loc else "ar"
    return {
        "_catalog": _translations(),  # read by the template gettext without touching `g`
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "other_languages": [
            (code, LANGUAGE_NAMES[code]) for code in current_app.config["LANGUAGES"] if code != lang
        ],
    }


@pass_context
def pick_text(context: Any, value: Mapping[str, str] | None) -> str:
    """Template filter: the page language's text of a {ar, en} mapping."""
    if not value:
        return ""
    return value.get(context.get("lang") or "ar") or next((v for v in value.values() if v), "")


def isolate_codes(value: object) -> Markup:
    """Template filter: the text escaped, with each exam code or ISO date kept left to right."""
    text = NUMBER_CODE.sub(lambda m: f'<bdi dir="ltr">{m.group()}</bdi>', str(escape(value or "")))
    return Markup(text)  # safe: escaped text, only <bdi> added  # noqa: S704  # nosec B704


def _translations() -> Any:
    """This request's translations, looked up once (Flask-Babel's lookup costs ~25 µs a call)."""
    cached = g.get("_tawasul_translations")
    if cached is None:
        cached = g._tawasul_translations = get_translations()
    return cached


# (translations object id, message) -> translated text, formatted like Jinja's new-style
# gettext does when no variables are given ("%%" becomes "%"). Catalogs never change while
# the process runs, so the cache only grows to the number of messages times languages.
_CACHE: dict[tuple[int, str], str] = {}
_PLURAL_CACHE: dict[tuple[int, str, str, int], str] = {}
# The same, ready for an autoescaping template: most `_()` calls carry no variables, and a
# page makes hundreds of them (Markup is immutable, so one object serves every page).
_MARKUP_CACHE: dict[tuple[int, str], Markup] = {}


def translate(message: str, translations: Any = None) -> str:
    """The current language's translation of `message`, from the per-process cache."""
    translations = translations or _translations()
    key = (id(translations), message)
    text = _CACHE.get(key)
    if text is None:
        text = _CACHE[key] = str(translations.ugettext(message))
    return text


def text(message: Any) -> str:
    """A message in the page language: a lazy gettext string without variables goes through
    the per-process cache (str() on it would look the catalogue up again, ~25 µs each)."""
    if isinstance(message, LazyString) and message._func is gettext and not message._kwargs:
        return translate(message._args[0])
    return str(message)


@pass_context
def template_gettext(context: Any, message: str, **variables: Any) -> str:
    """`_()` in templates: Jinja new-style semantics (escape, %-format), cached lookups."""
    translations = context.get("_catalog") or _translations()
    if not variables and context.eval_ctx.autoescape:
        key = (id(translations), message)
        found = _MARKUP_CACHE.get(key)
        if found is None:
            # As below with no variables: "%%" becomes "%".
            found = _MARKUP_CACHE[key] = Markup(translate(message, translations)) % {}  # noqa: S704  # nosec B704
        return found
    text = translate(message, translations)
    if context.eval_ctx.autoescape:
        # Catalog text is trusted; Markup's % escapes the variables.
        return Markup(text) % variables  # safe: catalog text, variables escaped  # noqa: S704  # nosec B704
    return text % variables


@pass_context
def template_ngettext(context: Any, singular: str, plural: str, num: int, **variables: Any) -> str:
    """`ngettext()` in templates, with `num` available as %(num)d."""
    translations = context.get("_catalog") or _translations()
    key = (id(translations), singular, plural, int(num))
    text = _PLURAL_CACHE.get(key)
    if text is None:
        text = _PLURAL_CACHE[key] = str(translations.ungettext(singular, plural, num))
    variables.setdefault("num", num)
    if context.eval_ctx.autoescape:
        # Catalog text is trusted; Markup's % escapes the variables.
        return Markup(text) % variables  # safe: catalog text, variables escaped  # noqa: S704  # nosec B704
    return text % variables


@lru_cache(maxsize=8)
def _short_day_names(locale: str) -> tuple[str, ...]:
    """Abbreviated weekday names, Monday first, as CLDR gives them for the locale."""
    names = get_day_names("abbreviated", locale=locale)
    return tuple(names[day] for day in range(7))


def weekday_time(value: datetime) -> str:
    """`EEE HH:mm` (abbreviated weekday and 24-hour time) of a naive UTC time.

    The same text as Flask-Babel's datetimeformat('EEE HH:mm') with the app's UTC zone, for
    tables that show dozens of times: Babel parses the pattern and the locale data on every
    call (~0.1 ms each).
    """
    return f"{_short_day_names(str(get_locale()))[value.weekday()]} {value:%H:%M}"


def init_i18n(app: Flask) -> None:
    """Expose the page language and the `pick` filter to every template."""
    app.context_processor(page_language)
    app.add_template_filter(pick_text, "pick")
    app.add_template_filter(isolate_codes, "isolate_codes")
    app.add_template_filter(weekday_time, "weekday_time")
    # Flask-Babel's template callables look the catalog up on every call (~25 µs each, and
    # a page has dozens); these keep Jinja's new-style behaviour with cached lookups.
    app.jinja_env.globals.update(
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext
    )
