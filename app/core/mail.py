"""Outgoing mail through a real SMTP client; without a server, development writes files.

Features say what to send (`app/<feature>/mail.py`: "the verification mail to this user
with this token"); this module renders the body in the reader's language and sends it, so
no service renders a template.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

log = logging.getLogger("tawasul.mail")


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """Compose a plain-text UTF-8 message; header values with CR/LF are refused."""
    for value in (to, subject):
        if "\r" in value or "\n" in value:
            raise ValueError("line break in a mail header")
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = make_msgid(domain="tawasul.invalid")
    msg.set_content(body, charset="utf-8")
    return msg


def public_link(path: str) -> str:
    """An absolute link under PUBLIC_BASE_URL (a mail is read outside any request)."""
    return str(current_app.config["PUBLIC_BASE_URL"]) + path


def send_template(to: str, locale: str, template: str, subject: str, **context: object) -> None:
    """Render a plain-text mail template and its (gettext-marked) subject in `locale`, then send."""
    with force_locale(locale):
        body = render_template(template, **context)
        send_mail(to, _(subject), body)


def send_mail(to: str, subject: str, body: str) -> None:
    """Send one message now; the body is never logged because it may carry a token."""
    cfg = current_app.config
    msg = build_message(to, subject, body)
    if not cfg["MAIL_SERVER"]:
        _write_to_outbox(msg)
        return
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(msg)
    log.info("mail sent subject_len=%d", len(subject))


def outbox_dir() -> Path:
    """The folder development mail is written to (the retention job empties it too)."""
    return Path(current_app.config["MAIL_OUTBOX_DIR"] or Path(current_app.instance_path) / "mail")


def _write_to_outbox(msg: EmailMessage) -> None:
    """Write the message as an .eml file under the instance folder (never to the log)."""
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(msg.as_bytes())
    path.chmod(0o600)
    log.info("mail written to the development outbox file=%s", path.name)
