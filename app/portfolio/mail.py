"""The portfolio's mail: the owner hears that a visitor wrote (templates/portfolio/email/)."""

from __future__ import annotations

from app.accounts.models import User
from app.core.i18n import N_
from app.core.mail import public_link, send_template
from app.portfolio.models import ContactMessage


def send_message_notice(owner: User, message: ContactMessage) -> None:
    """Tell the owner, in their language, that a message arrived and where to answer it."""
    send_template(
        owner.email,
        owner.locale or "ar",
        "portfolio/email/message.txt",
        N_("New message through your Tawasul portfolio"),
        user=owner,
        message=message,
        inbox=public_link("/portfolio/messages"),
    )
