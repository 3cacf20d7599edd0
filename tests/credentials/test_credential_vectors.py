"""Both eddsa-rdfc-2022 test vectors reproduce byte-exactly, offline, with our proof layer."""

from __future__ import annotations

import hashlib

import pytest
from credential_vectors import case, resolver

from app.credentials.domain import keys, multibase, proof

NAMES = ["ob3", "w3c"]


@pytest.mark.parametrize("name", NAMES)
def test_canonical_nquads_match(name):
    """The canonical N-Quads of the document and of the proof options are the expected bytes."""
    c = case(name)
    got = proof.signing_input(c["unsigned"], c["options"], c["loader"])
    assert got.document_nquads == c["intermediates"]["documentCanonicalNQuads"]
    assert got.proof_nquads == c["intermediates"]["proofCanonicalNQuads"]


@pytest.mark.parametrize("name", NAMES)
def test_hashes_and_data_to_sign_match(name):
    """SHA-256 of each canonical form, and proofHash || docHash, are the expected hex."""
    c = case(name)
    got = proof.signing_input(c["unsigned"], c["options"], c["loader"])
    expected = c["intermediates"]
    assert got.document_hash.hex() == expected["documentHashHex"]
    assert got.proof_hash.hex() == expected["proofHashHex"]
    assert got.data.hex() == expected["dataToSignHex"]
    assert hashlib.sha256(expected["documentCanonicalNQuads"].encode()).digest() == (
        got.document_hash
    )


@pytest.mark.parametrize("name", NAMES)
def test_signature_and_proof_value_match(name):
    """Ed25519 over the data gives the expected signature hex and base58btc proofValue."""
    c = case(name)
    data = proof.signing_input(c["unsigned"], c["options"], c["loader"]).data
    signature = keys.private_key(c["secret"]).sign(data)
    assert signature.hex() == c["intermediates"]["signatureHex"]
    assert multibase.encode(signature, "z") == c["intermediates"]["proofValue"]
    assert c["signed"]["proof"]["proofValue"] == c["intermediates"]["proofValue"]


@pytest.mark.parametrize("name", NAMES)
def test_signing_the_unsigned_vector_gives_the_signed_one(name):
    """sign(unsigned, key, options) equals the expected signed credential, key order too."""
    c = case(name)
    signed = proof.sign(c["unsigned"], keys.private_key(c["secret"]), c["options"], c["loader"])
    assert signed == c["signed"]
    assert list(signed["proof"]) == list(c["signed"]["proof"])
    assert "proof" not in c["unsigned"], "sign must not change its input"


@pytest.mark.parametrize("name", NAMES)
def test_expected_signed_credential_verifies(name):
    """The published signed credential verifies with the published public key."""
    c = case(name)
    assert proof.verify(c["signed"], resolver(c["public"]), c["loader"]) == proof.VerifyResult(True)


@pytest.mark.parametrize("name", NAMES)
def test_public_key_derives_from_secret(name):
    """The secret key (32-byte seed or 64-byte seed+public) derives the published public key."""
    c = case(name)
    assert keys.public_multibase(keys.private_key(c["secret"]).public_key()) == c["public"]


def test_secret_key_formats_differ_as_the_readme_says():
    """OB3's secret is prefix + seed + public (64 bytes); W3C's is prefix + seed (32 bytes)."""
    seed64, public = multibase.decode_secret_key(case("ob3")["secret"])
    seed32, none = multibase.decode_secret_key(case("w3c")["secret"])
    assert len(seed64) == len(seed32) == 32
    assert public is not None and multibase.encode_public_key(public) == case("ob3")["public"]
    assert none is None
