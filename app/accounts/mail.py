"""The account mails: what each says is in templates/accounts/email/; services only ask."""

from __future__ import annotations

from app.accounts.models import User
from app.core.i18n import N_
from app.core.mail import public_link, send_template


def _mail(user: User, to: str, name: str, subject: str, **context: object) -> None:
    """Send templates/accounts/email/<name>.txt in the user's language."""
    send_template(
        to, user.locale or "ar", f"accounts/email/{name}.txt", subject, user=user, **context
    )


def send_verification(user: User, token: str) -> None:
    """The link that confirms a new account's address."""
    url = public_link(f"/verify/{token}")
    _mail(user, user.email, "verify", N_("Confirm your email for Tawasul"), url=url)


def send_already_registered(user: User) -> None:
    """Tell the owner of an address that someone tried to register with it."""
    _mail(
        user,
        user.email,
        "already_registered",
        N_("Someone tried to register with your email"),
        login_url=public_link("/login"),
        forgot_url=public_link("/forgot"),
    )


def send_reset(user: User, token: str) -> None:
    """The link that sets a new password."""
    url = public_link(f"/reset/{token}")
    _mail(user, user.email, "reset", N_("Reset your Tawasul password"), url=url)


def send_password_changed(user: User) -> None:
    """Tell the user their password was changed."""
    _mail(user, user.email, "password_changed", N_("Your Tawasul password was changed"))


def send_email_change(user: User, new_email: str, token: str) -> None:
    """The link, sent to the new address, that confirms an email change."""
    url = public_link(f"/account/email/confirm/{token}")
    _mail(user, new_email, "email_change", N_("Confirm your new email for Tawasul"), url=url)


def send_email_changed(user: User, old_email: str) -> None:
    """Tell the former address that the account's email was changed."""
    subject = N_("Your Tawasul email was changed")
    _mail(user, old_email, "email_changed", subject, new_email=user.email)
