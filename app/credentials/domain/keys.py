"""Ed25519 key pairs as Multikeys, and the Multikey document an issuer publishes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.credentials.domain import multibase

MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"


@dataclass(frozen=True)
class KeyPair:
    """A Multikey pair: what configuration stores (secret) and what is published (public)."""

    secret_multibase: str
    public_multibase: str


def generate_key_pair() -> KeyPair:
    """Create a fresh Ed25519 key pair in Multikey encodings."""
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes_raw()
    return KeyPair(multibase.encode_secret_key(seed), public_multibase(key.public_key()))


def private_key(secret_multibase: str) -> Ed25519PrivateKey:
    """Load a secretKeyMultibase; a 64-byte form must carry the seed's own public key."""
    seed, embedded_public = multibase.decode_secret_key(secret_multibase)
    key = Ed25519PrivateKey.from_private_bytes(seed)
    # The older format repeats the public key; a mismatch means a corrupted or spliced secret.
    if embedded_public is not None and embedded_public != _raw_public(key.public_key()):
        raise multibase.MultibaseError("secret key's embedded public key does not match its seed")
    return key


def public_key(public_multibase: str) -> Ed25519PublicKey:
    """Load a publicKeyMultibase."""
    return Ed25519PublicKey.from_public_bytes(multibase.decode_public_key(public_multibase))


def public_multibase(key: Ed25519PublicKey) -> str:
    """The publicKeyMultibase ('z6Mk…') of a public key."""
    return multibase.encode_public_key(_raw_public(key))


def multikey_document(key_id: str, controller: str, public_multibase_value: str) -> dict[str, Any]:
    """The Multikey verification method document an issuer serves at `key_id`."""
    multibase.decode_public_key(public_multibase_value)  # refuse to publish a malformed key
    return {
        "@context": MULTIKEY_CONTEXT,
        "id": key_id,
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": public_multibase_value,
    }


def _raw_public(key: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of a public key."""
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)
