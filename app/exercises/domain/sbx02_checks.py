"""sbx-02 checks on one version: platform rules, language, facts, CTA, own words (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.exercises.domain.cta import PREFIXES, CtaLexicon
from app.exercises.domain.engine import Reason
from app.exercises.domain.sbx02 import date_found, offer_found, price_found
from app.exercises.domain.text import fragments, words
from app.sandbox.domain.platforms import FORMATS
from app.sandbox.domain.rules import Draft, check_draft, hashtags_in, x_length

# Only the rules about the text apply: this is a document, with no media to count.
TEXT_CHECKS = {
    "text_max": "length",
    "hashtags_max": "hashtags",
    "fold": "fold",
    "link_in_text": "link",
}
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
WARNING_SHARE = 0.75  # a version that only draws warnings keeps three quarters of its share


@dataclass(frozen=True)
class Version:
    """One version as submitted: where it goes, its language and its fields."""

    slot: str
    platform: str
    lang: str
    caption: str
    format: str
    hashtags: str
    hook: str

    @property
    def present(self) -> bool:
        """Whether there is a caption to score."""
        return bool(self.caption.strip()) and self.platform in FORMATS

    @property
    def draft(self) -> Draft:
        """The version as the sandbox's rule checker reads it."""
        return Draft(text=self.caption, hashtags=self.hashtags)

    @property
    def text(self) -> str:
        """The caption with the hashtags field and, on TikTok, the on-screen hook."""
        return f"{self.draft.final_text()}\n{self.hook}"

    def hashtag_count(self) -> int:
        """Hashtags as published: in the caption and in the hashtags field."""
        return len(hashtags_in(self.draft))

    def length(self) -> int:
        """The length the platform counts (X weighs characters and links)."""
        text = self.draft.final_text()
        return x_length(text) if self.platform == "x" else len(text)


def rule_check(
    version: Version, facts: Mapping[str, Any], on: str, limit: int
) -> tuple[float, list[Reason]]:
    """(share of the version's points kept: 0, 0.75 or 1; reasons naming rule and numbers)."""
    if not version.present:
        return 0.0, [Reason("version-missing", {"platform": version.platform}, ok=False)]
    fmt = version.format if version.format in FORMATS[version.platform] else "feed"
    parts = [version.draft]
    if version.platform == "x" and fmt == "thread":
        # A thread is checked post by post: parts are separated by a blank line.
        chunks = [c for c in re.split(r"\n\s*\n", version.caption) if c.strip()]
        parts = [
            Draft(text=c, hashtags=version.hashtags if i == 0 else "") for i, c in enumerate(chunks)
        ] or parts
    reasons: list[Reason] = []
    seen: set[str] = set()
    for part in parts:
        for broken in check_draft(version.platform, fmt, part, facts, on):
            if broken.check not in TEXT_CHECKS or broken.rule in seen:
                continue
            seen.add(broken.rule)
            error = broken.severity == "error"
            code = f"rules-{TEXT_CHECKS[broken.check]}" + ("" if error else "-soft")
            values = {
                "platform": version.platform,
                "rule": broken.rule,
                "actual": broken.actual,
                "limit": broken.limit,
            }
            reasons.append(Reason(code, values, ok=False))
    if any(not r.code.endswith("-soft") for r in reasons):
        return 0.0, reasons
    values = {"platform": version.platform, "length": version.length(), "limit": limit}
    if reasons:
        return WARNING_SHARE, reasons
    return 1.0, [Reason("rules-ok", values)]


def in_language(text: str, lang: str) -> bool:
    """Whether most letters of the prose are in the expected script (Arabic or Latin)."""
    prose, _ = fragments(text)
    letters = [c for c in prose if c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if ARABIC.match(c)) / len(letters)
    return arabic >= 0.5 if lang == "ar" else arabic < 0.5


def fact_check(version: Version, card: Mapping[str, Any]) -> tuple[int, list[Reason]]:
    """(facts found out of 3; reasons): price, date and offer after folding digits."""
    platform = version.platform
    if not version.present:
        return 0, [Reason("version-missing", {"platform": platform}, ok=False)]
    if not in_language(version.caption, version.lang):
        return 0, [Reason("wrong-language", {"platform": platform}, ok=False)]
    lang, text = version.lang, version.text
    missing = []
    if not price_found(text, card):
        missing.append(
            Reason(
                "price-missing",
                {"platform": platform, "price": card["price"]["text"][lang]},
                ok=False,
            )
        )
    if not date_found(text, card):
        missing.append(
            Reason(
                "date-missing", {"platform": platform, "date": card["date"]["text"][lang]}, ok=False
            )
        )
    if not offer_found(text, card):
        missing.append(
            Reason(
                "offer-missing",
                {"platform": platform, "offer": card[lang]["offer_short"]},
                ok=False,
            )
        )
    if not missing:
        return 3, [Reason("facts-all", {"platform": platform})]
    return 3 - len(missing), missing


def cta_phrase(lexicon: CtaLexicon, kinds: Iterable[str], text: str) -> str | None:
    """The first CTA phrase of one of the kinds found in the text (folded), or None."""
    plain = words(text)
    bare = [w[1:] if len(w) > 3 and w[0] in PREFIXES else w for w in plain]
    for kind in kinds:
        for phrase in lexicon.kinds.get(kind, ()):
            n = len(phrase)
            for hay in (plain, bare):
                if any(tuple(hay[i : i + n]) == phrase for i in range(len(hay) - n + 1)):
                    return " ".join(phrase)
    return None


def cta_check(version: Version, lexicon: CtaLexicon, goal: str) -> tuple[bool, Reason]:
    """Whether the version asks for a step of a kind the goal accepts."""
    platform = version.platform
    if not version.present:
        return False, Reason("version-missing", {"platform": platform}, ok=False)
    if not in_language(version.caption, version.lang):
        return False, Reason("wrong-language", {"platform": platform}, ok=False)
    phrase = cta_phrase(lexicon, lexicon.goals.get(goal, ()), version.text)
    if phrase:
        return True, Reason("cta-found", {"platform": platform, "phrase": phrase, "goal": goal})
    if lexicon.kinds_in(version.text):
        return False, Reason("cta-other-goal", {"platform": platform, "goal": goal}, ok=False)
    return False, Reason("cta-missing", {"platform": platform, "goal": goal}, ok=False)


def given_words(card: Mapping[str, Any], lexicon: CtaLexicon) -> set[str]:
    """Words a learner can paste without writing: the card's fields and every CTA phrase."""
    out: set[str] = set()
    for lang in ("ar", "en"):
        for key in ("product", "offer", "offer_short"):
            out.update(words(str(card[lang][key])))
        for part in ("price", "date", "link"):
            out.update(words(str(card[part]["text"][lang])))
    for phrases in lexicon.kinds.values():
        for phrase in phrases:
            out.update(phrase)
    return out


def own_words(text: str, given: set[str]) -> int:
    """How many words of the text are the writer's own (not card fields, CTAs or numbers)."""
    return sum(1 for w in words(text) if w not in given and not w.isdigit())
