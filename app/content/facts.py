"""Platform facts: their units by grammatical number, source kinds, ages, and typed figures.

Arabic counts nouns in six CLDR plural categories (zero, one, two, few, many, other): 3–10
take a plural («3 أحرف»), 11–99 a singular in the accusative («280 حرفًا»), 100 and the
round hundreds a singular in the genitive («2200 حرف»), and one and two are said by the
noun itself («حرف واحد», «حرفان»). A fact's Arabic unit therefore gives its forms by
category; which one a figure needs comes from Babel's plural rules (pure module).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel import Locale

from app.content.errors import Problems

SOURCE_KINDS = ("platform", "third-party")  # the platform's own docs, or anyone else
SURFACES = ("app", "api")  # where app and API differ, which one the figure states
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Forms that say the number themselves: the figure is not printed before them.
SELF_COUNTING = ("one", "two")
STALE_DAYS = 365  # a fact checked longer ago than this is flagged for a re-check
# A unit that counts nothing (a share, a ratio, a sign) needs no forms by number.
UNCOUNTED = re.compile(r"^\s*[%٪(:]")
_LOCALES = {lang: Locale.parse(lang) for lang in ("ar", "en")}


def category(value: Any, lang: str) -> str:
    """The CLDR plural category of an integer figure in `lang` ("other" for the rest)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "other"
    return str(_LOCALES[lang].plural_form(abs(value)))


def unit_forms(raw: Any) -> dict[str, str]:
    """A unit's forms by category: a plain string stands for every category."""
    if isinstance(raw, Mapping):
        return {str(k): str(v) for k, v in raw.items() if v}
    return {"other": str(raw)} if raw else {}


def figure(value: Any, unit: Any, lang: str) -> tuple[str, str]:
    """The number to print (empty when the unit says it) and the unit's form for it."""
    forms = unit_forms(unit)
    wanted = category(value, lang)
    shown = (
        f"{value:,}"
        if isinstance(value, int) and not isinstance(value, bool) and value >= 10000
        else str(value)
    )
    if wanted in forms:
        # Arabic says one and two with the noun alone («حرفان»); English keeps the figure.
        return ("" if lang == "ar" and wanted in SELF_COUNTING else shown), forms[wanted]
    return shown, forms.get("other", "")


def check_unit(
    fact_id: str, value: Any, unit: Any, file: str, line: int, problems: Problems
) -> None:
    """Report an Arabic unit that cannot agree with its figure."""
    raw = unit.get("ar") if isinstance(unit, Mapping) else None
    if raw is None or not isinstance(value, int) or isinstance(value, bool):
        return
    if isinstance(raw, str):
        if not UNCOUNTED.match(raw):
            problems.add(
                file,
                line,
                f"fact {fact_id!r}: the Arabic unit {raw!r} counts a noun, so give its forms "
                f"by number (one, two, few, many, other); {value} needs "
                f"{category(value, 'ar')!r}",
            )
        return
    if not isinstance(raw, Mapping):
        return
    unknown = sorted(set(map(str, raw)) - set(CATEGORIES))
    if unknown:
        problems.add(file, line, f"fact {fact_id!r}: unknown plural categories {unknown}")
    need = category(value, "ar")
    if need not in raw:
        problems.add(
            file,
            line,
            f"fact {fact_id!r}: {value} takes the Arabic {need!r} form of its unit, which is "
            f"missing (it has {sorted(map(str, raw))})",
        )


def check_source(
    fact_id: str, f: Mapping[str, Any], file: str, line: int, problems: Problems
) -> None:
    """Report a fact whose source kind or surface is missing or unknown."""
    raw = f.get("source")
    source: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    if source.get("kind") not in SOURCE_KINDS:
        problems.add(
            file,
            line,
            f"fact {fact_id!r}: source needs a kind ({' or '.join(SOURCE_KINDS)}): is it the "
            "platform's own documentation or a third party?",
        )
    if f.get("surface") is not None and f.get("surface") not in SURFACES:
        problems.add(file, line, f"fact {fact_id!r}: surface must be app or api")


@dataclass(frozen=True)
class Age:
    """How long ago a fact was last checked."""

    fact_id: str
    as_of: str
    days: int


def ages(facts: Iterable[Any], today: date) -> list[Age]:
    """Every fact with a readable date, oldest check first."""
    out = []
    for f in facts:
        try:
            checked = date.fromisoformat(f.as_of)
        except ValueError:
            continue
        out.append(Age(f.id, f.as_of, (today - checked).days))
    return sorted(out, key=lambda a: (-a.days, a.fact_id))


def warn_stale(facts: Mapping[str, Any], problems: Problems, today: date) -> None:
    """Warn about each fact last checked more than STALE_DAYS ago."""
    for age in ages(facts.values(), today):
        if age.days > STALE_DAYS:
            fact = facts[age.fact_id]
            problems.warn(
                "courses/facts.yaml",
                getattr(fact, "line", 0),
                f"fact {age.fact_id!r} was last checked on {age.as_of}, {age.days} days ago: "
                "re-check it against its source (`flask content facts` lists the oldest first)",
            )


TYPED = re.compile(r"(?<![\w.,٫/:-])(\d{1,3}(?:[,٬]\d{3})+|\d+)\s+([\u0600-\u06ff]+)")


def check_typed_figures(
    text: str, units: Iterable[Mapping[str, str]], file: str, first_line: int, problems: Problems
) -> None:
    """Report a figure typed into Arabic text whose counted noun has the wrong form
    (e.g. «30 حرف» for «30 حرفًا», «2 حرف» for «حرفان»), for the nouns the facts' units
    count."""
    known: dict[str, Mapping[str, str]] = {}
    for forms in units:
        for cat, form in forms.items():
            if form.split() and cat not in SELF_COUNTING:
                known.setdefault(form.split()[0], forms)
    for offset, line in enumerate(text.splitlines()):
        for match in TYPED.finditer(line):
            number, word = int(re.sub(r"[,٬]", "", match.group(1))), match.group(2)
            found = known.get(word)
            want = found.get(category(number, "ar"), "") if found else ""
            if not want:
                continue
            if category(number, "ar") in SELF_COUNTING:
                message = f"«{match.group(0)}»: write «{want}» in words, without the figure"
            elif want.split()[0] != word:
                noun = want.split()[0]
                message = f"«{match.group(0)}»: the noun after {number} should read «{noun}»"
            else:
                continue
            problems.add(file, first_line + offset, message)
