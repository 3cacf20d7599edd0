"""Arabic interface strings keep their visual order in right-to-left text (browser check).

Every message of the compiled Arabic catalog that holds an arrow, a URL, an email address,
a signed number or a number code (an exam code such as 600-101, an ISO date) is drawn by
Chromium in one right-to-left page (`<html lang="ar" dir="rtl">`, the app's stylesheet and
web fonts), escaped the way a template escapes a value. Placeholders that always carry such
a value (%(email)s, %(link)s, %(date)s...) are filled with a sample first, so a sentence
that would turn the value around is caught too. The browser measures where each character
lands (Range.getBoundingClientRect), and the checks read those positions, not the string:

* an arrow points the way the text around it is read: from the word before it to the word
  after it on screen («←» between Arabic words, «→» only inside a left-to-right isolate);
* a URL, an email address or a number code is drawn left to right, in one piece, with no
  other character inside it;
* sentence punctuation after a URL or an email address does not touch it (right-to-left
  text puts it against the address's first letter, where it reads as part of the address);
* a sign stays on the left of its number and touches it («−1» is not drawn «1−»).

Known-bad strings are measured in the same page, and the checker must flag each of them,
so it can never pass by checking nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import read_mo

pytestmark = pytest.mark.browser

MO_FILE = Path(__file__).resolve().parents[2] / "app/translations/ar/LC_MESSAGES/messages.mo"
FSI, PDI = "\u2068", "\u2069"
# Bidi controls take no room on screen; they are skipped when looking for neighbours.
CONTROLS = set("\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e")
SENTENCE_PUNCTUATION = set(".,،;؛:!?؟")
POINTS_RIGHT, POINTS_LEFT = set("→⟶⇒➜➔➝⇢"), set("←⟵⇐⇠")

# Values a placeholder of this name always holds, so the sentence around it is tested with
# one. Other placeholders get a number (%d) or an Arabic word (%s).
SAMPLES = {
    "email": "name@example.com",
    "url": "https://tawasul.example/p/sara",
    "date": "2026-03-05",
    "as_of": "2026-03-05",
    "when": "2026-03-05 14:30",
}
# Names that hold such a value in some messages only ("%(link)s" is also a link's lifetime).
SAMPLES_BY_MESSAGE = {
    "Your secret link (copy it now": {"link": "https://tawasul.example/s/k3y"},
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?([sdif])")

TOKENS = {
    "url": re.compile(r"https?://[^\s\u2066-\u2069«»()\[\]،؛]*"),
    "email": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    "code": re.compile(r"(?<![\w+\-−])\d+(?:-\d+)+(?![\w-])"),
    "signed": re.compile(r"(?<![\w.+\-−])[+\-−]\d+(?:[.,]\d+)*%?"),
    "arrow": re.compile("[" + "".join(sorted(POINTS_RIGHT | POINTS_LEFT)) + "]"),
}

# Each must be flagged, for the reason given (the checker's self-test).
KNOWN_BAD = {
    "راجع https://example.com.": "url",  # the full stop sits against the «h»
    "أدخل رابطًا يبدأ بـ https://": "url",  # drawn «//:https»
    "راسلنا على name@example.com.": "email",
    "→ التالي": "arrow",
    "الأصل → إعادة المحاكاة": "arrow",
    "−1 ي": "signed",  # drawn «1−»
    "التغير +12% هذا الأسبوع": "signed",
    "اختبار 600-101 لمدير المجتمع": "code",  # drawn «101-600»
    "مثل 2027-02-18.": "code",
}
# The same content written so that it reads correctly: the checker must pass each.
KNOWN_GOOD = [
    f"راجع {FSI}https://example.com{PDI} للمزيد",
    f"أدخل رابطًا يبدأ بـ {FSI}https://{PDI}",
    f"راسلنا على {FSI}name@example.com{PDI} متى شئت",
    "التالي ←",
    "الأصل ← إعادة المحاكاة",
    f"{FSI}7{PDI} ← {FSI}9{PDI}",
    f"يوم {FSI}+1{PDI}",
    f"التغير {FSI}+12%{PDI} هذا الأسبوع",
    f"اختبار {FSI}600-101{PDI} لمدير المجتمع",
    f"مثل {FSI}2027-02-18{PDI}.",
]

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>اتجاه النصوص</title>
<link rel="stylesheet" href="/static/css/app.css">
<style>.probe { white-space: nowrap; }</style></head>
<body><main>{% for text in probes %}<p class="probe" id="probe-{{ loop.index0 }}">{{ text }}</p>
{% endfor %}</main></body></html>"""

# Runs in the page: the box of every UTF-16 unit of every probe (one text node each).
MEASURE_JS = """(count) => Array.from({length: count}, (_, i) => {
  const p = document.getElementById("probe-" + i);
  const node = p.firstChild;
  if (p.childNodes.length !== 1 || node.nodeType !== Node.TEXT_NODE) return null;
  const range = document.createRange(), boxes = [];
  for (let k = 0; k < node.length; k++) {
    range.setStart(node, k);
    range.setEnd(node, k + 1);
    const r = range.getBoundingClientRect();
    boxes.push([r.left, r.right, r.width]);
  }
  return {text: node.data, boxes};
})"""
FONTS_JS = """async () => { await document.fonts.ready;
  return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family); }"""


@dataclass
class Probe:
    """One string to draw: where it comes from and the runs in it that need checking."""

    source: str
    text: str
    tokens: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end)


def fill(message: str, msgid: str = "") -> str:
    """The message as shown, with a sample value for each placeholder."""
    if not PLACEHOLDER.search(message) and "%%" not in message:
        return message  # not formatted: a lone "%" stays as it is
    samples = dict(SAMPLES)
    for start, extra in SAMPLES_BY_MESSAGE.items():
        if msgid.startswith(start):
            samples.update(extra)

    def value(match: re.Match[str]) -> str:
        name, kind = match.groups()
        return samples.get(name) or ("7" if kind in "dif" else "قيمة")

    return PLACEHOLDER.sub(value, message).replace("%%", "%")


def find_tokens(text: str) -> list[tuple[str, int, int]]:
    """Every arrow, URL, email address, signed number and number code in the text."""
    found: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for kind in ("url", "email", "code", "signed", "arrow"):
        for match in TOKENS[kind].finditer(text):
            start, end = match.span()
            if kind == "url":
                while end > start and text[end - 1] in ".,:;!?":
                    end -= 1  # the sentence's own punctuation is not part of the address
            if taken & set(range(start, end)):
                continue
            taken |= set(range(start, end))
            found.append((kind, start, end))
    return sorted(found, key=lambda token: token[1])


def catalog_probes() -> list[Probe]:
    """The Arabic messages that hold something the checks apply to."""
    if not MO_FILE.is_file():
        pytest.fail(f"{MO_FILE} is missing: run `make translations` first", pytrace=False)
    with MO_FILE.open("rb") as handle:
        catalog = read_mo(handle)
    probes = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        # Plural messages hold a tuple or list of forms.
        texts = (message.string,) if isinstance(message.string, str) else message.string
        for text in dict.fromkeys(fill(t, msgid) for t in texts if t):
            tokens = find_tokens(text)
            if tokens:
                probes.append(Probe(f"catalog: {msgid!r}", text, tokens))
    return probes


@dataclass
class Drawn:
    """Where Chromium drew each character of one probe (left, right, width per character)."""

    text: str
    boxes: list[tuple[float, float, float]]

    def visible(self, i: int) -> bool:
        """A character that takes room on screen (not a space or a bidi control)."""
        ch = self.text[i]
        return self.boxes[i][2] > 0 and not ch.isspace() and ch not in CONTROLS

    def center(self, i: int) -> float:
        """The middle of the character's box."""
        return (self.boxes[i][0] + self.boxes[i][1]) / 2

    def shown(self, indices: list[int]) -> str:
        """The characters as they appear from left to right on screen."""
        return "".join(self.text[i] for i in sorted(indices, key=self.center))

    def neighbour(self, i: int, step: int) -> int | None:
        """The nearest visible character before (step −1) or after (step +1) position i."""
        j = i + step
        while 0 <= j < len(self.text):
            if self.visible(j):
                return j
            j += step
        return None


def problems(drawn: Drawn, tokens: list[tuple[str, int, int]]) -> list[tuple[str, str]]:
    """What reads wrongly on screen, as (kind, explanation) pairs."""
    found = []
    for kind, start, end in tokens:
        run = [i for i in range(start, end) if drawn.visible(i)]
        token = drawn.text[start:end]
        if kind == "arrow":
            found += arrow_problems(drawn, start)
            continue
        if not run:
            found.append((kind, f"{token!r} is not drawn at all"))
            continue
        if any(drawn.center(b) <= drawn.center(a) for a, b in pairwise(run)):
            found.append((kind, f"{token!r} is drawn {drawn.shown(run)!r}: not left to right"))
        left = min(drawn.boxes[i][0] for i in run)
        right = max(drawn.boxes[i][1] for i in run)
        inside = [
            i
            for i in range(len(drawn.text))
            if drawn.visible(i)
            and not start <= i < end
            and left + 0.5 < drawn.center(i) < right - 0.5
        ]
        if inside:
            found.append((kind, f"{drawn.shown(inside)!r} is drawn inside {token!r}"))
        if kind in ("url", "email"):
            after = end
            while after < len(drawn.text) and drawn.text[after] in CONTROLS:
                after += 1
            if after < len(drawn.text) and drawn.text[after] in SENTENCE_PUNCTUATION:
                mark = drawn.boxes[after]
                gap = max(left - mark[1], mark[0] - right)
                if gap < 1.0:
                    found.append(
                        (kind, f"{drawn.text[after]!r} after {token!r} is drawn against it")
                    )
        if kind == "signed":
            sign, digits = run[0], run[1:]
            if digits:
                first = min(digits, key=drawn.center)
                touching = abs(drawn.boxes[first][0] - drawn.boxes[sign][1]) <= 1.5
                if drawn.center(sign) > drawn.center(first) or not touching:
                    found.append(
                        (kind, f"the sign of {token!r} is not on its left: {drawn.shown(run)!r}")
                    )
    return found


def arrow_problems(drawn: Drawn, at: int) -> list[tuple[str, str]]:
    """An arrow must point from what is read before it to what is read after it."""
    before, after = drawn.neighbour(at, -1), drawn.neighbour(at, +1)
    if before is None and after is None:
        return []
    if before is not None and after is not None:
        reading = drawn.center(after) - drawn.center(before)
    elif after is not None:
        reading = drawn.center(after) - drawn.center(at)
    else:
        assert before is not None
        reading = drawn.center(at) - drawn.center(before)
    arrow = drawn.text[at]
    points = 1 if arrow in POINTS_RIGHT else -1
    if points * reading >= 0:
        return []
    way = "left" if reading < 0 else "right"
    return [("arrow", f"{arrow!r} points against the reading order here (text runs {way})")]


@pytest.fixture(scope="module")
def measured(app: Any, browser: Any, live_server: str) -> dict[str, Any]:
    """All probes drawn in one page with the app's CSS and fonts; their character boxes."""
    probes = catalog_probes()
    probes += [Probe("known bad", text, find_tokens(text)) for text in KNOWN_BAD]
    probes += [Probe("known good", text, find_tokens(text)) for text in KNOWN_GOOD]
    # The same autoescaping as a template printing a value.
    html = app.jinja_env.from_string(PAGE).render(probes=[p.text for p in probes])
    context = browser.new_context(locale="ar-SA", viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        address = f"{live_server}/__rtl-probes__"  # same origin as /static/, never reaches the app
        page.route(
            address,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        page.goto(address)
        fonts = page.evaluate(FONTS_JS)
        drawn = page.evaluate(MEASURE_JS, len(probes))
    finally:
        context.close()
    return {"probes": probes, "drawn": drawn, "fonts": fonts}


def report(measured: dict[str, Any], source: str) -> list[tuple[Probe, list[tuple[str, str]]]]:
    """(probe, problems) for every probe of one source ("catalog", "known bad"...)."""
    out = []
    for probe, raw in zip(measured["probes"], measured["drawn"], strict=True):
        if not probe.source.startswith(source):
            continue
        assert raw is not None, f"{probe.text!r} did not render as one text node"
        # Units are UTF-16; the interface strings here have no characters outside the BMP.
        assert raw["text"] == probe.text, (raw["text"], probe.text)
        drawn = Drawn(raw["text"], [tuple(b) for b in raw["boxes"]])
        out.append((probe, problems(drawn, probe.tokens)))
    return out


def test_page_uses_the_app_font(measured: dict[str, Any]) -> None:
    """The strings were drawn with the app's own Arabic web font, as on its pages."""
    assert "Noto Sans Arabic" in {f.strip("\"'") for f in measured["fonts"]}, measured["fonts"]


def test_checker_flags_known_bad_strings(measured: dict[str, Any]) -> None:
    """Each known-bad string is flagged, for the reason it is known to be bad."""
    results = report(measured, "known bad")
    assert len(results) == len(KNOWN_BAD)
    missed = [
        (probe.text, KNOWN_BAD[probe.text], found)
        for probe, found in results
        if KNOWN_BAD[probe.text] not in {kind for kind, _ in found}
    ]
    assert not missed, missed


def test_checker_passes_known_good_strings(measured: dict[str, Any]) -> None:
    """The same content, isolated or worded for right-to-left text, passes."""
    results = report(measured, "known good")
    assert len(results) == len(KNOWN_GOOD)
    flagged = [(probe.text, found) for probe, found in results if found]
    assert not flagged, flagged


def test_arabic_catalog_strings_keep_their_visual_order(measured: dict[str, Any]) -> None:
    """No Arabic interface string with an arrow, URL, email, sign or code reads wrongly."""
    results = report(measured, "catalog")
    kinds = {kind for probe, _ in results for kind, _, _ in probe.tokens}
    # The catalog has strings of these kinds today; an empty collection would test nothing.
    assert {"arrow", "url", "email", "code"} <= kinds, kinds
    bad = [
        f"{probe.source}\n    shown: {probe.text!r}\n    " + "\n    ".join(m for _, m in found)
        for probe, found in results
        if found
    ]
    assert not bad, f"{len(bad)} Arabic string(s) read wrongly right to left:\n" + "\n".join(bad)
