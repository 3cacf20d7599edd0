"""Writing a response out for the result page (template helpers)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.content.questions import REGISTRY, QuizItem, arrow, as_list, label


def answer_text(item: QuizItem, response: Any, lang: str) -> str:
    """The learner's response in words (option labels rather than ids)."""
    if response in (None, "", [], {}):
        return ""
    options = {str(o.get("id")): o for o in item.spec.get("options", [])}
    if item.type in ("single", "multiple", "ordering"):
        joiner = arrow(lang) if item.type == "ordering" else ("، " if lang == "ar" else "; ")
        return joiner.join(
            label(options[str(r)], lang) for r in as_list(response) if str(r) in options
        )
    if item.type == "truefalse":
        yes = str(response).lower() == "true"
        return ("صحيح" if yes else "خطأ") if lang == "ar" else ("True" if yes else "False")
    if item.type == "matching" and isinstance(response, Mapping):
        pairs = {str(p["id"]): p for p in item.spec.get("pairs", [])}
        return "; ".join(
            label(pairs[k]["left"], lang)
            + arrow(lang)
            + (label(pairs[v]["right"], lang) if v in pairs else "—")
            for k, v in response.items()
            if k in pairs
        )
    return str(response)


def correct_text(item: QuizItem, lang: str) -> str:
    """The right answer in words."""
    kind = REGISTRY.get(item.type)
    return kind.answer_text(item, lang) if kind else ""
