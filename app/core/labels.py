"""Label tables: codes (an action, a reason, an error) mapped to lazy gettext texts.

The texts stay lazy so each request reads them in its own locale; `label` looks one up for a
page or a flash message, with a fallback where the code may not be in the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from flask_babel import LazyString

Labels: TypeAlias = dict[str, LazyString]


def label(table: Mapping[str, LazyString], code: object, default: object = None) -> str:
    """The text for `code` (a code, or an error whose message is one) in the current locale;
    `default` where the table has no such code, or the code itself when there is no default."""
    text = table.get(str(code))
    if text is None:
        return str(code if default is None else default)
    return str(text)
