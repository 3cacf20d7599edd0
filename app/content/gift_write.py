"""Bank items → Moodle GIFT (pure Python).

Each item becomes `::id::[plain]stem {answers ####rationale}` in one language (falling
back to the other language where a text is missing); a `_____` in the stem puts the
answers there (missing word). Tags travel in `$CATEGORY: tawasul/<skills>/<level>/<lesson>`
lines, or the item's `label` when it has no tags. Lost on export: the other language,
`diagnostic`, per-answer feedback (it is already part of the rationale), the label of a
tagged item, and ordering items (GIFT has no ordering question: a comment says so).
Multiple response is written as `~%w%` for right and `~%-w%` for wrong options
(w = 100 ÷ right options), which is our grading rule in Moodle's terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from app.content.questions import label

SPECIAL = frozenset("\\~=#{}:")
BLANK_RUN = re.compile(r"_{5,}")
EXPORTABLE = frozenset({"single", "multiple", "truefalse", "short", "numeric", "matching"})


def escape(text: Any) -> str:
    r"""GIFT-escape `\ ~ = # { } :` and write newlines as `\n`."""
    out = "".join("\\" + c if c in SPECIAL else c for c in str(text))
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def percent(weight: Any) -> str:
    """A weight in [−1, 1] as a GIFT percentage: 0.5 → `50`, 1/3 → `33.33333`."""
    return f"{round(float(weight) * 100, 5):.5f}".rstrip("0").rstrip(".")


def num(value: Any) -> str:
    """A number as GIFT text: whole numbers without a decimal point."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def text_of(item: Mapping[str, Any], what: str, lang: str) -> str:
    """Stem or rationale in `lang`, falling back to the other language."""
    other = "ar" if lang == "en" else "en"
    return str(item.get(f"{what}_{lang}") or item.get(f"{what}_{other}") or "").strip()


def category(item: Mapping[str, Any]) -> str:
    """The `$CATEGORY` an item belongs under (`tawasul` alone: no tags)."""
    skills = ",".join(str(s) for s in item.get("skills") or [])
    segments = ["tawasul", skills, str(item.get("level") or ""), str(item.get("lesson") or "")]
    if any(segments[1:]):
        while not segments[-1]:
            segments.pop()
        return "/".join(segments)
    return str(item.get("label") or "").strip() or "tawasul"


def spec(entry: Mapping[str, Any]) -> str:
    """An accepted number as `min..max`, `value:tolerance` or `value`."""
    if "min" in entry:
        return f"{num(entry['min'])}..{num(entry['max'])}"
    tolerance = entry.get("tolerance") or 0
    return num(entry["value"]) + (f":{num(tolerance)}" if float(tolerance) else "")


def weighted(entry: Mapping[str, Any]) -> str:
    """`%w%` for an accept entry whose weight is not 1, else ''."""
    weight = float(entry.get("weight", 1.0))
    return "" if weight == 1 else f"%{percent(weight)}%"


def answers(item: Mapping[str, Any], lang: str) -> list[str] | None:
    """The answer lines of an item, or None when its type has no GIFT form."""
    kind = item.get("type")
    options = [o for o in item.get("options") or [] if isinstance(o, Mapping)]
    if kind == "single":
        weights = {str(k): float(v) for k, v in (item.get("weights") or {}).items()}
        lines = []
        for o in options:
            oid, text = str(o.get("id")), escape(label(o, lang))
            if oid == str(item.get("answer")):
                lines.append(f"={text}")
            elif weights.get(oid, 0) > 0:
                lines.append(f"~%{percent(weights[oid])}%{text}")
            else:
                lines.append(f"~{text}")
        return lines
    if kind == "multiple":
        right = {str(a) for a in item.get("answer") or []}
        share = percent(1 / max(len(right), 1))
        return [
            f"~%{'' if str(o.get('id')) in right else '-'}{share}%{escape(label(o, lang))}"
            for o in options
        ]
    if kind == "truefalse":
        return ["TRUE" if item.get("answer") is True else "FALSE"]
    if kind == "short":
        return [f"={weighted(a)}{escape(a.get('text', ''))}" for a in item.get("accept") or []]
    if kind == "numeric":
        accept = list(item.get("accept") or [])
        if len(accept) == 1 and not weighted(accept[0]):
            return [f"#{spec(accept[0])}"]
        return ["#", *(f"={weighted(a)}{spec(a)}" for a in accept)]
    if kind == "matching":
        return [
            f"={escape(label(p['left'], lang))} -> {escape(label(p['right'], lang))}"
            for p in item.get("pairs") or []
        ]
    return None


def write_item(item: Mapping[str, Any], lang: str) -> str:
    """One item as a GIFT question (or a comment when it cannot be written)."""
    lines = answers(item, lang)
    if lines is None:
        return f"// {item.get('id')}: {item.get('type')} questions have no GIFT form (not exported)"
    rationale = text_of(item, "rationale", lang)
    if rationale:
        lines.append(f"####{escape(rationale)}")
    block = "{" + lines[0] + "}" if len(lines) == 1 else "{\n" + "\n".join(lines) + "\n}"
    stem = text_of(item, "stem", lang)
    head = f"::{escape(item.get('id', ''))}::[plain]"
    pieces = BLANK_RUN.split(stem, maxsplit=1)
    if len(pieces) == 2:
        return head + escape(pieces[0]) + block + escape(pieces[1])
    return f"{head}{escape(stem)} {block}"


def to_gift(items: Iterable[Mapping[str, Any]], *, lang: str) -> str:
    """Write bank items as a GIFT file in `lang`; tags go in `$CATEGORY` lines."""
    out = [f"// Tawasul quiz items ({lang}). $CATEGORY: tawasul/<skills>/<level>/<lesson>", ""]
    current = "tawasul"
    for item in items:
        if (where := category(item)) != current:
            out += [f"$CATEGORY: {where}", ""]
            current = where
        out += [write_item(item, lang), ""]
    return "\n".join(out)
