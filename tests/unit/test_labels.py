"""`label`: a code's text from a label table, with the fallbacks the views rely on."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import Labels, label

TABLE: Labels = {"empty": _l("Write the reply before you send it."), "role": _l("Choose a role.")}


def test_a_known_code_gives_its_text_as_a_plain_string():
    """A code in the table gives its text, no longer lazy."""
    text = label(TABLE, "empty")
    assert type(text) is str
    assert text == "Write the reply before you send it."


def test_an_error_is_looked_up_by_its_message():
    """An error raised with a code finds that code's text."""
    assert label(TABLE, ValueError("role")) == "Choose a role."


def test_an_unknown_code_gives_the_default_or_else_the_code():
    """Without the code the default is shown; without a default, the code itself."""
    assert label(TABLE, ValueError("stale"), TABLE["role"]) == "Choose a role."
    assert label(TABLE, ValueError("stale")) == "stale"
