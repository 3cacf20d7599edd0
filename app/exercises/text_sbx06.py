"""sbx-06 "Inbox shift" messages: every reason and step-error code, and the names the pages
show (actions, channels, the reply rubric's criteria, reasons and hard fails, reused from the
inbox so one idea has one name)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.inbox.labels import ACTION_NAMES, CHANNEL_NAMES, CRITERIA, HARD_FAILS, REASONS
from app.sandbox.labels import PLATFORM_NAMES

NAMES = {
    "action": ACTION_NAMES,
    "gold": ACTION_NAMES,
    "channel": CHANNEL_NAMES,
    "platform": PLATFORM_NAMES,
    "rubric-criteria": {k: title for k, (title, _lesson) in CRITERIA.items()},
    "rubric-lessons": {k: lesson for k, (_title, lesson) in CRITERIA.items()},
    "rubric-reasons": REASONS,
    "rubric-fails": HARD_FAILS,
    "dialect": {
        "msa": _l("Modern Standard Arabic"),
        "gulf": _l("Gulf Arabic"),
        "egyptian": _l("Egyptian Arabic"),
        "levantine": _l("Levantine Arabic"),
        "en": _l("English"),
    },
}

MESSAGES = {
    # action against the key
    "action.match": _l("Message %(item)s: %(action)s is the key's action."),
    "action.partial": _l(
        "Message %(item)s: %(action)s is an acceptable alternative to %(gold)s; it earns "
        "%(credit)s of the message's points."
    ),
    "action.wrong": _l("Message %(item)s: %(action)s earns nothing here; the key is %(gold)s."),
    "action.missing": _l("Message %(item)s: it was never answered; the key is %(gold)s."),
    # reply checks
    "reply.item": _l("Message %(item)s: your reply scores %(points)s of 100 on the reply rubric."),
    "reply.missing": _l("Message %(item)s needed a written reply and got none: it counts 0."),
    "reply.mean": _l(
        "The mean rubric score of the messages that need a written reply: %(points)s of 100."
    ),
    # response time
    "time.inside": _l(
        "Message %(item)s: handled at shift minute %(at)s, inside its deadline (minute %(due)s)."
    ),
    "time.late": _l(
        "Message %(item)s: handled at shift minute %(at)s, after its deadline (minute %(due)s)."
    ),
    "time.never": _l("Message %(item)s: never handled; its deadline was shift minute %(due)s."),
    "time.left-alone": _l(
        "Message %(item)s: left alone, which is the right call here, so no time was spent."
    ),
    "time.wrong-action": _l(
        "Message %(item)s: answered at minute %(at)s, but speed earns nothing with the wrong "
        "action."
    ),
    "time.not-an-answer": _l(
        "Message %(item)s: the reply at minute %(at)s acknowledged the message without "
        "answering it (no fact, no next step, no move to private), so the clock kept running."
    ),
    # escalation
    "escalation.right": _l("Message %(item)s: escalated to the right role."),
    "escalation.wrong-role": _l(
        "Message %(item)s: escalated, but to the wrong role; the key's role is shown below."
    ),
    "escalation.missing": _l(
        "Message %(item)s: this needed escalating to a named role and was not escalated."
    ),
    "escalation.needless": _l(
        "Message %(item)s: nothing here needed escalating; it takes a colleague's time."
    ),
    "escalation.none-needed": _l("Message %(item)s: rightly kept within the team."),
    "escalation.unhandled": _l(
        "Message %(item)s: never handled, so there was no decision to judge."
    ),
    # hard fails (the reply rubric's)
    "hardfail.safety-not-escalated": _l(
        "Message %(item)s is a safety report and it was not escalated: a safety report always "
        "goes to the role that handles safety, at once."
    ),
    "hardfail.asked-personal-data": _l(
        "Message %(item)s: personal data (an order number, phone, email or card) was asked for "
        "in public. Ask for it in private messages."
    ),
    "hardfail.criticism-deleted": _l(
        "Message %(item)s is legitimate criticism, and it was deleted or its author blocked."
    ),
    # step errors
    "shift.unknown-step": _l("That step is not one the shift knows. Use one of the forms below."),
    "shift.unknown-item": _l("That message is not in your inbox."),
    "shift.not-arrived": _l("That message has not arrived yet on the shift clock."),
    "shift.answered": _l("This message has already been handled: what was sent stays sent."),
    "shift.no-action": _l("Choose an action for this message."),
    "shift.unknown-role": _l("Choose a role from the list."),
    "shift.escalate-role": _l("Choose who to escalate to."),
    "shift.no-text": _l("Write the reply before you send it."),
    "shift.text-not-sent": _l(
        "This action sends no text. Clear the reply, or choose an action that sends it."
    ),
    "shift.too-long": _l("The text is too long: keep it under 2,000 characters."),
    "shift.too-many-steps": _l("The shift log is full. Submit your shift for scoring."),
}
