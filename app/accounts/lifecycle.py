"""Account lifecycle services: password reset and change, email change, settings, deletion."""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app

from app.accounts import mail, tokens
from app.accounts.domain import normalise_email
from app.accounts.models import User
from app.accounts.services import end_sessions, find_user_by_email
from app.core.db import locked, utcnow, write_unit
from app.core.extensions import db
from app.core.registry import USER_DATA
from app.core.security import hash_password, verify_password

log = logging.getLogger("tawasul.accounts")


def request_password_reset(email: str) -> None:
    """Mail a reset link when the account exists; callers answer the same either way."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        log.info("password reset requested for an unknown account")
        return
    with write_unit(db.session) as s:
        token = tokens.issue_token(s, user, "reset", current_app.config["TOKEN_LIFETIME"])
    mail.send_reset(user, token)
    log.info("password reset mailed user=%d", user.id)


def reset_password(token: str, new_password: str) -> User | None:
    """Consume a reset token, set the password and end every session of the user."""
    with write_unit(db.session) as s:
        row = tokens.consume_token(s, token, "reset")
        if row is None:
            return None
        user = s.get(User, row.user_id)
        user.password_hash = hash_password(new_password)
        user.password_changed_at = utcnow()
        # Whoever receives the email controls it, so the address counts as verified.
        user.email_verified_at = user.email_verified_at or utcnow()
    end_sessions(user)
    log.info("password reset done user=%d", user.id)
    return user


def change_password(user: User, current: str, new: str, sign_out_others: bool) -> bool:
    """Change the password when `current` is right; optionally end other sessions."""
    if not verify_password(user.password_hash, current):
        log.info("password change refused: wrong current password user=%d", user.id)
        return False
    keep, checked = user.current_session_id, user.password_hash
    with write_unit(db.session) as s:
        row = locked(s, User, user.id)
        if row is None or row.password_hash != checked:
            return False  # changed meanwhile (another tab): the current password is not known
        row.password_hash = hash_password(new)
        row.password_changed_at = utcnow()
    if sign_out_others:
        end_sessions(user, keep=keep)
    mail.send_password_changed(user)
    return True


def request_email_change(user: User, password: str, new_email: str) -> str:
    """Mail a confirmation link to the new address; returns 'ok', 'password' or 'taken'."""
    if not verify_password(user.password_hash, password):
        return "password"
    new_email = normalise_email(new_email)
    if find_user_by_email(new_email) is not None:
        return "taken"
    with write_unit(db.session) as s:
        token = tokens.issue_token(
            s, user, "email", current_app.config["TOKEN_LIFETIME"], new_email=new_email
        )
    mail.send_email_change(user, new_email, token)
    return "ok"


def confirm_email_change(token: str) -> User | None:
    """Consume an email-change token and switch the address; None when invalid or taken."""
    with write_unit(db.session) as s:
        row = tokens.consume_token(s, token, "email")
        if row is None or row.new_email is None or find_user_by_email(row.new_email):
            return None
        user = s.get(User, row.user_id)
        old = user.email
        user.email = row.new_email
        user.email_verified_at = utcnow()
    mail.send_email_changed(user, old)
    return user


def update_settings(user: User, display_name: str, locale: str, target_role: str | None) -> None:
    """Save the display name, interface language and target role."""
    with write_unit(db.session) as s:
        row = s.get(User, user.id)
        row.display_name = display_name
        row.locale = locale
        row.target_role = target_role


def set_locale(user: User, locale: str) -> None:
    """Remember the interface language chosen with the language switch."""
    with write_unit(db.session) as s:
        s.get(User, user.id).locale = locale


def export_user_data(user: User) -> dict[str, Any]:
    """Collect every row linked to the user, table by table, from the registry."""
    data: dict[str, Any] = {
        "format": "tawasul-export/1",
        "exported_at": utcnow().isoformat(),
        "tables": {},
    }
    for table in sorted(USER_DATA):
        data["tables"][table] = USER_DATA[table].export(db.session, user)
    return data


def export_archive(user: User) -> bytes:
    """The export as a zip: data.json (every table) and the user's files beside it."""
    import io
    import json
    import zipfile

    from app.core.registry import USER_FILES

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(export_user_data(user), ensure_ascii=False, indent=2)
        archive.writestr("data.json", data)
        for files in USER_FILES:
            for path, content in files(db.session, user):
                # Pictures are already compressed: store them as they are.
                archive.writestr(path, content, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def delete_account(user: User, password: str) -> bool:
    """Delete every row linked to the user (registry order) when the password is right."""
    if not verify_password(user.password_hash, password):
        return False
    user_id, checked = user.id, user.password_hash
    with write_unit(db.session) as s:
        row = locked(s, User, user_id)
        if row is None or row.password_hash != checked:
            return False  # the password changed meanwhile: the one given was not checked
        for entry in sorted(USER_DATA.values(), key=lambda e: e.order):
            entry.delete(s, user)
    log.info("account deleted user=%d", user_id)
    return True
