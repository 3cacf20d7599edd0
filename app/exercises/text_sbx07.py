"""sbx-07 messages: every reason and form-error code, and the names of sections, rule
categories, decisions and borderline kinds, worded for the work and result pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SECTION_NAMES = {
    "purpose": _l("Purpose"),
    "allowed": _l("What is allowed"),
    "not-allowed": _l("What is not allowed"),
    "consequences": _l("Consequences"),
    "report": _l("How to report"),
    "privacy": _l("Privacy"),
}
SECTION_HINTS = {
    "purpose": _l("Who the space is for and why it exists, in one or two sentences."),
    "allowed": _l("What you want to see, put positively; polite criticism included."),
    "not-allowed": _l("Specific examples, not vague words."),
    "consequences": _l("The published ladder: hide and remind, warn, block."),
    "report": _l("How members flag a problem, and when they get an answer."),
    "privacy": _l("Phone numbers, addresses and other people's photos."),
}
CATEGORY_NAMES = {
    "insults-harassment": _l("Insults and harassment"),
    "hate": _l("Hate speech"),
    "spam-promotion": _l("Spam and promotion"),
    "personal-data": _l("Personal data"),
    "misinformation": _l("Misinformation"),
    "off-topic": _l("Off-topic"),
    "violence-threats": _l("Violence and threats"),
    "impersonation": _l("Impersonation"),
    "none": _l("Breaks no rule"),
}
DECISION_NAMES = {
    "keep": _l("Keep"),
    "reply": _l("Reply"),
    "hide": _l("Hide"),
    "delete": _l("Delete"),
    "block": _l("Block"),
    "escalate": _l("Escalate"),
}
KIND_NAMES = {
    "sarcasm": _l("Sarcasm"),
    "coded-insult": _l("A coded insult"),
    "covert-promotion": _l("A competitor's covert promotion"),
}
NAMES = {
    "section": SECTION_NAMES,
    "label": CATEGORY_NAMES,
    "category": CATEGORY_NAMES,
    "decision": DECISION_NAMES,
    "gold": DECISION_NAMES,
    "kind": KIND_NAMES,
    "section-hint": SECTION_HINTS,
}

MESSAGES = {
    # form errors (shown beside the field)
    "sbx07.choice-unknown": _l("Choose one of the options in the list."),
    "sbx07.rule-no-category": _l("Choose the category this rule belongs to, or clear the rule."),
    "sbx07.rule-no-text": _l("Write the rule, or clear its category."),
    "sbx07.decision-missing": _l("Choose a decision for this comment."),
    # guideline sections
    "sections.filled": _l("%(section)s: written (words: %(words)s)."),
    "sections.empty": _l("%(section)s: not written."),
    "sections.short": _l(
        "%(section)s: too short to count (real words: %(words)s; it needs %(min)s). Write at "
        "least one full sentence."
    ),
    "sections.repeated": _l(
        "%(section)s: the same few words repeated do not count. Say what the section needs."
    ),
    # welcome post
    "welcome.empty": _l("No welcome post was written."),
    "welcome.no-question": _l("The welcome post asks no question: end it with an open question."),
    "welcome.not-at-end": _l(
        "The question is not at the end: %(words)s words follow it. End the post with the "
        "question so members answer it."
    ),
    "welcome.open": _l("The welcome post ends with an open question (“%(word)s”)."),
    "welcome.yes-no": _l(
        "The closing question can be answered with yes or no, which ends the conversation in "
        "one word. Ask what, how or which instead."
    ),
    "welcome.not-open": _l(
        "The closing question has no open question word (what, how, which, why…), so it is "
        "not counted as open."
    ),
    # decisions
    "decision.match": _l("Comment %(comment)s: %(decision)s matches the key."),
    "decision.partial": _l(
        "Comment %(comment)s: %(decision)s is an acceptable alternative to %(gold)s; it earns "
        "%(credit)s of the comment's points."
    ),
    "decision.wrong": _l(
        "Comment %(comment)s: %(decision)s is not acceptable here; the key says %(gold)s. See "
        "its rationale below."
    ),
    "decision.missing": _l("Comment %(comment)s: no decision, so it earns nothing."),
    # consistency
    "consistency.fits": _l(
        "Comment %(comment)s: your rule %(rule)s (%(category)s) fits this comment."
    ),
    "consistency.no-rule-needed": _l(
        "Comment %(comment)s: none of your rules covers it, so citing no rule is consistent."
    ),
    "consistency.never-written": _l(
        "Comment %(comment)s: you cited rule %(rule)s, but your guidelines have no rule "
        "%(rule)s. A decision must rest on a rule you wrote, so this comment earns nothing here."
    ),
    "consistency.misfit": _l(
        "Comment %(comment)s: your rule %(rule)s is about %(category)s, but this comment is "
        "%(label)s."
    ),
    "consistency.action-without-rule": _l(
        "Comment %(comment)s: %(decision)s cites no rule. Acting against a comment needs one "
        "of your written rules."
    ),
    "consistency.rule-ignored": _l(
        "Comment %(comment)s: your rule %(rule)s covers this comment (%(label)s), yet the "
        "decision cites no rule."
    ),
    "consistency.missing": _l("Comment %(comment)s: no decision, so nothing to check."),
}
