"""W3C Bitstring Status List: the revocation list and the entries that point into it."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Mapping
from typing import Any

from app.credentials.domain import multibase
from app.credentials.domain.loader import VC_V2

# The spec's minimum (16 KiB of bits): one set bit among so many says little about its holder.
MIN_BITS = 131_072
# A foreign list is GZIP data; cap what it may inflate to so a small bomb cannot eat memory.
MAX_BYTES = 16 * 1024 * 1024
REVOCATION = "revocation"


class StatusListError(ValueError):
    """Raised for an encodedList that cannot be decoded or an index outside the list."""


class StatusList:
    """A bitstring of at least MIN_BITS; bit 0 is the most significant bit of the first byte."""

    def __init__(self, size: int = MIN_BITS, data: bytes | None = None) -> None:
        """Create an all-zero list of `size` bits, or wrap existing bytes."""
        if size < MIN_BITS or size % 8:
            raise StatusListError(f"a status list has at least {MIN_BITS} bits, a multiple of 8")
        if data is not None and len(data) * 8 != size:
            raise StatusListError("data length does not match the list size")
        self._bits = bytearray(data) if data is not None else bytearray(size // 8)

    @property
    def size(self) -> int:
        """Number of entries (bits) in the list."""
        return len(self._bits) * 8

    def get(self, index: int) -> bool:
        """True when the bit at `index` is set (for revocation: the credential is revoked)."""
        byte, mask = self._locate(index)
        return bool(self._bits[byte] & mask)

    def set(self, index: int, value: bool = True) -> None:
        """Set or clear the bit at `index`."""
        byte, mask = self._locate(index)
        if value:
            self._bits[byte] |= mask
        else:
            self._bits[byte] &= ~mask & 0xFF

    def to_bytes(self) -> bytes:
        """The raw bitstring (for storage)."""
        return bytes(self._bits)

    def encode(self) -> str:
        """encodedList: GZIP, then multibase base64url without padding ('u…')."""
        # mtime=0 makes the output depend on the bits alone, so an unchanged list re-signs the same.
        return multibase.encode(gzip.compress(bytes(self._bits), mtime=0), "u")

    @classmethod
    def decode(cls, encoded: str) -> StatusList:
        """Parse an encodedList back into a StatusList."""
        if not isinstance(encoded, str) or not encoded.startswith("u"):
            raise StatusListError("encodedList must be multibase base64url ('u' prefix)")
        try:
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing only
            raw = inflater.decompress(multibase.decode(encoded), MAX_BYTES + 1)
        except (multibase.MultibaseError, zlib.error) as exc:
            raise StatusListError(f"encodedList is not GZIP in base64url: {exc}") from exc
        if len(raw) > MAX_BYTES or not inflater.eof:
            raise StatusListError("encodedList is truncated or inflates past the size limit")
        return cls(len(raw) * 8, raw)

    def _locate(self, index: int) -> tuple[int, int]:
        """Byte offset and bit mask of `index`, left to right."""
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < self.size:
            raise StatusListError(f"status index {index!r} is outside 0..{self.size - 1}")
        return index // 8, 0x80 >> (index % 8)


def status_list_subject(list_url: str, encoded_list: str, purpose: str = REVOCATION) -> dict:
    """The credentialSubject of a BitstringStatusListCredential."""
    return {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": encoded_list,
    }


def status_list_credential(
    list_url: str,
    issuer: str | Mapping[str, Any],
    valid_from: str,
    encoded_list: str,
    purpose: str = REVOCATION,
) -> dict[str, Any]:
    """An unsigned BitstringStatusListCredential (sign it with proof.sign)."""
    return {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": dict(issuer) if isinstance(issuer, Mapping) else issuer,
        "validFrom": valid_from,
        "credentialSubject": status_list_subject(list_url, encoded_list, purpose),
    }


def status_entry(list_url: str, index: int, purpose: str = REVOCATION) -> dict[str, str]:
    """A credentialStatus entry pointing at bit `index` of the list at `list_url`."""
    if index < 0:
        raise StatusListError("status index must not be negative")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),  # the spec types it as a string of digits
        "statusListCredential": list_url,
    }


def entry_is_set(entry: Mapping[str, Any], list_credential: Mapping[str, Any]) -> bool:
    """Read a credential's bit from a (verified) status list credential; raise if they mismatch."""
    subject = list_credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or subject.get("type") != "BitstringStatusList":
        raise StatusListError("not a BitstringStatusListCredential")
    if entry.get("statusListCredential") != list_credential.get("id"):
        raise StatusListError("credentialStatus points at another status list")
    if entry.get("statusPurpose") != subject.get("statusPurpose"):
        raise StatusListError("status purpose differs between the entry and the list")
    raw_index = entry.get("statusListIndex")
    if not isinstance(raw_index, str) or not raw_index.isdigit():
        raise StatusListError("statusListIndex must be a string of digits")
    return StatusList.decode(subject.get("encodedList", "")).get(int(raw_index))
