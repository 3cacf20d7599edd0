"""T16 for JSON Resume import (pure): any bytes and any JSON tree give named problems or
clean, storable text, never an exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from app.portfolio.resume import NotJson, from_resume, problems, read_json

# Text with everything JSON escapes can spell: control characters and lone surrogates too.
ANY_TEXT = st.text(alphabet=st.characters(), max_size=30)
KEYS = st.sampled_from(
    ["basics", "label", "summary", "profiles", "network", "projects", "name", "description",
     "highlights", "keywords", "type", "startDate", "endDate", "references", "reference",
     "publications", "skills", "meta", "x-tawasul", "kind", "codes", "hidden", "amount",
     "rate_kind", "currency", "url", "sections", "lang", "theme", "actions", "platforms"]
)  # fmt: skip
TREES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS | ANY_TEXT, inner, max_size=6),
    max_leaves=40,
)


def strings(value: Any) -> list[str]:
    """Every string inside a nested value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@given(tree=TREES)
@example(tree={"basics": {"label": "a\ud800\x00b"}, "projects": [{"name": "\udfff"}]})
def test_any_json_tree_imports_clean_text(tree: Any) -> None:
    """Schema problems are strings; what import keeps is UTF-8-encodable text without controls."""
    assert all(isinstance(p, str) for p in problems(tree))
    kept = from_resume(tree if isinstance(tree, dict) else {})
    for text in strings(kept):
        text.encode("utf-8")  # no lone surrogate: every database can store it
        assert all(ch in "\n\t" or ch >= " " for ch in text), repr(text)


@given(raw=st.binary(max_size=400) | TREES.map(lambda t: json.dumps(t).encode()))
@example(raw=b"[" * 5000)
@example(raw=b"9" * 5000)
@example(raw=b'{"a": NaN}')
def test_any_bytes_read_as_json_or_not_json(raw: bytes) -> None:
    """read_json returns a value or raises NotJson, whatever the bytes."""
    try:
        read_json(raw)
    except NotJson as exc:
        assert str(exc)
