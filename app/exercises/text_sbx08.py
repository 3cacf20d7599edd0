"""sbx-08 "Crisis drill" messages: every reason code and step error code, worded for the page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.inbox.labels import ACTION_NAMES, CRITERIA

MESSAGES = {
    # the promotional post
    "pause.before": _l(
        "You paused the promotional post at desk minute %(at)s, before it was due at minute "
        "%(promo)s."
    ),
    "pause.late": _l(
        "Your pause finished at desk minute %(at)s, but the post went out at minute %(promo)s: "
        "pause first, then alert and write."
    ),
    "pause.none": _l("The promotional post due at desk minute %(promo)s was never paused."),
    # the escalation contact
    "alert.before": _l(
        "You alerted the escalation contact at desk minute %(at)s, before the first public "
        "statement at minute %(public)s."
    ),
    "alert.no-public": _l(
        "You alerted the escalation contact at desk minute %(at)s; nothing went public before it."
    ),
    "alert.after": _l(
        "You alerted the escalation contact at desk minute %(at)s, after the first public "
        "statement at minute %(public)s: management must hear before the public does."
    ),
    "alert.wrong": _l(
        "You alerted %(count)s contacts, but not the escalation contact the brand names for a "
        "crisis; see the key below."
    ),
    "alert.none": _l("Nobody was alerted: the escalation contact heard nothing from you."),
    # the holding statement
    "statement.none": _l("No holding statement was written."),
    "statement.unpublished": _l(
        "The holding statement was never published, so it earns half: a statement helps only "
        "once people can read it."
    ),
    "statement.acknowledge": _l("It acknowledges the issue."),
    "statement.no-acknowledge": _l(
        "It does not acknowledge the issue: start by saying you know about it."
    ),
    "statement.known": _l("It says what is known, with the confirmed facts."),
    "statement.known-general": _l(
        "It announces what is known but gives none of the confirmed facts."
    ),
    "statement.no-known": _l("It does not say what is known."),
    "statement.doing": _l("It says what is being done."),
    "statement.doing-general": _l(
        "It says something is being done, but not the step that has started."
    ),
    "statement.no-doing": _l("It does not say what is being done."),
    "statement.next-update": _l("It says when the next update comes."),
    "statement.next-update-general": _l(
        "It promises an update but not when: give the time from the crisis facts."
    ),
    "statement.no-next-update": _l("It does not say when the next update comes."),
    "statement.no-speculation": _l("It does not speculate."),
    "statement.no-no-speculation": _l(
        "It speculates about causes or outcomes: say only what is confirmed."
    ),
    "statement.no-blame": _l("It blames nobody."),
    "statement.no-no-blame": _l(
        "It blames someone (an employee, a supplier, a courier or a customer): that reads as "
        "dodging."
    ),
    "statement.word-limit": _l("It has %(words)s words, within the limit of %(limit)s."),
    "statement.no-word-limit": _l("It has %(words)s words, over the limit of %(limit)s."),
    # the first replies
    "reply.full": _l("Mention %(n)s: the reply scores %(points)s of 100 by the reply rubric."),
    "reply.scored": _l(
        "Mention %(n)s: the reply scores %(points)s of 100 by the reply rubric; weakest: %(weak)s."
    ),
    "reply.no-key-facts": _l(
        "Mention %(n)s: the reply repeats none of the crisis key facts, so it counts 0 (the "
        "rubric alone gave %(points)s)."
    ),
    "reply.missing": _l("Mention %(n)s: no reply, so it counts 0."),
    # the journalist
    "journalist.spokesperson": _l("The journalist was routed to the spokesperson."),
    "journalist.other-role": _l(
        "The journalist was escalated, but not to the spokesperson: only the spokesperson "
        "speaks to the press."
    ),
    "journalist.replied": _l(
        "You answered the journalist yourself: route every journalist to the spokesperson."
    ),
    "journalist.none": _l("The journalist's message was left without an answer or a route."),
    # hard fails
    "hardfail.promo-out": _l(
        "The promotional post went out at desk minute %(promo)s, in the middle of the crisis."
    ),
    "hardfail.promo-scheduled": _l(
        "The promotional post was still scheduled for desk minute %(promo)s when you submitted: "
        "it would go out during the crisis."
    ),
    "hardfail.reply-asked-personal-data": _l(
        "Mention %(n)s: personal data was asked for in public."
    ),
    "hardfail.reply-safety-not-escalated": _l("Mention %(n)s: a safety report was not escalated."),
    "hardfail.reply-criticism-deleted": _l(
        "Mention %(n)s: legitimate criticism was deleted or its author blocked."
    ),
    # step errors
    "desk.unknown-step": _l("That step is not one the desk knows. Use one of the forms below."),
    "desk.too-many-steps": _l("The desk log is full. Submit your desk for scoring."),
    "desk.already-paused": _l("The promotional post is already paused."),
    "desk.promo-out": _l("The promotional post has already gone out: it cannot be paused now."),
    "desk.no-contact": _l("Choose who to alert."),
    "desk.no-statement": _l("Write the holding statement before you save or publish it."),
    "desk.unknown-mention": _l("That mention is not on your desk."),
    "desk.not-arrived": _l("That message has not arrived yet on the desk clock."),
    "desk.answered": _l("You have already answered this mention."),
    "desk.no-action": _l("Choose an action for this mention."),
    "desk.no-role": _l("Choose the role to escalate to."),
    "desk.no-reply-text": _l("Write the reply before you send it."),
    "desk.routed": _l("You have already handled the journalist's message."),
    "desk.no-route": _l("Choose how to handle the journalist's message."),
}
NAMES = {"weak": {k: v[0] for k, v in CRITERIA.items()}, "action": ACTION_NAMES}
