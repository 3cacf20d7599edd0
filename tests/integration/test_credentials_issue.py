"""Issuing: a completed track and a skill at level 3 each earn one verifiable credential."""

from __future__ import annotations

from credential_world import TRACK, complete_track, credentials_of, raise_skill, verify_over_http
from support import PASSWORD

from app.credentials.domain import structure
from app.credentials.domain.dates import parse_datetime


def login(client, user):
    """Sign a test client in."""
    client.post("/login", data={"email": user.email, "password": PASSWORD})


def test_track_completion_issues_one_credential_that_verifies_over_http(app, users):
    """Core lessons + track test ≥ 70% → exactly one credential, verified as a client would."""
    user = users.create()
    client = app.test_client()
    login(client, user)
    complete_track(app, client, user)
    rows = credentials_of(app, user.id)
    assert [(r.kind, r.subject_id, r.language) for r in rows] == [("track", TRACK, "ar")]
    document = rows[0].document
    assert structure.check(document) == []
    assert "validUntil" not in document
    assert user.email not in str(document)
    assert document["credentialSubject"]["achievement"]["inLanguage"] == "ar"
    assert document["id"].startswith("http://127.0.0.1:5000/credentials/")
    assert verify_over_http(app.test_client(), rows[0].public_id) == (True, False)
    # Completing a lesson again or retaking the test issues nothing more.
    complete_track(app, client, user)
    assert len(credentials_of(app, user.id)) == 1
    page = app.test_client().get(f"/credentials/{rows[0].public_id}")
    assert page.status_code == 200 and "credential-valid" in page.get_data(as_text=True)


def test_failed_track_test_issues_nothing(app, users):
    """Every core lesson but a failed track test: no credential."""
    user = users.create()
    client = app.test_client()
    login(client, user)
    complete_track(app, client, user, pass_test=False)
    assert credentials_of(app, user.id) == []


def test_skill_level_three_issues_a_two_year_credential(app, users):
    """Level 3 → a skill credential with validUntil two years on and exercise evidence."""
    user = users.create(locale="en")
    lib = app.extensions["tawasul_content"].library
    skill = next(s for e in lib.exercises.values() for s in e.primary)
    raise_skill(app, user, skill)
    rows = credentials_of(app, user.id)
    assert [(r.kind, r.subject_id, r.language) for r in rows] == [("skill", skill, "en")]
    document = rows[0].document
    assert structure.check(document) == []
    start, end = parse_datetime(document["validFrom"]), parse_datetime(document["validUntil"])
    assert (end - start).days == 730
    narratives = [e.get("narrative", "") for e in document.get("evidence", [])]
    assert any("86/100" in n for n in narratives), narratives
    assert verify_over_http(app.test_client(), rows[0].public_id) == (True, False)
    raise_skill(app, user, skill)  # still valid: nothing new
    assert len(credentials_of(app, user.id)) == 1
