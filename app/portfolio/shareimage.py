"""The 1200×630 Open Graph image for a shared portfolio page, drawn with Pillow (pure).

Arabic needs shaping (joined letters) and right-to-left order. Pillow's RAQM layout does both,
but only within one font, and no font we can count on covers Arabic and Latin: the bundled web
fonts are per-script subsets, and Debian's Noto Sans Arabic has digits but no Latin letters. So
each line is cut into runs by font and by direction, the runs are put in visual order here with a
cut-down Unicode bidi algorithm, and RAQM shapes each run.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BRAND, ACCENT, BAND = "#0b5e52", "#3fb8a4", "#084a41"
INK, SOFT = "#ffffff", "#d3ebe5"
ELLIPSIS = "…"
# Far more than three lines can show; bounds the work for a 10,000-character title.
MAX_CHARS = 600
FONT_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"
SYSTEM_DIR = Path("/usr/share/fonts/truetype/noto")
# Zero-width (non-)joiners change Arabic and Persian letter forms: the only format characters kept.
_JOINERS = "\u200c\u200d"

# Bidi classes as one letter each, so that the bidi rules can be regular expressions.
_BIDI = dict(zip(("L", "R", "AL", "EN", "AN", "ES", "CS", "ET", "NSM"), "LRAENsctm", strict=True))

Font = ImageFont.FreeTypeFont
Run = tuple[str, str, int]  # text in logical order, font file, bidi embedding level
Piece = tuple[str, Font, str | None]  # text as drawn, font, direction for RAQM


def layout_engine() -> ImageFont.Layout:
    """RAQM (shaping and bidi) when Pillow was built with it, else the basic layout."""
    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


def share_image(title: str, subtitle: str, footer: str, *, rtl: bool) -> bytes:
    """PNG bytes of the 1200×630 share card: title, subtitle and footer on the brand colour."""
    engine = layout_engine()
    img = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, WIDTH, 11), fill=ACCENT)
    draw.rectangle((0, HEIGHT - 100, WIDTH, HEIGHT), fill=BAND)
    baseline = 150
    # (text, bold, font size, line step, most lines, colour)
    for text, bold, size, step, most, fill in (
        (title, True, 64, 92, 3, INK),
        (subtitle, False, 34, 52, 2, SOFT),
    ):
        face = _Face(bold, size, rtl, engine)
        for line in _wrap(_clean(text, bold), face.fits, most):
            face.draw(draw, baseline, fill, line)
            baseline += step
        baseline += 18
    face = _Face(False, 26, rtl, engine)
    for line in _wrap(_clean(footer, False), face.fits, 1):
        face.draw(draw, HEIGHT - 40, SOFT, line)  # in the darker band
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def visual_runs(line: str, *, rtl: bool, bold: bool = True) -> list[tuple[str, bool]]:
    """A line's runs left to right on screen, each as (text in logical order, is right-to-left)."""
    return [(text, level % 2 == 1) for text, _, level in _runs(line, bold, rtl)]


def _font_files(bold: bool) -> tuple[str, ...]:
    """Font files to try in order: Arabic, then Latin, then wider system coverage if installed."""
    weight, style = ("700", "Bold") if bold else ("400", "Regular")
    candidates = (
        SYSTEM_DIR / f"NotoSansArabic-{style}.ttf",  # has digits and common punctuation too
        FONT_DIR / f"noto-sans-arabic-arabic-{weight}.woff2",
        FONT_DIR / f"noto-sans-arabic-latin-{weight}.woff2",
        SYSTEM_DIR / f"NotoSans-{style}.ttf",  # Greek, Cyrillic, Vietnamese
    )
    return tuple(str(path) for path in candidates if path.is_file())


@functools.lru_cache(maxsize=64)
def _font(path: str, size: int, engine: ImageFont.Layout) -> Font:
    """A loaded font; cached, since woff2 files are decompressed on every load."""
    return ImageFont.truetype(path, size, layout_engine=engine)


@functools.lru_cache(maxsize=65536)
def _covers(path: str, char: str) -> bool:
    """Whether the font has a glyph for the character."""
    # Pillow has no cmap lookup, but a missing character renders as the .notdef box, the same
    # bitmap as a private-use code point that no font maps.
    font = _font(path, 20, ImageFont.Layout.BASIC)
    glyph, notdef = font.getmask(char), font.getmask("\U0010fffd")
    return glyph.size != notdef.size or bytes(glyph) != bytes(notdef)


def _clean(text: str, bold: bool) -> str:
    """Text with whitespace collapsed, and control characters and glyphless ones (emoji) dropped."""
    files = _font_files(bold)
    kept = []
    for char in text[: MAX_CHARS * 4]:
        if char.isspace():
            kept.append(" ")
        # A character no font has would show as an empty box: leave it out instead.
        elif (unicodedata.category(char)[0] != "C" or char in _JOINERS) and any(
            _covers(path, char) for path in files
        ):
            kept.append(char)
    return " ".join("".join(kept).split())[:MAX_CHARS]


def _levels(line: str, rtl: bool) -> list[int]:
    """Bidi level of each character, by the Unicode rules W1-W7, N1-N2 and I1-I2."""
    # _clean drops explicit embeddings and marks. The paragraph direction goes in front as the
    # start-of-text type, so every rule sees a strong type before the first character.
    base = "R" if rtl else "L"
    s = base + "".join(_BIDI.get(unicodedata.bidirectional(char), "_") for char in line)
    s = re.sub(r"(.)m+", lambda m: m[1] * len(m[0]), s)  # W1: marks take their letter's type
    s = re.sub(r"A[^LRA]*", lambda m: m[0].replace("E", "N"), s).replace("A", "R")  # W2, W3
    s = re.sub(r"(?<=E)[sc](?=E)", "E", re.sub(r"(?<=N)c(?=N)", "N", s))  # W4: "1,000", "2.5"
    s = re.sub(r"t*E+t*", lambda m: "E" * len(m[0]), s)  # W5: "%", "$", "#" next to a number
    s = re.sub(r"L[^LR]*", lambda m: m[0].replace("E", "L"), s)  # W7: numbers after Latin

    def settle(m: re.Match[str]) -> str:
        """N1, N2: neutrals between two sides of one direction take it, else the paragraph's."""
        before = "L" if s[m.start() - 1] == "L" else "R"  # numbers count as right-to-left
        after = base if m.end() == len(s) else ("L" if s[m.end()] == "L" else "R")
        return (before if before == after else base) * len(m[0])

    s = re.sub(r"[sct_]+", settle, s)
    table = {"L": 2 if rtl else 0, "R": 1, "E": 2, "N": 2}  # I1, I2
    return [table[code] for code in s[1:]]


def _runs(line: str, bold: bool, rtl: bool) -> list[Run]:
    """The line cut where the font or the level changes, in visual order (rule L2)."""
    files = _font_files(bold)
    runs: list[Run] = []
    path = ""
    for char, level in zip(line, _levels(line, rtl), strict=True):
        # Stay in the current font while it has the character: fewer runs, steadier shaping.
        if not path or not _covers(path, char):
            path = next((p for p in files if _covers(p, char)), path or files[0])
        if runs and runs[-1][1:] == (path, level):
            runs[-1] = (runs[-1][0] + char, path, level)
        else:
            runs.append((char, path, level))
    for level in range(max((run[2] for run in runs), default=0), 0, -1):
        groups = itertools.groupby(runs, key=lambda run: run[2] >= level)
        runs = [run for high, group in groups for run in (list(group)[::-1] if high else group)]
    return runs


@dataclass(frozen=True)
class _Face:
    """One text style on the card: weight, size, paragraph direction and layout engine."""

    bold: bool
    size: int
    rtl: bool
    engine: ImageFont.Layout

    def pieces(self, line: str) -> list[Piece]:
        """The line's runs in visual order, ready to measure and draw."""
        pieces: list[Piece] = []
        for text, path, level in _runs(line, self.bold, self.rtl):
            font = _font(path, self.size, self.engine)
            if self.engine == ImageFont.Layout.RAQM:
                pieces.append((text, font, "rtl" if level % 2 else "ltr"))
            else:  # nothing is shaped, but reversing keeps right-to-left letters in order
                pieces.append((text[::-1] if level % 2 else text, font, None))
        return pieces

    def fits(self, line: str) -> bool:
        """Whether the line fits between the margins, measured with the real fonts."""
        width = sum(font.getlength(text, direction=d) for text, font, d in self.pieces(line))
        return width <= WIDTH - 2 * MARGIN

    def draw(self, draw: ImageDraw.ImageDraw, baseline: int, fill: str, line: str) -> None:
        """Draw the line flush right for rtl and flush left otherwise."""
        pieces = self.pieces(line)
        widths = [font.getlength(text, direction=d) for text, font, d in pieces]
        x = WIDTH - MARGIN - sum(widths) if self.rtl else float(MARGIN)
        for (text, font, direction), width in zip(pieces, widths, strict=True):
            # The "ls" anchor puts every run, whatever its font, on the same baseline.
            draw.text((x, baseline), text, font=font, fill=fill, anchor="ls", direction=direction)
            x += width


def _wrap(text: str, fits: Callable[[str], bool], most: int) -> list[str]:
    """Greedy word wrap into at most `most` lines, the last ending in "…" if text is left over."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < most:
        words = rest.split(" ")
        taken = 1
        while taken < len(words) and fits(" ".join(words[: taken + 1])):
            taken += 1
        line = " ".join(words[:taken])
        if not fits(line):  # one word wider than the card: cut it where it stops fitting
            line = line[: _longest_prefix(line, fits)]
        lines.append(line)
        rest = rest[len(line) :].lstrip(" ")
    if rest and lines:
        last = lines[-1]
        while last and not fits(last + ELLIPSIS):
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return lines


def _longest_prefix(word: str, fits: Callable[[str], bool]) -> int:
    """Length of the longest prefix of `word` that fits (at least 1), by binary search."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(word[:middle]):
            low = middle
        else:
            high = middle - 1
    while 1 < low < len(word) and unicodedata.combining(word[low]):  # keep a mark with its letter
        low -= 1
    return low
