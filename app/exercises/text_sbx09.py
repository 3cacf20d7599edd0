"""sbx-09 "Trend desk" messages: every reason code and step error code, worded for the page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    # decisions
    "decision.match": _l("Card %(card)s: your decision matches the key."),
    "decision.partial": _l(
        "Card %(card)s: an acceptable alternative to the key; it earns %(credit)s of the card's "
        "points."
    ),
    "decision.wrong": _l(
        "Card %(card)s: the key makes the opposite call; see its rationale below."
    ),
    "decision.missing": _l("Card %(card)s: no decision was recorded, so it earns nothing."),
    # reason tags
    "tags.card": _l(
        "Card %(card)s: %(hits)s of your %(chosen)s reasons are among the %(gold)s gold reasons "
        "(F1 %(f1)s)."
    ),
    "tags.missing": _l("Card %(card)s: no decision, so no reasons to compare."),
    # concept timing
    "timing.none": _l("No concept was written, so there is no timing to score."),
    "timing.before-peak": _l(
        "The concept for card %(card)s was ready at desk minute %(at)s, before the peak at minute"
        " %(peak)s: full points."
    ),
    "timing.decay": _l(
        "The concept for card %(card)s was ready at desk minute %(at)s, after the peak at minute "
        "%(peak)s; points fall to 0 at minute %(ends)s, so it earns %(points)s."
    ),
    "timing.closed": _l(
        "The concept for card %(card)s came at desk minute %(at)s, when the window had closed "
        "(minute %(ends)s)."
    ),
    "concept.withdrawn": _l(
        "The concept is for card %(card)s, but your standing decision on that card is not go."
    ),
    # concept fields
    "fields.none": _l("No concept was written, so its fields earn nothing."),
    "fields.tie-in": _l("The brand tie-in names the brand or its product."),
    "fields.no-tie-in": _l("The brand tie-in does not name the brand or its product."),
    "fields.platform": _l("%(platform)s is a platform where the trend runs."),
    "fields.platform-off": _l(
        "%(platform)s is not where the trend runs (it runs on %(platforms)s)."
    ),
    "fields.format": _l("%(format)s is a format %(platform)s offers."),
    "fields.format-off": _l("%(platform)s has no %(format)s format."),
    "fields.cta": _l("The concept has a call to action."),
    "fields.no-cta": _l("No call to action was found: ask for one clear next step."),
    # hard fails
    "hardfail.tragedy": _l(
        "Card %(card)s is about a tragedy, and your go stood at submission: brand content in a "
        "tragedy exploits grief."
    ),
    "hardfail.news-exploitation": _l(
        "Card %(card)s rides a news story that harms people, and your go stood at submission."
    ),
    "hardfail.late-tragedy": _l(
        "Card %(card)s: a tragedy flag appeared after decision %(after)s. Your go came before it,"
        " but it still stood at submission: revisit a card when a flag appears."
    ),
    "hardfail.late-news-exploitation": _l(
        "Card %(card)s: a news-exploitation flag appeared after decision %(after)s. Your go came "
        "before it, but it still stood at submission: revisit a card when a flag appears."
    ),
    # step errors
    "desk.unknown-step": _l("That step is not one the desk knows. Use one of the forms below."),
    "desk.unknown-card": _l("That card is not on your desk."),
    "desk.card-closed": _l(
        "This trend's window has closed on the desk clock: the card takes no more decisions or "
        "concepts."
    ),
    "desk.no-choice": _l("Choose go or no-go."),
    "desk.no-tags": _l("Tick at least one reason for your decision."),
    "desk.concept-card": _l("Choose an open card you decided go on for the concept."),
    "desk.no-platform": _l("Choose a platform for the concept."),
    "desk.no-format": _l("Choose a format for the concept."),
    "desk.no-caption": _l("Write the caption of the concept."),
    "desk.too-many-steps": _l("The desk log is full. Submit your desk for scoring."),
}
