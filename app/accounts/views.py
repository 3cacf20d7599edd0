"""Sign-up, verification, sign-in, sign-out and password reset pages."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from app.accounts import lifecycle, services
from app.accounts.domain import normalise_email, safe_next
from app.accounts.forms import (
    ConfirmForm,
    EmailOnlyForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)
from app.core import ratelimit
from app.core.registry import access

bp = Blueprint("accounts", __name__, template_folder="templates")

Page = str | Response | tuple[str, int]


def limited(*checks: tuple[str, str]) -> bool:
    """Count each (action, key) hit; True when any limit is exceeded."""
    # A list, not a generator: every counter must count this hit, even after one trips.
    return not all([ratelimit.allow(action, key) for action, key in checks])  # noqa: C419


def client_ip() -> str:
    """The client address (ProxyFix rewrites it when TRUSTED_PROXIES is set)."""
    return request.remote_addr or "unknown"


@bp.route("/register", methods=["GET", "POST"])
@access("public")
def register() -> Page:
    """Create an account and send the verification email."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        if limited(("register-ip", client_ip())):
            abort(429)
        locale = get_locale()
        services.register_user(
            form.email.data,
            form.display_name.data,
            form.password.data,
            locale.language if locale else "ar",
        )
        return redirect(url_for("accounts.check_inbox"), code=303)
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/register/check-inbox")
@access("public")
def check_inbox() -> Page:
    """Tell the visitor to open the link we emailed."""
    return render_template("accounts/check_inbox.html", form=EmailOnlyForm())


@bp.route("/verify/resend", methods=["POST"])
@access("public")
def resend_verification() -> Page:
    """Send a new verification link (same answer whether or not the email exists)."""
    form = EmailOnlyForm()
    if form.validate_on_submit():
        if limited(("verify-ip", client_ip())):
            abort(429)
        services.resend_verification(form.email.data)
        flash(_("If that address has an unconfirmed account, a new link is on its way."), "info")
        return redirect(url_for("accounts.check_inbox"), code=303)
    return render_template("accounts/check_inbox.html", form=form), 400


def stash_token(purpose: str, token: str, endpoint: str) -> Response:
    """Move a token from the URL into the session and redirect to a token-free URL."""
    session[f"token_{purpose}"] = token[:100]
    return redirect(url_for(endpoint), code=303)


@bp.route("/verify/<token>")
@access("public")
def verify_link(token: str) -> Response:
    """First step of an emailed verification link."""
    return stash_token("verify", token, "accounts.verify")


@bp.route("/verify", methods=["GET", "POST"])
@access("public")
def verify() -> Page:
    """Confirm the email address with the button (mail scanners do not press buttons)."""
    token = session.get("token_verify", "")
    form = ConfirmForm()
    if services.token_user(token, "verify") is None:
        return render_template("accounts/token_invalid.html", resend=True), 400
    if form.validate_on_submit():
        if limited(("verify-ip", client_ip())):
            abort(429)
        session.pop("token_verify", None)
        if services.verify_email(token) is None:
            return render_template("accounts/token_invalid.html", resend=True), 400
        flash(_("Your email is confirmed. You can sign in now."), "success")
        return redirect(url_for("accounts.login"), code=303)
    return render_template("accounts/verify.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@access("public")
def login() -> Page:
    """Sign in; failures never say whether the email exists."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        if limited(("login-ip", client_ip()), ("login-account", email)):
            abort(429)
        user = services.authenticate(email, form.password.data)
        if user is None:
            form.password.errors.append(_("The email or password is wrong."))
            return render_template("accounts/login.html", form=form), 400
        if not user.is_active:
            # Said only to someone who gave the right password, so it reveals nothing new.
            services.log.info("login refused: account disabled user=%d", user.id)
            support = current_app.config["SUPPORT_EMAIL"]
            return render_template("accounts/login.html", form=form, disabled=support), 403
        if not user.is_verified:
            flash(
                _("Confirm your email first: open the link we sent you, or ask for a new one."),
                "warning",
            )
            return redirect(url_for("accounts.check_inbox"), code=303)
        session.clear()  # a fresh session at every login
        user.current_session_id = services.start_session(
            user, bool(form.remember.data), request.user_agent.string or ""
        )
        login_user(user, remember=bool(form.remember.data))
        return redirect(safe_next(request.args.get("next")) or url_for("main.home"), code=303)
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@access("public")
def logout() -> Response:
    """Sign out: the session row is deleted, so a copied cookie stops working."""
    if current_user.is_authenticated and current_user.current_session_id:
        services.end_session(current_user.current_session_id)
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    response = redirect(url_for("main.home"), code=303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/forgot", methods=["GET", "POST"])
@access("public")
def forgot() -> Page:
    """Ask for a password reset link (same answer for known and unknown emails)."""
    form = EmailOnlyForm()
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        if limited(("reset-ip", client_ip()), ("reset-account", email)):
            abort(429)
        lifecycle.request_password_reset(email)
        flash(
            _(
                "If an account uses that address, we sent it a link to reset the password. "
                "The link works for 60 minutes."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"), code=303)
    return render_template("accounts/forgot.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>")
@access("public")
def reset_link(token: str) -> Response:
    """First step of an emailed reset link."""
    return stash_token("reset", token, "accounts.reset")


@bp.route("/reset", methods=["GET", "POST"])
@access("public")
def reset() -> Page:
    """Choose a new password; every session of the account is ended."""
    token = session.get("token_reset", "")
    owner = services.token_user(token, "reset")
    if owner is None:
        return render_template("accounts/token_invalid.html", resend=False), 400
    form = ResetPasswordForm()
    form.context = (owner.email, owner.display_name)
    if form.validate_on_submit():
        if lifecycle.reset_password(token, form.password.data) is None:
            return render_template("accounts/token_invalid.html", resend=False), 400
        session.clear()
        logout_user()
        flash(
            _("Your password is changed and every device was signed out. Sign in again."), "success"
        )
        return redirect(url_for("accounts.login"), code=303)
    return render_template("accounts/reset.html", form=form), 400 if form.errors else 200
