"""Issuing: find what a learner earned and sign it once, inside the caller's unit of work."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from sqlalchemy import select, update

from app.accounts.models import User
from app.content.model import Library
from app.core.db import DbSession, utcnow
from app.courses.models import LessonProgress
from app.credentials import signing, texts
from app.credentials.domain.credential import build_credential, hashed_identity
from app.credentials.domain.dates import format_utc
from app.credentials.domain.due import (
    PASS_MARK,
    SKILL_LEVEL,
    Due,
    Held,
    due_credentials,
    skill_valid_until,
)
from app.credentials.domain.status import status_entry
from app.credentials.models import Credential
from app.portfolio.models import Portfolio
from app.quizzes.models import QuizAttempt
from app.skills.models import SkillState

log = logging.getLogger("tawasul.credentials")
IMAGE = "/static/credentials/badge.svg"


def portfolio_changed(session: DbSession, user_id: int | None) -> None:
    """The learner's portfolio lists credentials: a new version redraws its cached page."""
    if user_id is not None:
        session.execute(
            update(Portfolio).where(Portfolio.user_id == user_id).values(updated_at=utcnow())
        )


def issue_due(session: DbSession, user: User, lib: Library) -> list[Credential]:
    """Issue every credential the learner earned and does not hold (caller commits)."""
    passed = set(
        session.scalars(
            select(QuizAttempt.ref).where(
                QuizAttempt.user_id == user.id,
                QuizAttempt.kind == "track",
                QuizAttempt.status == "submitted",
                QuizAttempt.score >= PASS_MARK,
            )
        )
    )
    levels = {
        skill: (level, last)
        for skill, level, last in session.execute(
            select(SkillState.skill, SkillState.level, SkillState.last_evidence_at).where(
                SkillState.user_id == user.id, SkillState.level >= SKILL_LEVEL
            )
        )
    }
    if not passed and not levels:
        return []  # the common case (every quiz answer lands here): nothing can be due
    # Lessons matter only for a track whose test was passed.
    completed = (
        set(
            session.scalars(
                select(LessonProgress.lesson_id).where(LessonProgress.user_id == user.id)
            )
        )
        if passed
        else set()
    )
    held = [
        Held(kind, subject, until)
        for kind, subject, until in session.execute(
            select(Credential.kind, Credential.subject_id, Credential.valid_until).where(
                Credential.user_id == user.id
            )
        )
    ]
    due = due_credentials(
        lib,
        completed=completed,
        passed_tracks=passed,
        skill_levels=levels,
        held=held,
        now=utcnow(),
    )
    lang = user.locale if user.locale in ("ar", "en") else "ar"
    return [issue_one(session, user, lib, item, lang) for item in due]


def issue_one(
    session: DbSession,
    user: User,
    lib: Library,
    due: Due,
    lang: str,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> Credential:
    """Build, sign and store one credential in `lang` (dates given for a language copy)."""
    start = (valid_from or utcnow()).replace(microsecond=0)
    if due.kind == "skill" and valid_until is None:
        valid_until = skill_valid_until(start)
    words = texts.achievement_texts(lib, due.kind, due.subject_id, lang)
    base = signing.base_url()
    evidence = texts.case_study_evidence(session, user, base)
    if due.kind == "skill":
        evidence += texts.exercise_evidence(session, user, lib, due.subject_id, lang)
    index = signing.allocate_index(session, texts.issuer_name(lang))
    public_id = signing.new_public_id()
    document = build_credential(
        base_url=base,
        credential_id=f"/credentials/{public_id}",
        name=words.name,
        issuer_id=signing.issuer_id(),
        issuer_name=words.issuer_name,
        issuer_url="/",
        valid_from=format_utc(start),
        valid_until=format_utc(valid_until) if valid_until else None,
        identity=hashed_identity(user.email, secrets.token_hex(16)),
        achievement_id=f"/credentials/achievements/{due.kind}/{due.subject_id}/{lang}",
        achievement_name=words.name,
        achievement_description=words.description,
        criteria_narrative=words.criteria,
        image_url=IMAGE,
        in_language=lang,
        evidence=evidence,
        credential_status=status_entry(signing.status_list_url(), index),
    )
    credential = Credential(
        public_id=public_id,
        user_id=user.id,
        kind=due.kind,
        subject_id=due.subject_id,
        language=lang,
        status_index=index,
        document=signing.sign(session, document),
        valid_from=start,
        valid_until=valid_until,
        hidden=False,
        created_at=utcnow(),
    )
    session.add(credential)
    session.flush()
    portfolio_changed(session, user.id)
    log.info("credential issued kind=%s subject=%s user=%d", due.kind, due.subject_id, user.id)
    return credential
