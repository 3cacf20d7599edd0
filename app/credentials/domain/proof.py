"""eddsa-rdfc-2022 Data Integrity proofs: RDFC-1.0 canonical form, SHA-256, Ed25519."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

from app.credentials.domain import keys, multibase
from app.credentials.domain.dates import parse_datetime
from app.credentials.domain.loader import DocumentLoader, offline_loader

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION = "assertionMethod"

# Reasons a verification fails; stable strings the web layer can map to messages.
MISSING_PROOF = "missing-proof"
INVALID_PROOF = "invalid-proof"
WRONG_TYPE = "wrong-type"
WRONG_CRYPTOSUITE = "wrong-cryptosuite"
UNKNOWN_METHOD = "unknown-verification-method"
BAD_SIGNATURE = "bad-signature"
TAMPERED = "tampered"
INVALID_DOCUMENT = "invalid-document"

# Resolves a verificationMethod id to its publicKeyMultibase, or None when unknown.
KeyResolver = Callable[[str], "str | None"]


class ProofError(ValueError):
    """Raised when a document or proof options cannot be signed."""


@dataclass(frozen=True)
class SigningInput:
    """Every intermediate of the eddsa-rdfc-2022 hashing step (tests compare them byte-exactly)."""

    document_nquads: str
    proof_nquads: str
    document_hash: bytes
    proof_hash: bytes

    @property
    def data(self) -> bytes:
        """The bytes Ed25519 signs: proof hash then document hash."""
        return self.proof_hash + self.document_hash


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a verification: ok, or the reason (one of the constants above) and a detail."""

    ok: bool
    reason: str = ""
    detail: str = ""


def canonicalize(document: Mapping[str, Any], loader: DocumentLoader | None = None) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD document, offline."""
    # No base IRI: PyLD's default (http://example.org/base/) would turn a stray relative IRI
    # into a signed triple other verifiers (jsonld.js) drop; with None, every processor drops it.
    options = {
        "base": None,
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader or offline_loader,
    }
    # PyLD may annotate its input; the caller's document stays untouched.
    return str(jsonld.normalize(copy.deepcopy(dict(document)), options))


def proof_config(document: Mapping[str, Any], options: Mapping[str, Any]) -> dict[str, Any]:
    """The proof options as canonicalised: without proofValue, with the document's @context."""
    config = {key: value for key, value in options.items() if key != "proofValue"}
    # eddsa-rdfc-2022 (vc-di-eddsa 3.2.1): the proof configuration takes the document's context.
    if "@context" in document:
        config["@context"] = copy.deepcopy(document["@context"])
    return config


def signing_input(
    document: Mapping[str, Any],
    options: Mapping[str, Any],
    loader: DocumentLoader | None = None,
) -> SigningInput:
    """Canonicalise and hash the unsecured document and the proof options."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    document_nquads = canonicalize(unsecured, loader)
    proof_nquads = canonicalize(proof_config(unsecured, options), loader)
    return SigningInput(
        document_nquads=document_nquads,
        proof_nquads=proof_nquads,
        document_hash=hashlib.sha256(document_nquads.encode("utf-8")).digest(),
        proof_hash=hashlib.sha256(proof_nquads.encode("utf-8")).digest(),
    )


def sign(
    document: Mapping[str, Any],
    key: Ed25519PrivateKey,
    options: Mapping[str, Any],
    loader: DocumentLoader | None = None,
) -> dict[str, Any]:
    """Return a copy of `document` with an eddsa-rdfc-2022 DataIntegrityProof added."""
    if "proof" in document:
        raise ProofError("document already has a proof; proof sets are not supported")
    problem = _options_problem(options)
    if problem:
        raise ProofError(problem[1])
    data = signing_input(document, options, loader).data
    proof = {k: copy.deepcopy(v) for k, v in options.items() if k not in ("@context", "proofValue")}
    proof["proofValue"] = multibase.encode(key.sign(data), "z")
    signed = copy.deepcopy(dict(document))
    signed["proof"] = proof
    return signed


def verify(
    signed: Mapping[str, Any],
    resolve_key: KeyResolver,
    loader: DocumentLoader | None = None,
) -> VerifyResult:
    """Check the eddsa-rdfc-2022 proof of `signed`; never raises on bad input."""
    proof = signed.get("proof") if isinstance(signed, Mapping) else None
    if proof is None:
        return VerifyResult(False, MISSING_PROOF, "the credential has no proof")
    if not isinstance(proof, Mapping):
        return VerifyResult(False, INVALID_PROOF, "proof must be a single object")
    problem = _options_problem(proof)
    if problem:
        return VerifyResult(False, *problem)
    if "@context" in proof and proof["@context"] != signed.get("@context"):
        return VerifyResult(False, INVALID_PROOF, "proof @context differs from the document's")
    proof_value = proof.get("proofValue")
    try:
        if not isinstance(proof_value, str) or not proof_value.startswith("z"):
            raise multibase.MultibaseError("must be base58btc multibase ('z…')")
        signature = multibase.decode(proof_value)
    except multibase.MultibaseError as exc:
        return VerifyResult(False, BAD_SIGNATURE, f"proofValue: {exc}")
    if len(signature) != 64:
        return VerifyResult(False, BAD_SIGNATURE, "proofValue is not a 64-byte Ed25519 signature")
    method = proof["verificationMethod"]
    try:
        public = resolve_key(method)
        public_key = keys.public_key(public) if public else None
    except (LookupError, ValueError) as exc:
        return VerifyResult(False, UNKNOWN_METHOD, f"{method}: {exc}")
    if public_key is None:
        return VerifyResult(False, UNKNOWN_METHOD, f"no published key for {method}")
    try:
        data = signing_input(signed, proof, loader).data
    except Exception as exc:  # PyLD raises JsonLdError and friends from deep inside
        return VerifyResult(False, INVALID_DOCUMENT, f"cannot canonicalise: {root_cause(exc)}")
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        # A cryptographic verifier cannot tell which input changed: the document, the proof
        # options, or the key that signed (a swapped key) all give this same failure.
        return VerifyResult(
            False, TAMPERED, "signature does not match the document, proof options and key"
        )
    return VerifyResult(True)


def root_cause(exc: BaseException) -> str:
    """The innermost message of a PyLD error chain (its outer messages are generic)."""
    while True:
        inner = getattr(exc, "cause", None) or exc.__cause__
        if not isinstance(inner, BaseException):
            return str(exc)
        exc = inner


def _options_problem(options: Mapping[str, Any]) -> tuple[str, str] | None:
    """Return (reason, detail) if proof options are not eddsa-rdfc-2022 assertion options."""
    if options.get("type") != PROOF_TYPE:
        return WRONG_TYPE, f"proof type must be {PROOF_TYPE}"
    if options.get("cryptosuite") != CRYPTOSUITE:
        return WRONG_CRYPTOSUITE, f"cryptosuite must be {CRYPTOSUITE}"
    if options.get("proofPurpose") != ASSERTION:
        return INVALID_PROOF, f"proofPurpose must be {ASSERTION}"
    method = options.get("verificationMethod")
    if not isinstance(method, str) or ":" not in method:
        return INVALID_PROOF, "verificationMethod must be an absolute IRI"
    if "created" in options and parse_datetime(options["created"]) is None:
        return INVALID_PROOF, "proof created must be an XML Schema dateTime with a time zone"
    return None
