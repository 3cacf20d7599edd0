"""base58btc, base64url and Ed25519 Multikey encodings round-trip and refuse bad input."""

from __future__ import annotations

import os

import pytest

from app.credentials.domain import keys, multibase


@pytest.mark.parametrize("data", [b"", b"\0", b"\0\0\x01", b"hello world", os.urandom(64)])
def test_round_trips(data):
    """Both bases decode what they encode, leading zero bytes included."""
    for base in ("z", "u"):
        assert multibase.decode(multibase.encode(data, base)) == data


def test_known_values():
    """Known base58btc and base64url encodings (the multibase spec's 'yes mani !')."""
    assert multibase.encode(b"yes mani !", "z") == "z7paNL19xttacUY"
    assert multibase.encode(b"yes mani !", "u") == "ueWVzIG1hbmkgIQ"
    assert multibase.b58encode(b"\0\0") == "11"


def test_bad_input_is_refused():
    """Unknown prefixes, bad characters and padded base64 are errors, not garbage."""
    for bad in ("", "x123", "z0OIl", "uAB==", "uA+/"):
        with pytest.raises(multibase.MultibaseError):
            multibase.decode(bad)


def test_multikey_prefixes():
    """Public keys carry 0xed01 and secret keys 0x8026; each decoder refuses the other."""
    pair = keys.generate_key_pair()
    assert multibase.decode(pair.public_multibase)[:2] == b"\xed\x01"
    assert multibase.decode(pair.secret_multibase)[:2] == b"\x80\x26"
    with pytest.raises(multibase.MultibaseError):
        multibase.decode_public_key(pair.secret_multibase)
    with pytest.raises(multibase.MultibaseError):
        multibase.decode_secret_key(pair.public_multibase)


def test_spliced_64_byte_secret_is_refused():
    """A 64-byte secret whose public half is not its seed's public key is refused."""
    a, b = keys.generate_key_pair(), keys.generate_key_pair()
    seed, _ = multibase.decode_secret_key(a.secret_multibase)
    spliced = multibase.encode(b"\x80\x26" + seed + multibase.decode_public_key(b.public_multibase))
    with pytest.raises(multibase.MultibaseError):
        keys.private_key(spliced)
