"""Helpers for the credential tests: the copied test vectors and a loader that knows them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.credentials.domain.loader import make_loader

VECTORS = Path(__file__).resolve().parent / "vectors"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def vector(name: str) -> Any:
    """Parse one file of tests/credentials/vectors/."""
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


# The W3C vector uses the examples context, which the app never serves: only tests add it.
W3C_LOADER = make_loader({EXAMPLES_V2: vector("credentials-examples-v2.jsonld")})

# name -> (unsigned, signed, options, secret multibase, public multibase, intermediates, loader)
CASES = {
    "ob3": (
        "ob3-unsigned-credential.json",
        "ob3-signed-credential.json",
        "ob3-proof-options.json",
        "secretKeyMultibase",
        "ob3-key-pair.json",
        "ob3-expected-intermediates.json",
        None,
    ),
    "w3c": (
        "w3c-alumni-unsigned-credential.json",
        "w3c-alumni-signed-credential.json",
        "w3c-proof-options.json",
        "privateKeyMultibase",
        "w3c-key-pair.json",
        "w3c-expected-intermediates.json",
        W3C_LOADER,
    ),
}


def case(name: str) -> dict[str, Any]:
    """One vector's parts by role."""
    unsigned, signed, options, secret_field, pair, inter, loader = CASES[name]
    keys = vector(pair)
    return {
        "unsigned": vector(unsigned),
        "signed": vector(signed),
        "options": vector(options),
        "secret": keys[secret_field],
        "public": keys["publicKeyMultibase"],
        "intermediates": vector(inter),
        "loader": loader,
    }


def resolver(public: str):  # type: ignore[no-untyped-def]
    """A key resolver that knows one key, under any verificationMethod id."""
    return lambda method: public
