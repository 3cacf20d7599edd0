"""Public credential routes: the verification page, the signed JSON, issuer, keys, status list."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, session
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.extensions import csrf
from app.core.registry import access
from app.credentials import services, signing, texts, verify
from app.credentials.domain import keys
from app.credentials.domain.loader import OB_V3P0, VC_V2
from app.credentials.models import CredentialKey

bp = Blueprint("credentials", __name__, template_folder="templates")

# VC 2.0 registers application/vc for a credential secured with an embedded proof; issuer
# profiles and key documents are plain JSON-LD.
VC_TYPE = "application/vc"
LD_TYPE = "application/ld+json"


def json_response(document: Any, mimetype: str, filename: str | None = None) -> Response:
    """A JSON document with its media type, cacheable by verifiers for a short while."""
    body = json.dumps(document, ensure_ascii=False, indent=2)
    response = current_app.response_class(body, mimetype=mimetype)
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def wants_json() -> bool:
    """Whether the client asked for the credential itself rather than its page."""
    best = request.accept_mimetypes.best_match(
        ["text/html", VC_TYPE, LD_TYPE, "application/json"], default="text/html"
    )
    return best != "text/html"


CACHE_SIZE = 2000


def page(found: services.PageRow, fresh: bool = False) -> str:
    """Render the verification page of a credential or tombstone (cached for visitors)."""
    status, check = verify.status_of(found, fresh=fresh, version=found.list_version)
    if fresh or current_user.is_authenticated or "_flashes" in session:
        return render(found, status, check, fresh)
    # An anonymous visitor: the page depends only on what the key holds (not on Host).
    key = (found.public_id, str(get_locale()), status, check, found.owner, found.digest)
    cache: dict[tuple[Any, ...], str] = current_app.extensions.setdefault("credential_pages", {})
    html = cache.get(key)
    if html is None:
        html = render(found, status, check, fresh)
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[key] = html
    return html


def render(found: services.PageRow, status: str, check: verify.Check, fresh: bool) -> str:
    """The page itself (the stored JSON parsed here, on a cache miss only)."""
    return render_template(
        "credentials/verify.html",
        credential=found,
        document=found.document or {},
        status=status,
        check=check,
        fresh=fresh,
        owner=found.owner,
        base=signing.base_url(),
        token=services.verify_token(found.public_id),
    )


@bp.route("/credentials/<public_id>")
@access("public")
def show(public_id: str) -> Response | str:
    """The verification page (or the signed credential, for a client asking for JSON)."""
    found = services.page_row(public_id)
    if found is None:
        abort(404)
    if wants_json():
        return signed_json(found)
    return page(found)


@bp.route("/credentials/<public_id>/verify", methods=["POST"])
@access("public")
@csrf.exempt  # no session to ride and nothing to change: a signed per-credential token instead
def verify_again(public_id: str) -> str:
    """Check the signature, structure and status again on the server, without the cache."""
    found = services.page_row(public_id)
    if found is None:
        abort(404)
    if not services.verify_token_ok(public_id, str(request.form.get("token", ""))):
        abort(400)
    return page(found, fresh=True)


@bp.route("/credentials/<public_id>.json")
@access("public")
def download(public_id: str) -> Response:
    """The signed credential as a file, for wallets and verifiers."""
    found = services.by_public_id(public_id)
    if found is None:
        abort(404)
    return signed_json(found, filename=f"tawasul-credential-{public_id}.json")


def signed_json(found: Any, filename: str | None = None) -> Response:
    """The stored signed JSON; 410 for a tombstone (its status list bit says revoked)."""
    if found.document is None:
        abort(410)
    return json_response(found.document, VC_TYPE, filename)


@bp.route("/credentials/issuer")
@access("public")
def issuer() -> Response:
    """The issuer Profile with every verification method, retired keys included."""
    rows = services.public_keys()
    profile = {
        "@context": [VC_V2, OB_V3P0],
        "id": signing.issuer_id(),
        "type": "Profile",
        "name": texts.issuer_name("ar"),
        "url": signing.base_url() + "/",
        "verificationMethod": [key_document(row, context=False) for row in rows],
    }
    return json_response(profile, LD_TYPE)


def key_document(row: CredentialKey, context: bool = True) -> dict[str, Any]:
    """One key as a Multikey document (without @context when embedded in the profile)."""
    document = keys.multikey_document(
        signing.key_url(row.id), signing.issuer_id(), row.public_multibase
    )
    if not context:
        document.pop("@context")
    return document


@bp.route("/credentials/keys/<int:key_id>")
@access("public")
def key(key_id: int) -> Response:
    """One public key as a Multikey document, at a URL that never changes."""
    row = services.public_key(key_id)
    if row is None:
        abort(404)
    return json_response(key_document(row), LD_TYPE)


@bp.route("/credentials/status/<int:list_id>")
@access("public")
def status_list(list_id: int) -> Response:
    """The signed BitstringStatusListCredential every issued credential points at."""
    document = services.signed_status_list(list_id)
    if document is None:
        abort(404)
    response = json_response(document, VC_TYPE)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
