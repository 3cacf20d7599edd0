"""CSV for handing a report to a client (pure): RFC 4180 quoting, a UTF-8 byte-order mark
so Excel reads Arabic, and no cell a spreadsheet would run as a formula (OWASP CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

# A cell starting with one of these is a formula in Excel, LibreOffice and Google Sheets;
# tab and carriage return can hide one after leading whitespace.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value as written: numbers kept, text that starts a formula prefixed with '."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(rows: Iterable[Iterable[Any]]) -> str:
    """The rows as CSV text starting with a byte-order mark, lines ended by CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + out.getvalue()
