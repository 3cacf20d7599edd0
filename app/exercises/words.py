"""Results in the learner's words: a stored reason (code + values) becomes a sentence.

Each exercise's messages live in its text module (app/exercises/text_<id>.py) as gettext
strings; values are escaped and isolated in <bdi> (numbers and names keep their order in
Arabic), and codes for platforms, formats and goals are shown by their translated names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from markupsafe import Markup, escape

from app.core.i18n import text
from app.sandbox.labels import FORMAT_NAMES, GOAL_NAMES, PLATFORM_NAMES

NAMED = {"platform": PLATFORM_NAMES, "format": FORMAT_NAMES, "goal": GOAL_NAMES}
# Engine-level messages (any exercise).
ENGINE = {
    "engine.no-message": _l("This check has no explanation yet."),
    "not-takeable": _l("This exercise cannot be taken yet. Pick another from the list."),
    "submitted": _l("This attempt is already submitted. Start a new attempt to try again."),
    "missing-fields": _l("Some answers need fixing. The fields are marked below."),
}


def shown(key: str, value: Any, extra: Mapping[str, Mapping[str, Any]] | None = None) -> Markup:
    """One value, escaped and isolated; codes of known kinds by their translated name (the
    engine's kinds, or an exercise's own in `extra`: value key -> code -> name)."""
    names = (extra or {}).get(key) or NAMED.get(key) or NAMED.get(key.rstrip("s")) or {}
    if isinstance(value, list | tuple):
        sep = escape(pgettext("list separator", ", "))
        return sep.join(shown(key, v, extra) for v in value)
    if isinstance(value, float):
        value = f"{value:.2f}".rstrip("0").rstrip(".")
    label = names.get(str(value)) if isinstance(value, str) else None
    return Markup("<bdi>{}</bdi>").format(text(label) if label is not None else value)


def sentence(
    messages: Mapping[str, Any],
    code: str,
    values: Mapping[str, Any],
    names: Mapping[str, Mapping[str, Any]] | None = None,
) -> Markup:
    """The message for a code with its values filled in (never raises on a bad catalogue)."""
    message = messages.get(code) or ENGINE.get(code) or ENGINE["engine.no-message"]
    filled = {k: shown(k, v, names) for k, v in (values or {}).items()}
    try:
        # Catalogue text (ours), escaped; the values were escaped by shown().
        return Markup(escape(text(message))) % filled  # noqa: S704  # nosec B704
    except (KeyError, ValueError, TypeError):
        return escape(text(message))
