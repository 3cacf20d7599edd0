"""Signed-in account pages: overview, settings, password, email, devices, export, delete."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from app.accounts import lifecycle, services
from app.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ConfirmForm,
    DeleteAccountForm,
    SettingsForm,
)
from app.accounts.views import Page, bp, stash_token
from app.content_runtime import library
from app.core.memo import Memo, SlottedForm, render_kept_form
from app.core.registry import access


@bp.route("/account/")
@access("signed-in")
def overview() -> str:
    """The account hub with links to every setting."""
    return render_template("accounts/overview.html")


def role_choices() -> list[tuple[str, str]]:
    """The target roles in the page language, after a 'not chosen yet' option."""
    locale = get_locale()
    lang = locale.language if locale else "ar"
    roles = [(r.id, r.name.get(lang) or r.id) for r in library().roles.values()]
    return [("", _("Not chosen yet")), *roles]


def settings_form(**options: Any) -> SettingsForm:
    """The settings form, filled from the learner's settings or from what was sent."""
    form = SettingsForm(obj=current_user, **options)
    form.target_role.choices = role_choices()
    if form.target_role.data is None:  # not sent: keep the current choice
        form.target_role.data = ""
    return form


# Untouched settings, password, email and delete forms as last drawn (the CSRF token is a
# slot).
FORMS = Memo(256)


def kept_body(key: tuple[object, ...], partial: str, make: Any, **values: Any) -> Any:
    """An untouched form's page body, kept per key and language: `make(meta=...)` builds
    the form with CSRF off, and the token's slot is filled for this request."""
    return render_kept_form(
        FORMS,
        key,
        partial,
        lambda: {"form": SlottedForm(make(meta={"csrf": False})), **values},
    )


@bp.route("/account/settings", methods=["GET", "POST"])
@access("signed-in")
def settings() -> Page:
    """Change the display name, interface language and target role."""
    if request.method == "GET":
        # An untouched form shows only the learner's three settings: kept per their values.
        shown = (current_user.display_name, current_user.locale, current_user.target_role)
        key = ("settings", library().serial, *shown)
        body = kept_body(key, "accounts/_settings_body.html", settings_form)
        return render_template("accounts/settings.html", body=body)
    form = settings_form()
    if form.validate_on_submit():
        sent = "target_role" in request.form
        role = form.target_role.data if sent else current_user.target_role
        lifecycle.update_settings(
            current_user, form.display_name.data, form.locale.data, role or None
        )
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.settings"), code=303)
    return render_template("accounts/settings.html", form=form), 400 if form.errors else 200


@bp.route("/account/password", methods=["GET", "POST"])
@access("signed-in")
def change_password() -> Page:
    """Change the password (asks for the current one; other devices signed out by default)."""
    if request.method == "GET":
        # An untouched password form is the same for everyone: kept per language.
        body = kept_body(("password",), "accounts/_password_body.html", ChangePasswordForm)
        return render_template("accounts/password.html", body=body)
    form = ChangePasswordForm()
    form.context = (current_user.email, current_user.display_name)
    if form.validate_on_submit():
        if lifecycle.change_password(
            current_user, form.current.data, form.password.data, bool(form.sign_out_others.data)
        ):
            flash(_("Your password is changed."), "success")
            return redirect(url_for("accounts.overview"), code=303)
        form.current.errors.append(_("The current password is wrong."))
    return render_template("accounts/password.html", form=form), 400 if form.errors else 200


@bp.route("/account/email", methods=["GET", "POST"])
@access("signed-in")
def change_email() -> Page:
    """Ask for a new email; it takes effect once confirmed from that address."""
    email = current_user.email
    if request.method == "GET":
        # An untouched form shows only the current address: kept per address.
        partial = "accounts/_email_body.html"
        body = kept_body(("email", email), partial, ChangeEmailForm, email=email)
        return render_template("accounts/email.html", body=body)
    form = ChangeEmailForm()
    if form.validate_on_submit():
        outcome = lifecycle.request_email_change(
            current_user, form.password.data, form.new_email.data
        )
        if outcome == "ok":
            flash(
                _(
                    "We sent a confirmation link to the new address. Your email changes when "
                    "you open it."
                ),
                "info",
            )
            return redirect(url_for("accounts.overview"), code=303)
        if outcome == "password":
            form.password.errors.append(_("The current password is wrong."))
        else:
            form.new_email.errors.append(_("That address cannot be used. Choose another."))
    page = render_template("accounts/email.html", form=form, email=email)
    return page, 400 if form.errors else 200


@bp.route("/account/email/confirm/<token>")
@access("public")
def email_link(token: str) -> Response:
    """First step of an emailed email-change link."""
    return stash_token("email", token, "accounts.confirm_email")


@bp.route("/account/email/confirm", methods=["GET", "POST"])
@access("public")
def confirm_email() -> Page:
    """Confirm the new email address with a button."""
    token = session.get("token_email", "")
    if services.token_user(token, "email") is None:
        return render_template("accounts/token_invalid.html", resend=False), 400
    form = ConfirmForm()
    if form.validate_on_submit():
        session.pop("token_email", None)
        if lifecycle.confirm_email_change(token) is None:
            return render_template("accounts/token_invalid.html", resend=False), 400
        flash(_("Your new email address is confirmed."), "success")
        return redirect(url_for("main.home"), code=303)
    return render_template("accounts/confirm_email.html", form=form)


@bp.route("/account/sessions")
@access("signed-in")
def sessions() -> str:
    """List the devices signed in to this account."""
    return render_template(
        "accounts/sessions.html", rows=services.list_sessions(current_user), form=ConfirmForm()
    )


@bp.route("/account/sessions/<session_id>/end", methods=["POST"])
@access("owner")
def end_session(session_id: str) -> Response:
    """Sign out one of the user's own devices (404 for anyone else's)."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    if not services.revoke_session(current_user, session_id):
        abort(404)
    if session_id == current_user.current_session_id:
        logout_user()
        session.clear()
        return redirect(url_for("accounts.login"), code=303)
    flash(_("That device is signed out."), "success")
    return redirect(url_for("accounts.sessions"), code=303)


@bp.route("/account/sessions/end-others", methods=["POST"])
@access("signed-in")
def end_other_sessions() -> Response:
    """Sign out every device except this one."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    count = services.end_sessions(current_user, keep=current_user.current_session_id)
    flash(
        ngettext("%(num)d other device signed out.", "%(num)d other devices signed out.", count),
        "success",
    )
    return redirect(url_for("accounts.sessions"), code=303)


@bp.route("/account/export")
@access("signed-in")
def export() -> Response:
    """Download everything linked to the account: data.json and files (pictures) in a zip."""
    response = Response(lifecycle.export_archive(current_user), mimetype="application/zip")
    response.headers["Content-Disposition"] = 'attachment; filename="tawasul-export.zip"'
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
@access("signed-in")
def delete() -> Page:
    """Delete the account after password confirmation; every session ends."""
    if request.method == "GET":
        # An untouched form is the same for everyone: kept per language.
        body = kept_body(("delete",), "accounts/_delete_body.html", DeleteAccountForm)
        return render_template("accounts/delete.html", body=body)
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if lifecycle.delete_account(current_user, form.password.data):
            logout_user()
            session.clear()
            flash(_("Your account and everything linked to it are deleted."), "info")
            response = redirect(url_for("main.home"), code=303)
            response.headers["Clear-Site-Data"] = '"cache", "storage"'
            return response
        form.password.errors.append(_("The current password is wrong."))
    return render_template("accounts/delete.html", form=form), 400 if form.errors else 200
