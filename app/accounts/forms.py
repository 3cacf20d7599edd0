"""Account forms; passwords are validated exactly as typed (no stripping)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from app.accounts.domain import (
    PASSWORD_MAX,
    PASSWORD_MIN,
    clean_single_line,
    common_passwords,
    password_problems,
)

PROBLEM_MESSAGES = {
    "too_short": _l("Use at least %(n)d characters.", n=PASSWORD_MIN),
    "too_long": _l("Use at most %(n)d characters.", n=PASSWORD_MAX),
    "common": _l(
        "This password is one of the most common ones and is easy to guess. Choose another."
    ),
    "context": _l("Do not use your name, your email or the word Tawasul in your password."),
}

LANGUAGE_CHOICES = [SelectChoice("ar", "العربية"), SelectChoice("en", "English")]


def email_field(label: Any = None) -> EmailField:
    """An email field with sensible length and format checks."""
    return EmailField(
        label or _l("Email"),
        validators=[
            InputRequired(_l("Enter your email address.")),
            Length(max=254, message=_l("An email address is at most 254 characters.")),
            Email(
                message=_l("Enter an email address like name@example.com."),
                check_deliverability=False,
            ),
        ],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        render_kw={"autocomplete": "email", "dir": "ltr", "inputmode": "email"},
    )


def display_name_field() -> StringField:
    """A display name field: 1 to 100 characters, control characters removed."""
    return StringField(
        _l("Display name"),
        validators=[
            InputRequired(_l("Enter the name others will see.")),
            Length(min=1, max=100, message=_l("Use 1 to 100 characters.")),
        ],
        filters=[lambda v: clean_single_line(v) if isinstance(v, str) else v],
        render_kw={"autocomplete": "name", "dir": "auto"},
    )


def new_password_field(label: Any) -> PasswordField:
    """A new-password field; policy checks run in the form's validate hook."""
    return PasswordField(
        label,
        validators=[InputRequired(_l("Choose a password."))],
        render_kw={"autocomplete": "new-password", "dir": "ltr", "maxlength": PASSWORD_MAX},
        description=_l(
            "At least 8 characters; a long phrase of 15 or more is best. "
            "Any characters are allowed."
        ),
    )


def check_policy(field: PasswordField, email: str, display_name: str) -> None:
    """Append policy messages to a password field's errors."""
    value = field.data or ""
    for code in password_problems(
        value, email=email, display_name=display_name, common=common_passwords()
    ):
        field.errors.append(str(PROBLEM_MESSAGES[code]))


class RegisterForm(FlaskForm):
    """Create an account."""

    email = email_field()
    display_name = display_name_field()
    password = new_password_field(_l("Password"))

    def validate(self, extra_validators: Any = None) -> bool:
        """Run field checks, then the password policy."""
        ok = super().validate(extra_validators)
        if self.password.data:
            check_policy(self.password, self.email.data or "", self.display_name.data or "")
        return ok and not self.password.errors


class LoginForm(FlaskForm):
    """Sign in."""

    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password", "dir": "ltr"},
    )
    remember = BooleanField(_l("Keep me signed in on this device for 30 days"))


class EmailOnlyForm(FlaskForm):
    """Ask for an email address (forgotten password, resend verification)."""

    email = email_field()


class ConfirmForm(FlaskForm):
    """A button that confirms an action; the CSRF token is the only field."""


class ResetPasswordForm(FlaskForm):
    """Choose a new password after following a reset link."""

    password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("New password again"),
        validators=[EqualTo("password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password", "dir": "ltr"},
    )

    # (email, display name) of the account, set by the view for the context-word check.
    context: tuple[str, str] = ("", "")

    def validate_password(self, field: PasswordField) -> None:
        """Check the password policy against this account's email and name."""
        email, name = self.context
        for code in password_problems(
            field.data or "", email=email, display_name=name, common=common_passwords()
        ):
            raise ValidationError(str(PROBLEM_MESSAGES[code]))


class ChangePasswordForm(ResetPasswordForm):
    """Change the password while signed in."""

    current = PasswordField(
        _l("Current password"),
        validators=[InputRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password", "dir": "ltr"},
    )
    sign_out_others = BooleanField(_l("Sign out my other devices"), default=True)


class ChangeEmailForm(FlaskForm):
    """Change the email address (confirmed by a link sent to the new one)."""

    new_email = email_field(_l("New email"))
    password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password", "dir": "ltr"},
    )


class SettingsForm(FlaskForm):
    """Profile settings."""

    display_name = display_name_field()
    locale = SelectField(_l("Interface language"), choices=LANGUAGE_CHOICES)
    # Choices come from courses/roles.yaml, set by the view.
    target_role = SelectField(_l("Target role"), choices=[], validate_choice=True)


class DeleteAccountForm(FlaskForm):
    """Confirm account deletion with the password and an explicit tick."""

    password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password", "dir": "ltr"},
    )
    understand = BooleanField(
        _l("I understand that my account and everything linked to it will be deleted for good."),
        validators=[InputRequired(_l("Tick the box to confirm."))],
    )


class LanguageForm(FlaskForm):
    """The language switch in the page header."""

    lang = SelectField(choices=LANGUAGE_CHOICES)
    next = StringField()
