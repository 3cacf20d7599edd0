"""The learner's credentials page: links, hide from portfolio, the other language, LinkedIn."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.forms import ConfirmForm
from app.content_runtime import library
from app.core.registry import access
from app.credentials import services, signing, texts, verify
from app.credentials.domain.linkedin import add_to_profile_url
from app.credentials.models import Credential
from app.credentials.views import bp


def linkedin_url(found: Credential) -> str:
    """The pre-filled "Add to LinkedIn profile" link of one credential."""
    document = found.document or {}
    return add_to_profile_url(
        name=str(document.get("name", "")),
        organization=texts.issuer_name(found.language),
        issued=found.valid_from,
        expires=found.valid_until,
        cert_url=f"{signing.base_url()}/credentials/{found.public_id}",
        cert_id=found.public_id,
    )


@bp.route("/account/credentials")
@access("signed-in")
def mine() -> str:
    """Every credential of the learner with its status and actions."""
    rows = services.credentials_of(current_user)
    version = verify.list_version()  # one read of the status list for every row
    return render_template(
        "credentials/mine.html",
        rows=[(row, verify.status_of(row, version=version)[0], linkedin_url(row)) for row in rows],
        other=services.other_language,
        form=ConfirmForm(),
    )


@bp.route("/account/credentials/<int:credential_id>/hide", methods=["POST"])
@access("owner")
def hide(credential_id: int) -> Response:
    """Hide a credential from the portfolio or show it again (hidden=1 or 0)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    hidden = request.form.get("hidden", "1") != "0"
    if not services.set_hidden(current_user, credential_id, hidden):
        abort(404)
    if hidden:
        flash(_("Hidden from your portfolio. Its verification page still answers."), "success")
    else:
        flash(_("Shown on your portfolio again."), "success")
    return redirect(url_for("credentials.mine"), code=303)


@bp.route("/account/credentials/<int:credential_id>/language", methods=["POST"])
@access("owner")
def other_language(credential_id: int) -> Response:
    """Issue the same credential in the other language (a second credential)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if services.get_own(current_user, credential_id) is None:
        abort(404)
    made = services.issue_other_language(current_user, library(), credential_id)
    if made is None:
        flash(_("A revoked credential cannot be issued in another language."), "error")
    else:
        flash(_("Issued in the other language too."), "success")
    return redirect(url_for("credentials.mine"), code=303)
