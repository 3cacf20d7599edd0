"""The achievement texts and evidence of a credential, in the credential's language."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.content.model import Library, pick
from app.core.db import DbSession
from app.credentials.domain.credential import Evidence, NarrativeEvidence, UrlEvidence
from app.exercises.models import ExerciseAttempt
from app.portfolio.models import CaseStudy, Portfolio
from app.skills.models import SkillEvidence


@dataclass(frozen=True)
class Texts:
    """Plain strings in one language: the credential's and achievement's words."""

    name: str
    description: str
    criteria: str
    issuer_name: str


def issuer_name(lang: str) -> str:
    """The issuer's name in a language."""
    with force_locale(lang):
        return _("Tawasul")


def achievement_texts(lib: Library, kind: str, subject_id: str, lang: str) -> Texts:
    """Name, description and criteria of a track or skill achievement in `lang`."""
    with force_locale(lang):
        if kind == "track":
            track = lib.tracks[subject_id]
            title = pick(track.title, lang)
            return Texts(
                _("Track completed: %(track)s", track=title),
                pick(track.description, lang),
                _(
                    "Completed every core lesson of the track “%(track)s” on Tawasul and passed "
                    "its track test with a score of at least 70%%.",
                    track=title,
                ),
                _("Tawasul"),
            )
        skill = lib.skills[subject_id]
        name = pick(skill.name, lang)
        return Texts(
            _("%(skill)s: Practitioner (level 3)", skill=name),
            pick(skill.description, lang),
            _(
                "Reached level 3 (Practitioner) in the skill “%(skill)s” on Tawasul, shown by "
                "quizzes and by exercises scored in the practice sandbox.",
                skill=name,
            ),
            _("Tawasul"),
        )


def case_study_evidence(session: DbSession, user: User, base_url: str) -> list[Evidence]:
    """The learner's published case studies, by their address on the public portfolio."""
    rows = session.execute(
        select(Portfolio.slug, CaseStudy.id, CaseStudy.title)
        .join(CaseStudy, CaseStudy.portfolio_id == Portfolio.id)
        .where(
            Portfolio.user_id == user.id,
            Portfolio.status == "published",
            CaseStudy.hidden.is_(False),
        )
        .order_by(CaseStudy.position, CaseStudy.id)
    )
    return [UrlEvidence(f"{base_url}/p/{slug}#case-{cid}", title) for slug, cid, title in rows]


def exercise_evidence(
    session: DbSession, user: User, lib: Library, skill: str, lang: str
) -> list[Evidence]:
    """The scored exercises behind a skill: name, variant, score and date (no private links)."""
    ids = {
        int(source)
        for source in session.scalars(
            select(SkillEvidence.source_id).where(
                SkillEvidence.user_id == user.id,
                SkillEvidence.skill == skill,
                SkillEvidence.source_kind == "exercise",
            )
        )
        if source.isdigit()
    }
    if not ids:
        return []
    attempts = session.scalars(
        select(ExerciseAttempt)
        .where(ExerciseAttempt.id.in_(ids), ExerciseAttempt.user_id == user.id)
        .order_by(ExerciseAttempt.submitted_at, ExerciseAttempt.id)
    )
    out: list[Evidence] = []
    with force_locale(lang):
        for attempt in attempts:
            exercise = lib.exercises.get(attempt.exercise_id)
            if exercise is None or attempt.score is None or attempt.submitted_at is None:
                continue
            condition = exercise.condition(attempt.condition)
            variant = pick(condition.title, lang) if condition else attempt.condition
            facts = {
                "variant": variant,
                "score": round(attempt.score),
                "date": attempt.submitted_at.date().isoformat(),
            }
            if attempt.hard:
                narrative = _(
                    "Variant: %(variant)s (hard). Score: %(score)d/100. Date: %(date)s.", **facts
                )
            else:
                narrative = _(
                    "Variant: %(variant)s. Score: %(score)d/100. Date: %(date)s.", **facts
                )
            out.append(NarrativeEvidence(pick(exercise.title, lang), narrative))
    return out
