"""Offline JSON-LD document loader that serves only the contexts pinned in this repository."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

CONTEXTS_DIR = Path(__file__).resolve().parent.parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

# URL -> file name under app/credentials/contexts/. Byte-exact copies, see PROVENANCE.md there.
PINNED: dict[str, str] = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3P0: "ob-v3p0-context-3.0.3.json",
}

DocumentLoader = Callable[[str, Any], dict[str, Any]]


class ContextNotPinned(LookupError):
    """Raised for any URL that is not a pinned context: the loader never fetches the network."""

    def __init__(self, url: str) -> None:
        super().__init__(
            f"JSON-LD context {url!r} is not pinned in app/credentials/contexts/; "
            "the offline loader refuses to fetch it"
        )
        self.url = url


@cache
def _pinned_document(name: str) -> Any:
    """Parse one pinned context file once per process."""
    return json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))


def _remote(url: str, document: Any) -> dict[str, Any]:
    """Wrap a document in the RemoteDocument shape PyLD expects."""
    # A deep copy: PyLD may annotate what it is given, and the parsed file is shared.
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": copy.deepcopy(document),
    }


def make_loader(extra: Mapping[str, Any] | None = None) -> DocumentLoader:
    """Build a loader serving the pinned contexts plus `extra` (URL -> parsed document)."""
    extras = dict(extra or {})

    def load(url: str, options: Any = None) -> dict[str, Any]:
        """Return the pinned document for `url`, or raise ContextNotPinned."""
        if url in extras:
            return _remote(url, extras[url])
        name = PINNED.get(url)
        if name is None:
            raise ContextNotPinned(url)
        return _remote(url, _pinned_document(name))

    return load


offline_loader: DocumentLoader = make_loader()
