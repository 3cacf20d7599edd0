"""What the inbox says to the learner: actions, criteria, feedback per reason, errors.

Each criterion links to the lesson that teaches it (com-1 triage and timing, com-3 complaint
replies, com-4 escalation and crises).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import Labels

ACTION_NAMES: Labels = {
    "reply": _l("Reply in public (or in the message, for a direct message)"),
    "private": _l("Acknowledge in public, then move to private messages"),
    "escalate": _l("Escalate to a named role"),
    "forward": _l("Forward to the spokesperson"),
    "hide": _l("Hide"),
    "delete": _l("Delete"),
    "block": _l("Block the author"),
    "none": _l("No reply"),
}
KIND_NAMES: Labels = {
    "question": _l("Question"),
    "praise": _l("Praise"),
    "complaint": _l("Complaint"),
    "safety": _l("Safety report"),
    "misinformation": _l("Misinformation"),
    "troll": _l("Troll"),
    "spam": _l("Spam"),
}
CHANNEL_NAMES: Labels = {
    "comment": _l("Comment"),
    "dm": _l("Direct message"),
    "mention": _l("Mention"),
}
STATUS_NAMES: Labels = {
    "open": _l("Waiting for an answer"),
    "missed": _l("Deadline missed"),
    "done": _l("Handled"),
}
CRITERIA = {
    "triage": (_l("Triage: the right action for this message"), "com-1"),
    "timeliness": (_l("Timeliness against the message's deadline"), "com-1"),
    "empathy": (_l("Empathy and acknowledgement of the specific issue"), "com-3"),
    "accuracy": (_l("Accuracy: facts from the brief, nothing invented"), "com-3"),
    "resolution": (_l("A concrete next step"), "com-3"),
    "channel": (
        _l("Channel handling: private data in private, at most two public replies"),
        "com-3",
    ),
    "voice": (_l("Brand voice and language"), "com-3"),
    "escalation": (_l("Escalation to the right role"), "com-4"),
}
REASONS: Labels = {
    "action": _l("Your action compared with the best one for this message."),
    "not-an-answer": _l(
        "This acknowledges the message but does not answer it: no fact from the brief, no next"
        " step and no move to private messages. The deadline is still running."
    ),
    "never": _l("No answer was sent."),
    "late": _l("Sent after the deadline."),
    "late-twice": _l("Sent after twice the deadline."),
    "late-day": _l("Sent more than a day late."),
    "named-failure": _l(
        "Sarcasm, dismissal (\u201ccalm down\u201d in any wording) or blame: customers read it as"
        " contempt."
    ),
    "issue-not-named": _l("Name the specific problem the customer raised."),
    "no-empathy": _l("Acknowledge how the customer feels, or apologise where it is due."),
    "empathy": _l("How well the reply acknowledges the customer."),
    "thanks": _l("You thanked the customer."),
    "no-thanks": _l("Thank the customer for the kind words."),
    "question": _l("How directly the reply answers the question."),
    "apology-stuffed": _l(
        "Apologising again and again is not an answer: apologise once, then act."
    ),
    "canned": _l("Canned phrases without the customer's specific issue read as robotic."),
    "echo": _l("The reply mostly repeats the customer's own words back."),
    "invented": _l(
        "An offer or policy the brief does not contain: never promise what you cannot give."
    ),
    "blame": _l("Blaming the customer."),
    "facts-missing": _l("The reply does not state the fact from the brief that answers this."),
    "stray-figure": _l("A figure the brief does not contain: check numbers against the brief."),
    "next-step": _l("A next step with a time frame."),
    "no-time": _l("Say when the next step will happen."),
    "explained": _l("The facts answer it; saying what happens next would close it."),
    "private-only": _l("Moving to private is a start; say what you will do there."),
    "no-next-step": _l("Say what happens next and who does it."),
    "asked-personal-data": _l(
        "Personal data (order number, phone, email, card) was asked for in public: ask for it in"
        " private messages."
    ),
    "too-many-public": _l("More than two public replies in one thread: take it to private."),
    "not-moved-private": _l(
        "This needs private details: move the conversation to private messages."
    ),
    "shows-personal-data": _l("The reply shows an email address or a long number in public."),
    "banned-phrase": _l("A phrase the voice chart bans or that reads as cold and formal."),
    "length": _l("Outside the usual length for a reply on this platform."),
    "language": _l("Answer in the language the customer wrote in."),
    "not-escalated": _l("This needed to go to the right role and did not."),
    "wrong-role": _l("Escalated, but to the wrong role."),
    "needless-escalation": _l("Nothing here needed escalating; it takes a colleague's time."),
    "no-reply": _l("This message needed a written reply."),
}
HARD_FAILS: Labels = {
    "asked-personal-data": _l("Personal data asked for in public"),
    "safety-not-escalated": _l("A safety report not escalated"),
    "criticism-deleted": _l("Legitimate criticism deleted or its author blocked"),
}
ERRORS: Labels = {
    "action": _l("Choose an action from the list."),
    "role": _l("Choose who to escalate to."),
    "empty": _l("Write the reply before you send it."),
    "too-long": _l("The text is too long: keep it under 2,000 characters."),
    "handled": _l("This message has already been handled."),
    "stale": _l(
        "The simulated clock moved since this page was shown: check the time and send again."
    ),
    "not-approved": _l("Only an approved post can be paused."),
    "not-paused": _l("This post is not paused."),
}
SAVED = _l("Draft saved. Nothing is sent until you approve it.")
ALERTED = _l("Contact alerted. The time is recorded on the simulated clock.")
PAUSED = _l("Post paused: it will not be published until you resume it.")
RESUMED = _l(
    "Post resumed: it goes out at its slot, or at the next advance if the slot has passed."
)
