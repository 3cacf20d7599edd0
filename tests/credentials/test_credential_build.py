"""build_credential makes a badge that passes structure, schema and expansion, and verifies."""

from __future__ import annotations

import copy
import hashlib

import pytest

from app.credentials.domain import keys, proof, structure
from app.credentials.domain.credential import (
    NarrativeEvidence,
    UrlEvidence,
    build_credential,
    hashed_identity,
)
from app.credentials.domain.status import status_entry

BASE = "https://tawasul.example"
KEY_ID = f"{BASE}/credentials/issuer#key-1"


def badge(**overrides):
    """A skill credential in Arabic with both kinds of evidence and a status entry."""
    args = {
        "base_url": BASE,
        "credential_id": "/credentials/8f14e45f",
        "name": "ممارس: كتابة المحتوى",
        "issuer_id": "/credentials/issuer",
        "issuer_name": "تواصل",
        "issuer_url": "/",
        "valid_from": "2025-03-01T09:00:00Z",
        "valid_until": "2027-03-01T09:00:00Z",
        "identity": hashed_identity("Learner@Example.com ", "s4lt"),
        "achievement_id": "/credentials/achievements/skill-copywriting-3",
        "achievement_name": "كتابة المحتوى — المستوى 3",
        "achievement_description": "يكتب منشورات تناسب كل منصة.",
        "criteria_narrative": "بلوغ المستوى 3 بأدلة من تمارين مصححة.",
        "image_url": "/static/badges/skill.png",
        "in_language": "ar",
        "evidence": [
            UrlEvidence(f"{BASE}/p/learner/case-studies/1", "دراسة حالة"),
            NarrativeEvidence("تمرين الخطاف", "النسخة ب · 86٪ · 2025-02-20"),
        ],
        "credential_status": status_entry(f"{BASE}/credentials/status/1", 94567),
    }
    args.update(overrides)
    return build_credential(**args)


def signed_badge():
    """The badge signed with a fresh key; returns (signed, public multibase)."""
    pair = keys.generate_key_pair()
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-03-01T09:00:00Z",
        "verificationMethod": KEY_ID,
        "proofPurpose": "assertionMethod",
    }
    return proof.sign(
        badge(), keys.private_key(pair.secret_multibase), options
    ), pair.public_multibase


def test_hashed_identity_is_salted_sha256_of_the_normalised_email():
    """identityHash = 'sha256$' + hex(SHA-256(email + salt)); the raw email appears nowhere."""
    identity = hashed_identity(" Learner@Example.com", "s4lt")
    digest = hashlib.sha256(b"learner@example.coms4lt").hexdigest()
    assert identity == {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "s4lt",
    }
    assert "learner@" not in str(badge()).lower()
    with pytest.raises(ValueError):
        hashed_identity("a@b.c", "")


def test_built_credential_passes_every_check():
    """Structure, JSON Schema (2019-09, formats checked) and expansion find nothing."""
    credential = badge()
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["id"] == f"{BASE}/credentials/8f14e45f"
    assert credential["credentialSubject"]["achievement"]["inLanguage"] == "ar"
    assert "credentialSchema" not in credential
    assert structure.check(credential) == []


def test_track_credential_without_expiry_or_evidence_passes():
    """A track credential (no validUntil, no evidence, English) passes too."""
    credential = badge(valid_until=None, evidence=(), in_language="en", name="Track")
    assert "validUntil" not in credential and "evidence" not in credential
    assert structure.check(credential) == []


def test_built_credential_signs_and_verifies():
    """The signed badge verifies and still passes every check."""
    signed, public = signed_badge()
    assert proof.verify(signed, lambda method: public if method == KEY_ID else None).ok
    assert structure.check(signed) == []


@pytest.mark.parametrize(
    "path",
    [
        ("credentialSubject", "achievement", "name"),
        ("credentialSubject", "achievement", "description"),
        ("credentialSubject", "achievement", "criteria", "narrative"),
        ("credentialSubject", "achievement", "inLanguage"),
        ("credentialSubject", "identifier", 0, "identityHash"),
        ("evidence", 1, "narrative"),
        ("credentialStatus", "statusListIndex"),
        ("validUntil",),
    ],
)
def test_changing_any_issued_field_fails_verification(path):
    """Texts, identity, evidence, status and dates are all covered by the signature."""
    signed, public = signed_badge()
    node = signed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = node[path[-1]] + "1"
    assert proof.verify(signed, lambda method: public).reason == proof.TAMPERED


def test_expansion_catches_undefined_terms_and_language_maps():
    """A top-level 'foo', an unknown type and a language map are each reported."""
    credential = badge()
    assert structure.expansion_problems(credential) == []
    with_foo = dict(credential, foo="bar")
    assert structure.expansion_problems(with_foo) == [
        "term 'foo' does not expand to an IRI and is not signed"
    ]
    with_type = dict(credential, type=[*credential["type"], "TawasulBadge"])
    assert any("TawasulBadge" in p for p in structure.expansion_problems(with_type))
    with_map = copy.deepcopy(credential)
    with_map["credentialSubject"]["achievement"]["name"] = {"ar": "س", "en": "S"}
    problems = structure.expansion_problems(with_map)
    assert any("achievement/name/ar" in p for p in problems)


def test_structure_check_catches_each_rule():
    """Context order, types, relative ids, non-UTC dates and the subject shape are checked."""
    credential = badge()
    cases = {
        "@context": dict(credential, **{"@context": list(reversed(credential["@context"]))}),
        "OpenBadgeCredential": dict(credential, type=["VerifiableCredential"]),
        "absolute IRI": dict(credential, id="credentials/1"),
        "validFrom": dict(credential, validFrom="2025-03-01T12:00:00+03:00"),
        "after validFrom": dict(credential, validUntil="2024-01-01T00:00:00Z"),
        "AchievementSubject": dict(credential, credentialSubject={"type": "Person"}),
    }
    for expected, broken in cases.items():
        assert any(expected in p for p in structure.structure_problems(broken)), expected


def test_schema_check_reports_violations():
    """The pinned OB 3.0 schema rejects a missing achievement name and a non-URI id."""
    credential = copy.deepcopy(badge())
    del credential["credentialSubject"]["achievement"]["name"]
    assert any("name" in p for p in structure.schema_problems(credential))
    assert structure.schema_problems(dict(badge(), validFrom="not a date"))


def test_builder_refuses_bad_input():
    """Relative base URLs, bare relative paths and local times are refused."""
    with pytest.raises(ValueError):
        badge(base_url="tawasul.example")
    with pytest.raises(ValueError):
        badge(image_url="static/x.png")
    with pytest.raises(ValueError):
        badge(valid_from="2025-03-01T09:00:00")
