"""What the learner's home page shows: the four pillars with their next steps, due reviews."""

from __future__ import annotations

from typing import Any

from app.accounts.models import User
from app.content_runtime import library
from app.courses.services import continue_lesson
from app.portfolio.read import state_of
from app.quizzes.domain import review_options
from app.sandbox.read import practice_state
from app.skills import review
from app.skills.gaps import build_report, role_of
from app.skills.services import learner_has_evidence


def learner_home(user: User) -> dict[str, Any]:
    """Template data for the signed-in home page."""
    lib = library()
    card, due_count = review.first_due(user)
    practice = practice_state(user.id)
    # One read of the skill states gives both the top gap and whether there is evidence yet.
    top_gap, has_evidence = None, False
    if lib.roles:
        report, states = build_report(user, lib)
        has_evidence = bool(states)
        top_gap = report.top[0] if has_evidence and report.top else None
    else:
        has_evidence = learner_has_evidence(user)
    return {
        "lib": lib,
        "continue_id": continue_lesson(user, lib),
        "due_card": card if card is not None and card.item_id in lib.items else None,
        "due_count": due_count,
        "has_evidence": has_evidence,
        "top_gap": top_gap,
        "practice": practice,
        "brand": scenario_name(practice.scenario_id) if practice else None,
        "portfolio": state_of(user.id),
        "role": role_of(user, lib),
        "options": review_options,
    }


def home_key(user: User, values: dict[str, Any]) -> tuple[object, ...]:
    """Everything the home body shows, as a key for its kept rendering."""
    card = values["due_card"]
    return (
        values["lib"].serial,
        user.display_name,
        values["continue_id"],
        values["has_evidence"],
        values["top_gap"],
        values["practice"],  # the brand's name follows from its scenario
        values["portfolio"],
        values["role"],
        (card.id, card.item_id) if card is not None else None,
        values["due_count"],
    )


def scenario_name(scenario_id: str) -> dict[str, str] | None:
    """A sandbox brand's name in both languages, or None for a scenario no longer shipped."""
    from app.sandbox.data import sandbox_data

    scenario = sandbox_data().scenarios.get(scenario_id)
    return dict(scenario.get("name") or {}) if scenario else None
