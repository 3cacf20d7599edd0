"""Checks a verifier runs besides the signature: structure, JSON Schema, and term expansion."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator, FormatChecker
from pyld import jsonld

from app.credentials.domain.dates import is_utc, parse_datetime
from app.credentials.domain.loader import OB_V3P0, VC_V2, DocumentLoader, offline_loader
from app.credentials.domain.proof import root_cause

SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "schema" / "ob-v3p0-achievementcredential-schema.json"
)
REQUIRED_TYPES = ("VerifiableCredential", "OpenBadgeCredential")
# RFC 3986 scheme then ':'; no whitespace anywhere (an IRI never has any).
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


def is_absolute_iri(value: object) -> bool:
    """True for a string with a scheme and no whitespace (urn:, did:, https: …)."""
    return isinstance(value, str) and bool(_ABSOLUTE_IRI.match(value))


def check(credential: Mapping[str, Any], loader: DocumentLoader | None = None) -> list[str]:
    """Every problem found by the structure, schema and expansion checks (empty when fine)."""
    problems = structure_problems(credential)
    problems += schema_problems(credential)
    problems += expansion_problems(credential, loader)
    return problems


def structure_problems(credential: Mapping[str, Any]) -> list[str]:
    """Hand checks: context order, types, absolute ids, UTC dates, the achievement subject."""
    problems: list[str] = []
    # Reordering contexts leaves the canonical form (and so the signature) unchanged: only
    # this check notices it.
    if credential.get("@context") != [VC_V2, OB_V3P0]:
        problems.append(f"@context must be exactly [{VC_V2}, {OB_V3P0}] in that order")
    types = _as_list(credential.get("type"))
    for required in REQUIRED_TYPES:
        if required not in types:
            problems.append(f"type must include {required}")
    for path, value in _ids(credential):
        if not is_absolute_iri(value):
            problems.append(f"{path}: id {value!r} is not an absolute IRI")
    problems += _date_problems(credential)
    issuer = credential.get("issuer")
    if not isinstance(issuer, Mapping) or "Profile" not in _as_list(issuer.get("type")):
        problems.append("issuer must be a Profile object with an id")
    subject = credential.get("credentialSubject")
    if not isinstance(subject, Mapping):
        problems.append("credentialSubject must be a single object")
    else:
        if "AchievementSubject" not in _as_list(subject.get("type")):
            problems.append("credentialSubject type must include AchievementSubject")
        if not isinstance(subject.get("achievement"), Mapping):
            problems.append("credentialSubject must have an achievement object")
    return problems


def schema_problems(credential: Mapping[str, Any]) -> list[str]:
    """Validate against the pinned OB 3.0 AchievementCredential schema, formats checked."""
    errors = _validator().iter_errors(credential)
    return [
        f"schema: {'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path)))
    ]


def expansion_problems(
    document: Mapping[str, Any], loader: DocumentLoader | None = None
) -> list[str]:
    """Terms that JSON-LD expansion drops or leaves as non-absolute IRIs (so go unsigned)."""
    # base None, as in proof.canonicalize: a relative IRI stays relative and is reported.
    options = {"documentLoader": loader or offline_loader, "base": None}
    source = json.loads(json.dumps(document))  # a private copy PyLD may annotate
    try:
        expanded = jsonld.expand(source, options)
        # Compacting back with the same context restores every term that survived; a key
        # missing after the round trip had no definition and fell out of the signed form.
        compacted = jsonld.compact(expanded, {"@context": document.get("@context")}, options)
    except Exception as exc:  # PyLD's JsonLdError wraps loader and syntax failures
        return [f"expansion failed: {root_cause(exc)}"]
    dropped = sorted(_key_paths(document) - _key_paths(compacted))
    problems = [f"term {path!r} does not expand to an IRI and is not signed" for path in dropped]
    problems += [
        f"expanded {kind} {value!r} is not an absolute IRI"
        for kind, value in _expanded_iris(expanded)
        if not is_absolute_iri(value)
    ]
    return problems


@cache
def _validator() -> Draft201909Validator:
    """The schema validator, built once (the schema is ~100 KB)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=FormatChecker())


def _date_problems(credential: Mapping[str, Any]) -> list[str]:
    """validFrom required and validUntil optional, both UTC; validUntil after validFrom."""
    problems = []
    valid_from, valid_until = credential.get("validFrom"), credential.get("validUntil")
    if not is_utc(valid_from):
        problems.append("validFrom must be a UTC dateTime (…Z)")
    if valid_until is not None:
        if not is_utc(valid_until):
            problems.append("validUntil must be a UTC dateTime (…Z)")
        else:
            start, end = parse_datetime(valid_from), parse_datetime(valid_until)
            if start is not None and end is not None and end <= start:
                problems.append("validUntil must be after validFrom")
    return problems


def _ids(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (path, value) for every `id` in the document."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "@context":
                continue
            here = f"{path}/{key}" if path else key
            if key in ("id", "@id"):
                yield here, value
            else:
                yield from _ids(value, here)
    elif isinstance(node, list):
        for item in node:
            yield from _ids(item, path)


def _key_paths(node: Any, path: str = "") -> set[str]:
    """Slash-joined key paths of a compacted document, ignoring array positions and @context."""
    paths: set[str] = set()
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "@context":
                continue
            here = f"{path}/{key}" if path else key
            paths.add(here)
            paths |= _key_paths(value, here)
    elif isinstance(node, list):
        for item in node:
            paths |= _key_paths(item, path)
    return paths


def _expanded_iris(node: Any) -> Iterator[tuple[str, str]]:
    """Yield ('property', key) and ('type', value) pairs from expanded JSON-LD."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "@type" and "@value" not in node:
                yield from (("type", item) for item in _as_list(value))
            elif not key.startswith("@"):
                yield "property", key
            yield from _expanded_iris(value)
    elif isinstance(node, list):
        for item in node:
            yield from _expanded_iris(item)


def _as_list(value: Any) -> list[Any]:
    """A JSON-LD value as a list (single values and arrays are both allowed)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
