"""A bounded per-process memo for answers that are fixed for their key.

Pages that recompute the same thing on every read (a campaign's results at a simulated date,
a submitted attempt's rendered body) keep the latest answers here. A key must name everything
the answer depends on; a miss only means computing again, so each worker keeps its own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress
from typing import Any, TypeVar

T = TypeVar("T")
MISSING = object()


class Memo:
    """A bounded memo, least recently used out first."""

    def __init__(self, size: int) -> None:
        """An empty memo holding at most `size` answers."""
        self.size, self.items = size, OrderedDict[tuple[object, ...], Any]()

    def get(self, key: tuple[object, ...]) -> Any:
        """The stored answer (now the most recently used), or MISSING."""
        found = self.items.get(key, MISSING)
        if found is not MISSING:
            with suppress(KeyError):  # another thread dropped it meanwhile
                self.items.move_to_end(key)
        return found

    def put(self, key: tuple[object, ...], value: Any) -> None:
        """Store an answer, dropping the least recently used beyond the size."""
        self.items[key] = value
        while len(self.items) > self.size:
            try:
                self.items.popitem(last=False)
            except KeyError:  # another thread emptied it first
                break

    def get_or_make(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """The stored answer, or `make()` stored under the key."""
        found = self.get(key)
        if found is MISSING:
            found = make()
            self.put(key, found)
        return found

    def clear(self) -> None:
        """Forget every answer (tests that change data behind a key)."""
        self.items.clear()


def render_kept(
    memo: Memo, key: tuple[object, ...], template: str, values: Callable[[], dict[str, Any]]
) -> Any:
    """A partial template rendered once per key and page language, then kept as Markup;
    `values()` (the template's values) is called only to render it.

    The key must name everything the values depend on; the language and the script root
    (the prefix of every URL the partial builds) are added here.
    """
    from flask import render_template
    from markupsafe import Markup

    return memo.get_or_make(
        (template, *_kept_prefix(), *key),
        # A template rendered with autoescape: every value in it is escaped already.
        lambda: Markup(render_template(template, **values())),  # noqa: S704  # nosec B704
    )


class SlotForm:
    """Stands in for a CSRF-only form (ConfirmForm) in a kept rendering: its hidden tag
    holds the slot, whatever the CSRF setting when it was drawn."""

    def hidden_tag(self) -> Any:
        """The hidden CSRF input, its value the slot."""
        from markupsafe import Markup

        from app.core.chrome import CSRF_SLOT

        tag = f'<input id="csrf_token" name="csrf_token" type="hidden" value="{CSRF_SLOT}">'
        return Markup(tag)  # noqa: S704  # nosec B704


class SlottedForm:
    """A form drawn for a kept rendering (built with CSRF off): its hidden tag holds the
    slot; anything else is the form's own."""

    def __init__(self, form: Any) -> None:
        """Wrap `form`, whose own hidden tag must carry no CSRF token."""
        self.form = form

    def __getattr__(self, name: str) -> Any:
        """The form's attribute (fields, errors, meta)."""
        return getattr(self.form, name)

    def __getitem__(self, name: str) -> Any:
        """The form's field by name."""
        return self.form[name]

    def __contains__(self, name: str) -> bool:
        """Whether the form has a field of that name."""
        return name in self.form

    def __iter__(self) -> Any:
        """The form's fields."""
        return iter(self.form)

    def hidden_tag(self, *fields: Any) -> Any:
        """The slot's hidden input, then the form's other hidden fields (both Markup)."""
        return SlotForm().hidden_tag() + self.form.hidden_tag(*fields)


class TokenInKeptPage(RuntimeError):
    """A kept rendering came out holding the drawing session's own CSRF token."""


def render_kept_form(
    memo: Memo, key: tuple[object, ...], template: str, values: Callable[[], dict[str, Any]]
) -> Any:
    """As render_kept, for a partial whose forms carry this session's CSRF token: it is
    rendered with the slot in the token's place (`csrf_slot`, and `csrf_token()` returns it)
    and the slot is filled per request. A rendering that still holds the session's real
    token (a form drawn some other way) is never kept."""
    from flask import current_app
    from flask_wtf.csrf import generate_csrf
    from markupsafe import Markup, escape

    from app.core.chrome import CSRF_SLOT

    def slotted() -> dict[str, Any]:
        """The template's values, with the CSRF token as a slot."""
        return {**values(), "csrf_slot": CSRF_SLOT, "csrf_token": lambda: CSRF_SLOT}

    token = str(escape(generate_csrf()))
    html = str(render_kept(memo, key, template, slotted))
    if token in html:
        memo.items.pop((template, *_kept_prefix(), *key), None)
        current_app.logger.error("kept rendering of %s holds a CSRF token: not kept", template)
        if current_app.testing:
            raise TokenInKeptPage(template)
    # The slot sits in an escaped attribute value; the token is escaped in its turn.
    return Markup(html.replace(CSRF_SLOT, token))  # noqa: S704  # nosec B704


def render_fresh_form(template: str, values: dict[str, Any]) -> Any:
    """A partial written for render_kept_form, drawn for this request alone (a form with
    errors or a draft): its CSRF slot holds this session's token."""
    from flask import render_template
    from flask_wtf.csrf import generate_csrf
    from markupsafe import Markup

    html = render_template(template, **values, csrf_slot=generate_csrf())
    # A template rendered with autoescape: every value in it is escaped already.
    return Markup(html)  # noqa: S704  # nosec B704


def _kept_prefix() -> tuple[object, ...]:
    """What render_kept adds before a key: the page language and the script root."""
    from flask import request

    from app.core.i18n import current_language

    return (current_language(), request.script_root)
