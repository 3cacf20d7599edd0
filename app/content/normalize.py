"""Arabic-aware normalisation for short-text answers and search."""

from __future__ import annotations

import re
import unicodedata

ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
TATWEEL = "\u0640"
# Harakat, tanween, shadda, sukun, superscript alef and Quranic marks.
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
LETTER_FORMS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
SPACES = re.compile(r"\s+")
PUNCT_EDGES = re.compile(r"^[\s\.\,\!\?؟،؛:;\"'«»()\[\]-]+|[\s\.\,\!\?؟،؛:;\"'«»()\[\]-]+$")


def normalize(text: str) -> str:
    """Fold a string so equivalent spellings compare equal (never raises)."""
    if not isinstance(text, str):
        text = str(text)
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(ARABIC_INDIC).replace(TATWEEL, "")
    text = DIACRITICS.sub("", text)
    text = text.translate(LETTER_FORMS).casefold()
    text = SPACES.sub(" ", text)
    return PUNCT_EDGES.sub("", text)


def parse_number(text: str) -> float | None:
    """Read a number typed with Western or Arabic-Indic digits and either decimal mark."""
    cleaned = (
        normalize(text)
        .replace("٫", ".")
        .replace("٬", "")
        .replace(",", ".")
        .replace("%", "")
        .replace("٪", "")
    )
    cleaned = cleaned.replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None
