"""Mastery rules (curriculum.md §2.1), knowledge tracing and the gap report — pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

# curriculum.md §2.1, the one evidence rule for levels; each name says the line it implements.
LATEST = 10  # "% correct" is the mean over the 10 most recent distinct items
MIN_ANSWERED_AWARE = 4  # level 1: at least 4 K-or-higher items answered
PASS_AWARE = 0.70  # levels 1 and 2: ≥ 70 % correct among the latest 10
MIN_APPLIED_WORKING = 4  # level 2: at least 4 A-or-J items answered
EXERCISE_WORKING = 70  # level 2: an exercise scored ≥ 70 ...
PRIMARY_EXERCISES_WORKING = 1  # ... one with the skill primary,
SECONDARY_EXERCISES_WORKING = 2  # ... or two with it secondary
MIN_JUDGED_PRACTITIONER = 3  # level 3: at least 3 J items answered
PASS_PRACTITIONER = 0.85  # level 3: ≥ 85 % among the latest 10 A-or-J items
EXERCISE_PRACTITIONER = 80  # level 3: exercises scored ≥ 80 ...
DISTINCT_EXERCISES_PRACTITIONER = 2  # ... two different ones
REFRESH_AFTER = timedelta(days=183)  # §2.1 decay: a stale skill gets a "refresh" flag

# curriculum.md §2.3, the gap report.
CORE_WEIGHT = 2  # step 2: weight 2 for core (★) skills, otherwise 1
JOB_READY_READINESS = 0.85  # step 4: every core skill at target and readiness ≥ 85 %
TOP_GAPS_MAX = 5  # step 5: the 3–5 highest-priority gaps (fewer when fewer skills have a gap)


@dataclass(frozen=True)
class ItemAnswer:
    """The latest answer to one distinct item: score in [0, 1], level tag, recency order."""

    item: str
    score: float
    tag: str
    order: int


@dataclass(frozen=True)
class ExerciseResult:
    """One scored exercise attempt that lists the skill (score 0–100)."""

    exercise: str
    score: float
    role: str  # primary | secondary
    hard: bool = False


@dataclass(frozen=True)
class LevelReason:
    """Why a level was or was not reached: rule text keys and the numbers behind them."""

    level: int
    met: bool
    facts: Mapping[str, Any] = field(default_factory=dict)


def latest_mean(answers: Iterable[ItemAnswer]) -> tuple[int, float]:
    """(distinct items answered, mean score of the 10 most recent of them)."""
    ordered = sorted(answers, key=lambda a: a.order, reverse=True)
    if not ordered:
        return 0, 0.0
    window = ordered[:LATEST]
    return len(ordered), sum(a.score for a in window) / len(window)


def level_1(answers: list[ItemAnswer]) -> LevelReason:
    """Aware: ≥ 4 K-or-higher items answered and ≥ 70 % among the latest 10 of them."""
    count, mean = latest_mean(answers)
    return LevelReason(
        1, count >= MIN_ANSWERED_AWARE and mean >= PASS_AWARE, {"answered": count, "mean": mean}
    )


def level_2(answers: list[ItemAnswer], exercises: list[ExerciseResult]) -> LevelReason:
    """Working: ≥ 4 A-or-J items with ≥ 70 % among the latest 10, or exercise evidence."""
    applied = [a for a in answers if a.tag in ("A", "J")]
    count, mean = latest_mean(applied)
    primary = {e.exercise for e in exercises if e.role == "primary" and e.score >= EXERCISE_WORKING}
    secondary = {
        e.exercise for e in exercises if e.role == "secondary" and e.score >= EXERCISE_WORKING
    }
    by_quiz = count >= MIN_APPLIED_WORKING and mean >= PASS_AWARE
    by_practice = (
        len(primary) >= PRIMARY_EXERCISES_WORKING or len(secondary) >= SECONDARY_EXERCISES_WORKING
    )
    return LevelReason(
        2,
        by_quiz or by_practice,
        {
            "applied_answered": count,
            "applied_mean": mean,
            "exercises_primary": len(primary),
            "exercises_secondary": len(secondary),
        },
    )


def level_3(answers: list[ItemAnswer], exercises: list[ExerciseResult]) -> LevelReason:
    """Practitioner: ≥ 3 J items and ≥ 85 % among the latest 10 A-or-J items, plus two
    different exercises ≥ 80 listing the skill, primary in one, a hard variant in one.

    `facts["missing"]` names every condition still unmet, in the rule's order, and
    `facts["counted"]` the exercises scored ≥ 80 (each with its best role and hard flag)."""
    applied = [a for a in answers if a.tag in ("A", "J")]
    judged = sum(1 for a in answers if a.tag == "J")
    _, mean = latest_mean(applied)
    strong = [e for e in exercises if e.score >= EXERCISE_PRACTITIONER]
    distinct = {e.exercise for e in strong}
    missing = []
    if judged < MIN_JUDGED_PRACTITIONER:
        missing.append("judgement-items")
    if mean < PASS_PRACTITIONER:
        missing.append("judgement-mean")
    if len(distinct) < DISTINCT_EXERCISES_PRACTITIONER:
        missing.append("two-exercises")
    if not any(e.role == "primary" for e in strong):
        missing.append("primary-exercise")
    if not any(e.hard for e in strong):
        missing.append("hard-variant")
    counted = {
        ex: (
            "primary"
            if any(e.role == "primary" for e in strong if e.exercise == ex)
            else "secondary",
            any(e.hard for e in strong if e.exercise == ex),
        )
        for ex in sorted(distinct)
    }
    return LevelReason(
        3,
        not missing,
        {
            "judgement_answered": judged,
            "applied_mean": mean,
            "strong_exercises": len(distinct),
            "missing": tuple(missing),
            "counted": tuple((ex, role, hard) for ex, (role, hard) in counted.items()),
        },
    )


def skill_level(
    answers: list[ItemAnswer], exercises: list[ExerciseResult]
) -> tuple[int, list[LevelReason]]:
    """The level 0–3 by §2.1 (level 4 is never automatic) and the reason for each step."""
    reasons = [level_1(answers), level_2(answers, exercises), level_3(answers, exercises)]
    level = 0
    for reason in reasons:
        if not reason.met:
            break
        level = reason.level
    return level, reasons


def bkt_update(p_know: float, score: float, params: Mapping[str, float]) -> float:
    """One Bayesian Knowledge Tracing step; a partial score mixes the two posteriors."""
    slip, guess, learn = params["p_slip"], params["p_guess"], params["p_learn"]
    right = p_know * (1 - slip) / (p_know * (1 - slip) + (1 - p_know) * guess)
    wrong = p_know * slip / (p_know * slip + (1 - p_know) * (1 - guess))
    posterior = score * right + (1 - score) * wrong
    return min(1.0, max(0.0, posterior + (1 - posterior) * learn))


@dataclass(frozen=True, kw_only=True)
class GapRow:
    """One skill in the gap report."""

    skill: str
    group: str
    current: int
    target: int
    core: bool
    gap: int
    priority: int
    confidence: float
    refresh: bool


@dataclass(frozen=True)
class GapReport:
    """The whole report: rows, readiness, the job-ready flag and the top gaps."""

    role: str
    rows: tuple[GapRow, ...]
    readiness: float
    job_ready: bool
    top: tuple[GapRow, ...]
    groups: tuple[tuple[str, float], ...]


def gap_report(
    *,
    role: str,
    targets: Mapping[str, int],
    core: Iterable[str],
    groups: Mapping[str, str],
    levels: Mapping[str, int],
    confidence: Mapping[str, float],
    last_evidence: Mapping[str, datetime | None],
    decays: Iterable[str],
    now: datetime,
) -> GapReport:
    """Per skill gap and priority (gap × 2 for core skills), readiness, job-ready, top 3–5."""
    core_set, decaying = set(core), set(decays)
    rows = []
    for skill, target in targets.items():
        current = levels.get(skill, 0)
        gap = max(0, target - current)
        seen = last_evidence.get(skill)
        rows.append(
            GapRow(
                skill=skill,
                group=groups.get(skill, ""),
                current=current,
                target=target,
                core=skill in core_set,
                gap=gap,
                priority=gap * (CORE_WEIGHT if skill in core_set else 1),
                confidence=confidence.get(skill, 0.0),
                refresh=skill in decaying and seen is not None and now - seen > REFRESH_AFTER,
            )
        )
    total = sum(r.target for r in rows)
    readiness = sum(min(r.current, r.target) for r in rows) / total if total else 1.0
    job_ready = (
        all(r.current >= r.target for r in rows if r.core) and readiness >= JOB_READY_READINESS
    )
    ranked = sorted(
        (r for r in rows if r.priority > 0), key=lambda r: (-r.priority, r.confidence, r.skill)
    )
    top = tuple(ranked[:TOP_GAPS_MAX])
    group_scores = []
    for group in dict.fromkeys(groups.values()):
        members = [r for r in rows if r.group == group]
        want = sum(r.target for r in members)
        group_scores.append(
            (group, sum(min(r.current, r.target) for r in members) / want if want else 1.0)
        )
    return GapReport(role, tuple(rows), readiness, job_ready, top, tuple(group_scores))
