"""Revocation, deletion, hiding, the other language, tampering, expiry, keys and config."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from conftest import app_config
from credential_world import complete_track, credentials_of, fetch, verify_over_http
from sqlalchemy import select, update
from support import PASSWORD

from app import create_app
from app.core.db import write_unit
from app.core.extensions import db
from app.credentials import verify
from app.credentials.domain import structure
from app.credentials.domain.keys import generate_key_pair
from app.credentials.models import Credential


def earned(app, users, **kwargs):
    """A signed-in learner holding one track credential: (client, user, credential)."""
    user = users.create(**kwargs)
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    complete_track(app, client, user)
    (credential,) = credentials_of(app, user.id)
    return client, user, credential


def page_status(client, public_id, fresh=False):
    """The status class the verification page shows (after "verify again" when fresh)."""
    if fresh:
        html = client.get(f"/credentials/{public_id}").get_data(as_text=True)
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        response = client.post(f"/credentials/{public_id}/verify", data={"token": token})
    else:
        response = client.get(f"/credentials/{public_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return next(s for s in ("valid", "revoked", "expired", "invalid") if f"credential-{s}" in html)


def audit_rows(app):
    """(actor kind, action, target user) of each admin audit row."""
    from sqlalchemy import select

    from app.admin.models import AdminAction
    from app.core.extensions import db

    with app.app_context():
        query = select(AdminAction.actor_kind, AdminAction.action, AdminAction.target_user_id)
        return [tuple(row) for row in db.session.execute(query.order_by(AdminAction.id))]


def test_cli_revoke_sets_the_bit_and_the_page_says_revoked(app, users):
    """flask credentials revoke: the signed status list has the bit; page and verifier agree."""
    _client, user, credential = earned(app, users)
    visitor = app.test_client()
    assert page_status(visitor, credential.public_id) == "valid"
    result = app.test_cli_runner().invoke(args=["credentials", "revoke", credential.public_id])
    assert result.exit_code == 0, result.output
    assert audit_rows(app) == [("cli", "revoke-credential", user.id)]
    again = app.test_cli_runner().invoke(args=["credentials", "revoke", credential.public_id])
    assert again.exit_code == 0 and len(audit_rows(app)) == 1  # nothing new was done
    assert verify_over_http(visitor, credential.public_id) == (True, True)
    assert page_status(visitor, credential.public_id) == "revoked"
    bad = app.test_cli_runner().invoke(args=["credentials", "revoke", "nope"])
    assert bad.exit_code != 0


def test_account_deletion_revokes_and_leaves_a_tombstone(app, users):
    """Deleting the account: revoked, no user, no signed JSON; the page still says revoked."""
    client, _user, credential = earned(app, users)
    held = fetch(app.test_client(), f"/credentials/{credential.public_id}.json")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/account/export").get_data()))
    exported = json.loads(archive.read("data.json"))["tables"]["credential"]
    assert [row["public_id"] for row in exported] == [credential.public_id]
    assert exported[0]["document"]["proof"]["proofValue"] == held["proof"]["proofValue"]
    response = client.post("/account/delete", data={"password": PASSWORD, "understand": "y"})
    assert response.status_code == 303
    (row,) = credentials_of(app)
    assert row.user_id is None and row.document is None and row.revoked_at is not None
    visitor = app.test_client()
    assert page_status(visitor, credential.public_id) == "revoked"
    assert visitor.get(f"/credentials/{credential.public_id}.json").status_code == 410
    # A verifier holding the JSON learns of the revocation from the public status list.
    status_list = fetch(visitor, held["credentialStatus"]["statusListCredential"])
    from app.credentials.domain.status import entry_is_set

    assert entry_is_set(held["credentialStatus"], status_list)


def test_hiding_leaves_the_list_but_the_page_answers(app, users):
    """Hidden: off the portfolio's list, the verification page still answers valid."""
    client, user, credential = earned(app, users)
    from app.credentials.services import shown_credentials

    with app.app_context():
        assert [c.id for c in shown_credentials(user.id)] == [credential.id]
    url = f"/account/credentials/{credential.id}/hide"
    assert client.post(url, data={"hidden": "1"}).status_code == 303
    with app.app_context():
        assert shown_credentials(user.id) == []
    assert page_status(app.test_client(), credential.public_id) == "valid"
    assert client.post(url, data={"hidden": "0"}).status_code == 303
    with app.app_context():
        assert len(shown_credentials(user.id)) == 1


def test_other_language_issues_a_second_credential(app, users):
    """ "Also in English": a second signed credential, same achievement and dates, once."""
    client, user, credential = earned(app, users)
    url = f"/account/credentials/{credential.id}/language"
    assert client.post(url).status_code == 303
    assert client.post(url).status_code == 303  # twice: still one copy
    rows = credentials_of(app, user.id)
    assert sorted(r.language for r in rows) == ["ar", "en"]
    english = next(r for r in rows if r.language == "en")
    assert english.valid_from == credential.valid_from and english.subject_id == "platforms"
    assert english.document["credentialSubject"]["achievement"]["inLanguage"] == "en"
    assert structure.check(english.document) == []
    assert verify_over_http(app.test_client(), english.public_id) == (True, False)
    page = client.get("/account/credentials").get_data(as_text=True)
    assert "linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in page


CHANGES = [
    "name",
    "achievement-name",
    "achievement-description",
    "context-order",
    "evidence",
    "key",
]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("change", CHANGES)
def test_tampered_json_makes_verify_again_say_invalid(app, users, change, lang):
    """Any change to the stored JSON (the achievement's name and description in either
    language, the contexts reordered, a proof made with another key) fails "verify again"."""
    from app.credentials.domain.keys import private_key
    from app.credentials.domain.proof import sign

    client, user, credential = earned(app, users)
    if lang == "en":
        assert client.post(f"/account/credentials/{credential.id}/language").status_code == 303
        credential = next(r for r in credentials_of(app, user.id) if r.language == "en")
    assert page_status(app.test_client(), credential.public_id, fresh=True) == "valid"
    document = copy.deepcopy(credential.document)
    achievement = document["credentialSubject"]["achievement"]
    if change == "name":
        document["name"] = "Expert in everything"
    elif change == "achievement-name":
        achievement["name"] += "!"
    elif change == "achievement-description":
        achievement["description"] += " "
    elif change == "context-order":
        document["@context"] = list(reversed(document["@context"]))
    elif change == "evidence":
        document["evidence"] = [{"type": ["Evidence"], "name": "x", "narrative": "y"}]
    else:  # the same claims, signed with a key the issuer never published
        options = {k: v for k, v in document.pop("proof").items() if k != "proofValue"}
        stranger = private_key(generate_key_pair().secret_multibase)
        document = sign(document, stranger, options)
    assert document != credential.document
    with app.app_context(), write_unit(db.session) as s:
        s.execute(
            update(Credential).where(Credential.id == credential.id).values(document=document)
        )
    assert page_status(app.test_client(), credential.public_id, fresh=True) == "invalid"


def test_expired_skill_credential_is_shown_expired(app, users):
    """A credential past its validUntil shows "expired" while its signature still checks."""
    _client, _user, credential = earned(app, users)
    with app.app_context():
        row = db.session.get(Credential, credential.id)
        past = row.valid_from - timedelta(days=1)
        row.valid_until = past
        document = copy.deepcopy(row.document)
        document["validUntil"] = past.strftime("%Y-%m-%dT%H:%M:%SZ")
        db.session.rollback()
    # A re-signed expired copy: the signature is fine, the dates say expired.
    from app.credentials import signing

    with app.test_request_context(), write_unit(db.session) as s:
        document.pop("proof")
        document["validFrom"] = (past - timedelta(days=800)).strftime("%Y-%m-%dT%H:%M:%SZ")
        signed = signing.sign(s, document)
        s.execute(
            update(Credential)
            .where(Credential.id == credential.id)
            .values(document=signed, valid_until=past)
        )
    assert page_status(app.test_client(), credential.public_id) == "expired"


def test_key_rotation_keeps_old_credentials_verifying(app, users, database_url, mailbox):
    """A new signing key: old credentials still verify with the retired, still published key."""
    _client, _user, old = earned(app, users)
    rotated = create_app(
        app_config(
            database_url, mailbox, CREDENTIAL_SIGNING_KEY=generate_key_pair().secret_multibase
        )
    )
    client = rotated.test_client()
    client.post("/login", data={"email": _user.email, "password": PASSWORD})
    assert client.post(f"/account/credentials/{old.id}/language").status_code == 303
    new = next(r for r in credentials_of(rotated, _user.id) if r.id != old.id)
    assert (
        new.document["proof"]["verificationMethod"] != old.document["proof"]["verificationMethod"]
    )
    issuer = fetch(client, "/credentials/issuer")
    assert len(issuer["verificationMethod"]) == 2
    verify.clear_cache()
    assert verify_over_http(client, old.public_id) == (True, False)
    assert verify_over_http(client, new.public_id) == (True, False)
    assert page_status(client, old.public_id, fresh=True) == "valid"
    from app.credentials.models import CredentialKey

    with rotated.app_context():
        retired = db.session.scalars(select(CredentialKey.retired_at)).all()
    assert sum(r is not None for r in retired) == 1


def test_production_refuses_to_start_without_a_signing_key(database_url, mailbox):
    """ProductionConfig without CREDENTIAL_SIGNING_KEY (or with a bad one) does not start."""
    from security.prod import production_app

    for bad in ("", "not-a-key"):
        with pytest.raises(RuntimeError, match="CREDENTIAL_SIGNING_KEY"):
            production_app(database_url, mailbox, CREDENTIAL_SIGNING_KEY=bad)
    assert production_app(database_url, mailbox) is not None
