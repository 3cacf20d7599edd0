"""Helpers for the credential tests: complete a track, raise a skill, verify over HTTP only."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.accounts.models import User
from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.credentials.domain import proof
from app.credentials.domain.due import core_lessons
from app.credentials.domain.status import entry_is_set
from app.credentials.models import Credential

TRACK = "platforms"


def complete_track(app: Any, client: Any, user: User, track: str = TRACK, pass_test: bool = True):
    """Mark every core lesson complete through the pages, then take the track test."""
    from app.quizzes import services as quizzes
    from app.quizzes.domain import model_answer, track_items

    lib = app.extensions["tawasul_content"].library
    for lesson in core_lessons(lib.tracks[track]):
        assert client.post(f"/lessons/{lesson}/complete").status_code == 303
    with app.test_request_context():
        me = db.session.get(User, user.id)
        items = track_items(lib, track, "seed")
        attempt = quizzes.start_attempt(me, "track", track, items)
        answers = {i: model_answer(lib.items[i]) for i in items} if pass_test else {}
        quizzes.submit_attempt(me, lib, attempt.token, answers)


def credentials_of(app: Any, user_id: int | None = None) -> list[Credential]:
    """Every credential row (of one user, or all), detached."""
    with app.app_context():
        query = select(Credential).order_by(Credential.id)
        if user_id is not None:
            query = query.where(Credential.user_id == user_id)
        rows = list(db.session.scalars(query))
        for row in rows:
            db.session.expunge(row)
        return rows


def raise_skill(app: Any, user: User, skill: str, days_ago: int = 0) -> None:
    """A skill state at level 3 with one scored exercise behind it (written by the test)."""
    from app.exercises.models import ExerciseAttempt
    from app.skills.models import SkillEvidence, SkillState

    lib = app.extensions["tawasul_content"].library
    exercise = next(e for e in lib.exercises.values() if skill in e.primary)
    when = utcnow() - timedelta(days=days_ago)
    with app.app_context(), write_unit(db.session) as s:
        attempt = ExerciseAttempt(
            user_id=user.id,
            exercise_id=exercise.id,
            brand="b",
            condition=exercise.conditions[0].id if exercise.conditions else "standard",
            hard=True,
            seed=1,
            token=secrets.token_urlsafe(12),
            status="submitted",
            task={},
            draft={},
            score=86.0,
            submitted_at=when,
        )
        s.add(attempt)
        s.flush()
        s.add(
            SkillEvidence(
                user_id=user.id,
                skill=skill,
                source_kind="exercise",
                source_id=str(attempt.id),
                item_id=exercise.id,
                score=86.0,
                role="primary",
                hard_variant=True,
                created_at=when,
            )
        )
        state = s.scalar(
            select(SkillState).where(SkillState.user_id == user.id, SkillState.skill == skill)
        )
        if state is None:
            state = SkillState(user_id=user.id, skill=skill, p_know=0.9, items={}, exercises=[])
            s.add(state)
        state.level, state.last_evidence_at, state.evidence_count = 3, when, 1
    with app.test_request_context():
        from app.credentials import services

        services.issue_due_credentials(db.session.get(User, user.id), lib)


def fetch(client: Any, url: str) -> Any:
    """GET a JSON document by absolute URL or path (application/vc is JSON too)."""
    path = "/" + url.split("://", 1)[1].split("/", 1)[1] if "://" in url else url
    response = client.get(path)
    assert response.status_code == 200, (url, response.status_code)
    return json.loads(response.get_data(as_text=True))


def verify_over_http(client: Any, public_id: str) -> tuple[bool, bool]:
    """As an outside verifier: fetch the credential, the key it names, the status list.

    Returns (signature verifies with the published key, status bit set).
    """
    credential = fetch(client, f"/credentials/{public_id}.json")
    method = credential["proof"]["verificationMethod"]
    key_doc = fetch(client, method)
    issuer = fetch(client, "/credentials/issuer")
    assert key_doc["id"] == method and key_doc["type"] == "Multikey"
    assert key_doc["controller"] == issuer["id"] == credential["issuer"]["id"]
    assert method in [m["id"] for m in issuer["verificationMethod"]]
    keys = {key_doc["id"]: key_doc["publicKeyMultibase"]}
    ok = proof.verify(credential, keys.get).ok
    entry = credential["credentialStatus"]
    status_list = fetch(client, entry["statusListCredential"])
    list_method = status_list["proof"]["verificationMethod"]
    list_key = fetch(client, list_method)
    assert proof.verify(status_list, {list_method: list_key["publicKeyMultibase"]}.get).ok
    return ok, entry_is_set(entry, status_list)
