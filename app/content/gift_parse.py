"""Moodle GIFT reading, one question block at a time (pure Python).

How GIFT maps onto our question types (see `app.content.gift` for ids and tagging):

- `{=right ~wrong ~%50%near}` → `single`; other options with a positive weight go into
  `weights`. Negative weights (`~%-25%`) are read as 0: a single-choice item never takes
  marks away, so those options are simply wrong (a note is reported).
- `{~%50%a ~%50%b ~%-100%c}` (no `=`) → `multiple`; `answer` lists the options with a
  positive weight. Our rule (right − wrong picks) ÷ right options replaces the exact weights.
- `{T}`/`{F}`/`{TRUE}`/`{FALSE}` → `truefalse`; `{=a =%50%b}` → `short` with weights;
  `{=a -> b =c -> d}` → `matching` with partial credit; `{#…}` → `numeric`.
- Text before and after the braces gives a missing-word stem: `before _____ after`.
- General feedback (`####…`) starts the rationale; per-answer feedback follows as
  `answer: feedback` lines.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

ESCAPED = {c: chr(0xE000 + i) for i, c in enumerate("~=#{}:\\")}
RESTORE = str.maketrans({v: k for k, v in ESCAPED.items()})
FORMAT = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]", re.IGNORECASE)
WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
NAME = re.compile(r"^\s*::(.*?)::", re.DOTALL)
TRUTH = {"T": True, "TRUE": True, "F": False, "FALSE": False}
BLANK = "_____"
TRUE_FALSE = {"en": ("True", "False"), "ar": ("صحيح", "خطأ")}
OTHER_ANSWER = {"en": "Any other answer", "ar": "أي إجابة أخرى"}
BLOCK_TAGS = re.compile(r"^(?:p|div|br|li|tr|table|ul|ol|blockquote|pre|hr|dd|dt|h[1-6])$")
HIDDEN_TAGS = {"script", "style", "template", "head", "title"}


class Skip(ValueError):
    """A question that cannot become a bank item; the message says why."""


@dataclass
class Question:
    """One parsed GIFT question, before its id and tags are added."""

    name: str
    stem: str
    lang: str
    type: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    feedback: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _PlainText(HTMLParser):
    """Collects the visible text of an HTML fragment; tags and scripts are dropped."""

    def __init__(self) -> None:
        """Start with no text; character references are decoded by the parser."""
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Block tags start a new line; script-like tags hide their content."""
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif BLOCK_TAGS.match(tag):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Block tags end their line."""
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif BLOCK_TAGS.match(tag):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Visible text, with HTML whitespace collapsed."""
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: no tags survive, entities are decoded."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def protect(text: str) -> str:
    r"""Turn GIFT escapes into placeholders (and `\n` into a newline) before parsing."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else ESCAPED.get(m[1], m[0]), text)


def clean(text: str, fmt: str = "moodle") -> str:
    """Final text of a stem, answer or feedback: format marker off, HTML made plain."""
    marker = FORMAT.match(text)
    if marker:
        fmt, text = marker[1].lower(), text[marker.end() :]
    if fmt == "html":
        text = html_to_text(text)
    return text.translate(RESTORE).strip()


def parse_question(block: str, lang: str) -> Question:
    """Parse one question block; raise Skip when it cannot become a bank item."""
    text = protect(block)
    name = ""
    if found := NAME.match(text):
        name, text = found[1].translate(RESTORE).strip(), text[found.end() :]
    fmt = "moodle"
    if found := FORMAT.match(text):
        fmt, text = found[1].lower(), text[found.end() :]
    start = text.find("{")
    if start < 0:
        raise Skip("skipped: description")
    end = text.find("}", start)
    if end < 0:
        raise Skip("skipped: the answers have no closing }")
    if "{" in text[start + 1 :] or "}" in text[end + 1 :]:
        raise Skip("skipped: more than one answer set (escape literal braces as \\{ \\})")
    before, answers, after = text[:start], text[start + 1 : end], text[end + 1 :]
    question = Question(name, clean(before + BLANK + after if after.strip() else before, fmt), lang)
    answers, _, general = answers.partition("####")
    body = answers.strip()
    if not body:
        raise Skip("skipped: essay question")
    if general.strip():
        question.feedback.append(clean(general, fmt))
    if body.startswith("#"):
        numeric(question, body[1:], fmt)
    elif "~" in body:
        choice(question, body, fmt)
    elif "=" in body and "->" in body:
        matching(question, body, fmt)
    elif body.partition("#")[0].strip().upper() in TRUTH:
        truefalse(question, body, fmt)
    elif body.startswith("="):
        short(question, body, fmt)
    else:
        raise Skip("skipped: the answers are not in a GIFT form we know")
    if not question.stem:
        raise Skip("skipped: no question text")
    return question


def split_answers(body: str) -> list[tuple[str, str]]:
    """Split an answer section at its `=` and `~` markers into (marker, raw text) pairs."""
    head = re.split(r"[=~]", body, maxsplit=1)[0]
    if head.strip():
        raise Skip(f"skipped: {clean(head)!r} comes before the first = or ~")
    return [(m[1], m[2]) for m in re.finditer(r"([=~])([^=~]*)", body)]


def answer(marker: str, raw: str, fmt: str) -> tuple[float, str, str]:
    """(weight, text, feedback) of one answer; `=` is worth 100% unless weighted."""
    text, _, feedback = raw.partition("#")
    weight = 1.0 if marker == "=" else 0.0
    if found := WEIGHT.match(text):
        weight, text = float(found[1]) / 100, text[found.end() :]
    return round(weight, 5), clean(text, fmt), clean(feedback, fmt)


def letter(index: int) -> str:
    """Option id for the index-th option: a, b, c, … then o27, o28, …"""
    return chr(ord("a") + index) if index < 26 else f"o{index + 1}"


def choice(q: Question, body: str, fmt: str) -> None:
    """Multiple choice: one `=` makes it single choice, only `~` makes it multiple response."""
    parsed = [(marker, *answer(marker, raw, fmt)) for marker, raw in split_answers(body)]
    if any(not text for _, _, text, _ in parsed):
        raise Skip("skipped: an answer has no text")
    ids = [letter(i) for i in range(len(parsed))]
    q.fields["options"] = [
        {"id": i, q.lang: text} for i, (_, _, text, _) in zip(ids, parsed, strict=True)
    ]
    q.feedback += [f"{text}: {fb}" for _, _, text, fb in parsed if fb]
    weights = [w for _, w, _, _ in parsed]
    if any(marker == "=" for marker, *_ in parsed):
        q.type = "single"
        best = weights.index(max(weights))
        q.fields["answer"] = ids[best]
        if weights[best] < 1:
            q.notes.append(f"no answer has 100%; {parsed[best][2]!r} is taken as the answer")
        partial = {ids[i]: min(w, 1.0) for i, w in enumerate(weights) if i != best and w > 0}
        if partial:
            q.fields["weights"] = partial
        if any(w < 0 for w in weights):
            q.notes.append("negative weights are read as 0 (single choice never takes marks away)")
        return
    right = [i for i, w in zip(ids, weights, strict=True) if w > 0]
    if not right:
        raise Skip("skipped: no answer has a positive weight")
    q.type = "multiple"
    q.fields["answer"] = right


def truefalse(q: Question, body: str, fmt: str) -> None:
    """`{T#feedback if answered wrongly#feedback if answered rightly}`."""
    value, *feedback = body.split("#")
    truth = TRUTH[value.strip().upper()]
    wrong, right = [clean(f, fmt) for f in (*feedback, "", "")[:2]]
    yes, no = TRUE_FALSE.get(q.lang, TRUE_FALSE["en"])
    on_true, on_false = (right, wrong) if truth else (wrong, right)
    q.feedback += [f"{label}: {fb}" for label, fb in ((yes, on_true), (no, on_false)) if fb]
    q.type, q.fields["answer"] = "truefalse", truth


def short(q: Question, body: str, fmt: str) -> None:
    """Short answer: every `=` answer is accepted with its weight."""
    accept = []
    for marker, raw in split_answers(body):
        weight, text, fb = answer(marker, raw, fmt)
        if not text:
            raise Skip("skipped: an accepted answer has no text")
        accept.append({"text": text, "weight": weight})
        if fb:
            q.feedback.append(f"{text}: {fb}")
    q.type, q.fields["accept"] = "short", accept


def matching(q: Question, body: str, fmt: str) -> None:
    """`{=left -> right …}`; answers with no left side (distractors) are dropped."""
    pairs: list[dict[str, Any]] = []
    for _, raw in split_answers(body):
        left, arrow, right = raw.partition("#")[0].partition("->")
        left, right = clean(left, fmt), clean(right, fmt)
        if not arrow or not right:
            raise Skip("skipped: a matching answer needs `left -> right`")
        if not left:
            q.notes.append(f"the extra match {right!r} has no left side: distractors are dropped")
            continue
        pairs.append({"id": f"p{len(pairs) + 1}", "left": {q.lang: left}, "right": {q.lang: right}})
    if len(pairs) < 2:
        raise Skip("skipped: matching needs at least 2 pairs")
    q.type, q.fields["pairs"], q.fields["partial_credit"] = "matching", pairs, True


def number(text: str) -> int | float:
    """A finite number; whole numbers come back as int."""
    value = float(text.translate(RESTORE).strip())
    if not math.isfinite(value):
        raise ValueError(text)
    return int(value) if value.is_integer() else value


def number_range(spec: str) -> dict[str, Any]:
    """`min..max`, `value:tolerance` or `value` as an accept entry (without weight)."""
    try:
        if ".." in spec:
            low, high = (number(part) for part in spec.split("..", 1))
            if low > high:
                raise Skip(f"skipped: the range {spec.strip()!r} runs backwards")
            return {"min": low, "max": high}
        value, _, tolerance = spec.partition(":")
        return {"value": number(value), "tolerance": abs(number(tolerance or "0"))}
    except ValueError:
        raise Skip(f"skipped: {clean(spec)!r} is not a number or range") from None


def describe(entry: dict[str, Any]) -> str:
    """An accepted number for feedback lines: `5`, `5 ± 2` or `1–5`."""
    if "min" in entry:
        return f"{entry['min']}–{entry['max']}"
    return f"{entry['value']}" + (f" ± {entry['tolerance']}" if entry["tolerance"] else "")


def numeric(q: Question, body: str, fmt: str) -> None:
    """`{#5}`, `{#5:0.5}`, `{#1..5}` or `{# =%100%5:0 =%50%5:2 ~#other}`."""
    body, _, other = body.partition("~")
    raw_answers = split_answers(body) if "=" in body else [("=", body)]
    accept = []
    for _, raw in raw_answers:
        spec, _, fb = raw.partition("#")
        weight = 1.0
        if found := WEIGHT.match(spec):
            weight, spec = round(float(found[1]) / 100, 5), spec[found.end() :]
        entry = {**number_range(spec), "weight": weight}
        accept.append(entry)
        if fb.strip():
            q.feedback.append(f"{describe(entry)}: {clean(fb, fmt)}")
    if other.partition("#")[2].strip():
        label = OTHER_ANSWER.get(q.lang, OTHER_ANSWER["en"])
        q.feedback.append(f"{label}: {clean(other.partition('#')[2], fmt)}")
    q.type, q.fields["accept"] = "numeric", accept
