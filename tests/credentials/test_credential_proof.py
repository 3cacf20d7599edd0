"""Verification fails with the right reason for every way a signed credential can go wrong."""

from __future__ import annotations

import copy

import pytest
from credential_vectors import case, resolver
from pyld.jsonld import JsonLdError

from app.credentials.domain import keys, loader, proof, structure


@pytest.fixture
def ob3():
    """The 1EdTech vector's signed credential and public key."""
    c = case("ob3")
    return c["signed"], c["public"]


def check(signed, public):
    """Verify against one known key."""
    return proof.verify(signed, resolver(public))


def test_tampered_field_fails_as_tampered(ob3):
    """Changing the achievement's name breaks the signature."""
    signed, public = ob3
    signed["credentialSubject"]["achievement"]["name"] = "Teamwork (edited)"
    assert check(signed, public).reason == proof.TAMPERED


@pytest.mark.parametrize(
    "path", [("name",), ("validFrom",), ("issuer", "id"), ("credentialSubject", "id")]
)
def test_any_signed_field_change_fails(ob3, path):
    """Every signed field is covered: a change anywhere fails verification."""
    signed, public = ob3
    node = signed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = node[path[-1]].replace("0", "1").replace("e", "a")
    assert check(signed, public).reason == proof.TAMPERED


def test_swapped_key_fails(ob3):
    """The same credential checked against another key fails; so does one signed by another key."""
    signed, public = ob3
    other = keys.generate_key_pair()
    assert check(signed, other.public_multibase).reason == proof.TAMPERED
    forged = proof.sign(
        {k: v for k, v in signed.items() if k != "proof"},
        keys.private_key(other.secret_multibase),
        {k: v for k, v in signed["proof"].items() if k != "proofValue"},
    )
    assert check(forged, public).reason == proof.TAMPERED
    assert check(forged, other.public_multibase).ok


def test_reordered_context_still_verifies_but_structure_fails(ob3):
    """Reordering @context keeps the canonical form, so only the structure check catches it."""
    signed, public = ob3
    signed["@context"] = list(reversed(signed["@context"]))
    assert check(signed, public).ok
    assert any("@context" in problem for problem in structure.structure_problems(signed))


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("created", "2010-01-01T19:23:25Z", proof.TAMPERED),
        ("verificationMethod", "https://example.edu/issuers/565049#other", proof.TAMPERED),
        ("type", "Ed25519Signature2020", proof.WRONG_TYPE),
        ("cryptosuite", "eddsa-jcs-2022", proof.WRONG_CRYPTOSUITE),
        ("proofPurpose", "authentication", proof.INVALID_PROOF),
        ("created", "yesterday", proof.INVALID_PROOF),
        ("proofValue", "u" + "A" * 86, proof.BAD_SIGNATURE),
        ("proofValue", "z3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jGgj", proof.BAD_SIGNATURE),
        ("proofValue", "z0OIl", proof.BAD_SIGNATURE),
    ],
)
def test_changed_proof_option_fails_with_its_reason(ob3, key, value, reason):
    """A changed proof option is signed too; a wrong type, suite or value is named."""
    signed, public = ob3
    signed["proof"][key] = value
    assert check(signed, public).reason == reason


def test_missing_and_malformed_proof(ob3):
    """No proof, a proof set (list), or a proof without a type are reported as such."""
    signed, public = ob3
    no_proof = {k: v for k, v in signed.items() if k != "proof"}
    assert check(no_proof, public).reason == proof.MISSING_PROOF
    as_list = dict(signed, proof=[signed["proof"]])
    assert check(as_list, public).reason == proof.INVALID_PROOF
    untyped = copy.deepcopy(signed)
    del untyped["proof"]["type"]
    assert check(untyped, public).reason == proof.WRONG_TYPE


def test_unknown_verification_method(ob3):
    """A resolver that does not know the key, or raises, gives unknown-verification-method."""
    signed, _ = ob3
    assert proof.verify(signed, lambda method: None).reason == proof.UNKNOWN_METHOD

    def raising(method):
        raise KeyError(method)

    assert proof.verify(signed, raising).reason == proof.UNKNOWN_METHOD
    assert proof.verify(signed, lambda method: "zNotAKey").reason == proof.UNKNOWN_METHOD


def test_unpinned_context_is_an_invalid_document(ob3):
    """A credential naming a context that is not pinned cannot be canonicalised offline."""
    signed, public = ob3
    signed["@context"].append("https://example.org/evil-context")
    result = check(signed, public)
    assert result.reason == proof.INVALID_DOCUMENT
    assert "not pinned" in result.detail


def test_loader_refuses_unknown_urls():
    """The offline loader serves the two pinned contexts and refuses everything else."""
    assert loader.offline_loader(loader.VC_V2, {})["document"]["@context"]
    assert loader.offline_loader(loader.OB_V3P0, {})["documentUrl"] == loader.OB_V3P0
    for url in ("https://www.w3.org/ns/credentials/examples/v2", "https://w3id.org/security/v2"):
        with pytest.raises(loader.ContextNotPinned, match="not pinned"):
            loader.offline_loader(url, {})
    with pytest.raises(JsonLdError):
        proof.canonicalize({"@context": "https://example.org/ctx", "a": 1})


def test_sign_refuses_bad_options_and_signed_input(ob3):
    """sign() will not add a second proof or sign with another cryptosuite."""
    signed, _ = ob3
    key = keys.private_key(case("ob3")["secret"])
    with pytest.raises(proof.ProofError):
        proof.sign(signed, key, case("ob3")["options"])
    bad = dict(case("ob3")["options"], cryptosuite="ecdsa-rdfc-2019")
    with pytest.raises(proof.ProofError):
        proof.sign(case("ob3")["unsigned"], key, bad)


def test_generated_key_round_trips_and_multikey_document():
    """A fresh key pair signs and verifies, and its Multikey document has the published shape."""
    pair = keys.generate_key_pair()
    assert pair.public_multibase.startswith("z6Mk")
    c = case("ob3")
    options = dict(c["options"], verificationMethod="https://t.example/issuer#key-1")
    signed = proof.sign(c["unsigned"], keys.private_key(pair.secret_multibase), options)
    assert check(signed, pair.public_multibase).ok
    doc = keys.multikey_document(
        "https://t.example/issuer#key-1", "https://t.example/issuer", pair.public_multibase
    )
    assert doc == {
        "@context": "https://w3id.org/security/multikey/v1",
        "id": "https://t.example/issuer#key-1",
        "type": "Multikey",
        "controller": "https://t.example/issuer",
        "publicKeyMultibase": pair.public_multibase,
    }
