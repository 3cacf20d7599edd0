"""The Bitstring Status List: size, bit order, GZIP + base64url encoding, and its shapes."""

from __future__ import annotations

import gzip

import pytest

from app.credentials.domain import keys, multibase, proof, structure
from app.credentials.domain.status import (
    MIN_BITS,
    StatusList,
    StatusListError,
    entry_is_set,
    status_entry,
    status_list_credential,
)

LIST_URL = "https://t.example/credentials/status/1"


def test_default_size_is_the_spec_minimum():
    """A new list holds at least 131,072 entries, all clear; smaller lists are refused."""
    status_list = StatusList()
    assert status_list.size >= MIN_BITS == 131_072
    assert not any(status_list.get(i) for i in (0, 1, 94567, MIN_BITS - 1))
    with pytest.raises(StatusListError):
        StatusList(MIN_BITS - 8)


def test_set_get_and_clear_touch_one_bit():
    """Setting a bit sets only that bit; bit 0 is the first byte's most significant bit."""
    status_list = StatusList()
    status_list.set(0)
    status_list.set(94567)
    assert status_list.get(0) and status_list.get(94567)
    assert not status_list.get(1) and not status_list.get(94566) and not status_list.get(94568)
    assert status_list.to_bytes()[0] == 0x80
    status_list.set(94567, False)
    assert not status_list.get(94567)
    for bad in (-1, MIN_BITS, True):
        with pytest.raises(StatusListError):
            status_list.get(bad)


def test_encode_decode_round_trip():
    """encodedList is 'u' + base64url(GZIP(bits)) and decodes back to the same bits."""
    status_list = StatusList()
    for index in (3, 1000, 131_071):
        status_list.set(index)
    encoded = status_list.encode()
    assert encoded.startswith("u") and "=" not in encoded
    assert gzip.decompress(multibase.decode(encoded)) == status_list.to_bytes()
    decoded = StatusList.decode(encoded)
    assert decoded.to_bytes() == status_list.to_bytes()
    assert encoded == status_list.encode(), "encoding is deterministic"


def test_decode_refuses_bad_lists():
    """Wrong prefix, non-GZIP data and too-short lists are errors."""
    short = multibase.encode(gzip.compress(b"\0" * 100), "u")
    for bad in ("zABC", "uAAAA", short):
        with pytest.raises(StatusListError):
            StatusList.decode(bad)


def test_status_list_credential_signs_verifies_and_reports_revocation():
    """The list credential signs like a badge; an entry reads its bit through it."""
    status_list = StatusList()
    status_list.set(7)
    credential = status_list_credential(
        LIST_URL, "https://t.example/issuer", "2025-01-01T00:00:00Z", status_list.encode()
    )
    assert credential["credentialSubject"]["type"] == "BitstringStatusList"
    assert credential["credentialSubject"]["statusPurpose"] == "revocation"
    assert structure.expansion_problems(credential) == []
    pair = keys.generate_key_pair()
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-01-01T00:00:00Z",
        "verificationMethod": "https://t.example/issuer#key-1",
        "proofPurpose": "assertionMethod",
    }
    signed = proof.sign(credential, keys.private_key(pair.secret_multibase), options)
    assert proof.verify(signed, lambda method: pair.public_multibase).ok
    assert entry_is_set(status_entry(LIST_URL, 7), signed)
    assert not entry_is_set(status_entry(LIST_URL, 8), signed)


def test_entry_shape_and_mismatches():
    """The entry has a string index; entries for another list or purpose are refused."""
    entry = status_entry(LIST_URL, 94567)
    assert entry == {
        "id": f"{LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }
    credential = status_list_credential(
        LIST_URL, "https://t.example/issuer", "2025-01-01T00:00:00Z", StatusList().encode()
    )
    with pytest.raises(StatusListError):
        entry_is_set(status_entry("https://t.example/other", 1), credential)
    with pytest.raises(StatusListError):
        entry_is_set(dict(entry, statusPurpose="suspension"), credential)
