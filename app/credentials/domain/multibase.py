"""Multibase (base58btc 'z', base64url 'u') and Ed25519 Multikey encodings."""

from __future__ import annotations

import base64

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {char: i for i, char in enumerate(B58_ALPHABET)}

# Multicodec prefixes (unsigned varints) for Ed25519 Multikeys.
ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"
ED25519_KEY_BYTES = 32


class MultibaseError(ValueError):
    """Raised for a value that is not valid multibase or not the expected Multikey."""


def b58encode(data: bytes) -> str:
    """Encode bytes as base58btc (Bitcoin alphabet)."""
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rem = divmod(number, 58)
        out.append(B58_ALPHABET[rem])
    # Each leading zero byte is written as '1': the integer form loses them.
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Decode base58btc text; raise MultibaseError on a character outside the alphabet."""
    number = 0
    for char in text:
        digit = _B58_INDEX.get(char)
        if digit is None:
            raise MultibaseError(f"not base58btc: {char!r}")
        number = number * 58 + digit
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode(data: bytes, base: str = "z") -> str:
    """Multibase-encode: 'z' base58btc or 'u' base64url without padding."""
    if base == "z":
        return "z" + b58encode(data)
    if base == "u":
        return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
    raise MultibaseError(f"unsupported multibase prefix {base!r}")


def decode(text: str) -> bytes:
    """Decode a 'z' or 'u' multibase string."""
    if not isinstance(text, str) or not text:
        raise MultibaseError("empty or non-string multibase value")
    prefix, body = text[0], text[1:]
    if prefix == "z":
        return b58decode(body)
    if prefix == "u":
        if "=" in body or "+" in body or "/" in body:
            raise MultibaseError("base64url multibase must be unpadded and URL-safe")
        try:
            return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except ValueError as exc:
            raise MultibaseError(f"not base64url: {exc}") from exc
    raise MultibaseError(f"unsupported multibase prefix {prefix!r}")


def encode_public_key(raw: bytes) -> str:
    """Ed25519 public key (32 bytes) -> Multikey publicKeyMultibase ('z6Mk…')."""
    if len(raw) != ED25519_KEY_BYTES:
        raise MultibaseError("an Ed25519 public key is 32 bytes")
    return encode(ED25519_PUB + raw, "z")


def decode_public_key(text: str) -> bytes:
    """Multikey publicKeyMultibase -> the 32-byte Ed25519 public key."""
    data = _z_only(text)
    if not data.startswith(ED25519_PUB) or len(data) != 2 + ED25519_KEY_BYTES:
        raise MultibaseError("not an Ed25519 Multikey public key (0xed01 + 32 bytes)")
    return data[2:]


def encode_secret_key(seed: bytes) -> str:
    """Ed25519 seed (32 bytes) -> secretKeyMultibase in the current Multikey format."""
    if len(seed) != ED25519_KEY_BYTES:
        raise MultibaseError("an Ed25519 seed is 32 bytes")
    return encode(ED25519_PRIV + seed, "z")


def decode_secret_key(text: str) -> tuple[bytes, bytes | None]:
    """secretKeyMultibase -> (32-byte seed, embedded public key or None).

    Accepts the current Multikey format (prefix + seed) and the older Digital Bazaar format
    (prefix + seed + public key) that the 1EdTech test vector uses.
    """
    data = _z_only(text)
    if not data.startswith(ED25519_PRIV):
        raise MultibaseError("not an Ed25519 Multikey secret key (0x8026 prefix)")
    body = data[2:]
    if len(body) == ED25519_KEY_BYTES:
        return body, None
    if len(body) == 2 * ED25519_KEY_BYTES:
        return body[:ED25519_KEY_BYTES], body[ED25519_KEY_BYTES:]
    raise MultibaseError("an Ed25519 secret key is a 32-byte seed or 64 bytes seed+public")


def _z_only(text: str) -> bytes:
    """Decode a value that Multikey requires to be base58btc."""
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError("Multikey values are base58btc multibase ('z' prefix)")
    return decode(text)
