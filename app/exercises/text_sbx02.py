"""sbx-02 messages: every reason code and form-error code, worded for the learner."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    # Form errors
    "caption-missing": _l("Write the caption for this version."),
    "format-missing": _l("Choose the format of this version."),
    "format-not-allowed": _l("Choose one of the formats this platform offers."),
    "platform-missing": _l("Choose the platform of the fifth version."),
    # Platform rules
    "version-missing": _l("%(platform)s: this version is missing, so it earns nothing here."),
    "rules-ok": _l("%(platform)s: %(length)s of %(limit)s characters, and no rule broken."),
    "rules-length": _l(
        "%(platform)s: the version is %(actual)s characters long, over the limit of %(limit)s"
        " (rule %(rule)s). The platform would cut or refuse it, so it earns nothing here."
    ),
    "rules-length-soft": _l(
        "%(platform)s: %(actual)s characters, past the advised %(limit)s (rule %(rule)s)."
    ),
    "rules-hashtags": _l(
        "%(platform)s: hashtags: %(actual)s, over the cap of %(limit)s (rule %(rule)s)."
        " The platform would refuse the post, so this version earns nothing here."
    ),
    "rules-hashtags-soft": _l(
        "%(platform)s: hashtags: %(actual)s, past the advised %(limit)s (rule %(rule)s)."
    ),
    "rules-fold": _l(
        "%(platform)s: the first line is %(actual)s characters; only about %(limit)s show"
        " before «see more» (rule %(rule)s)."
    ),
    "rules-fold-soft": _l(
        "%(platform)s: the first line is %(actual)s characters; only about %(limit)s show"
        " before «see more» (rule %(rule)s)."
    ),
    "rules-link": _l(
        "%(platform)s: a link in the caption cannot be clicked there; point to the link in"
        " the bio instead (rule %(rule)s)."
    ),
    "rules-link-soft": _l(
        "%(platform)s: a link in the caption cannot be clicked there; point to the link in"
        " the bio instead (rule %(rule)s)."
    ),
    # Facts
    "wrong-language": _l(
        "%(platform)s: this version is not in the language the task asks for, so its facts"
        " and call to action are not counted."
    ),
    "facts-all": _l("%(platform)s: price, date and offer are all there."),
    "price-missing": _l("%(platform)s: the price is missing (%(price)s)."),
    "date-missing": _l("%(platform)s: the date is missing (%(date)s)."),
    "offer-missing": _l("%(platform)s: the offer is missing (%(offer)s)."),
    # Call to action
    "cta-found": _l("%(platform)s: a call to action that fits %(goal)s: «%(phrase)s»."),
    "cta-other-goal": _l(
        "%(platform)s: the call to action asks for a step that does not serve %(goal)s."
    ),
    "cta-missing": _l("%(platform)s: no call to action for %(goal)s was found."),
    # Format
    "format-recommended": _l("%(platform)s: %(format)s is the format recommended for this goal."),
    "format-allowed": _l(
        "%(platform)s: %(format)s is allowed, but %(formats)s suits this goal better."
    ),
    "format-unknown": _l("%(platform)s: no format this platform offers was chosen."),
    # Hashtags
    "band-in": _l("%(platform)s: hashtags: %(count)s (band %(low)s–%(high)s)."),
    "band-out": _l("%(platform)s: hashtags: %(count)s, outside the band %(low)s–%(high)s."),
    # Adaptation
    "adapted": _l(
        "Pairs of versions adapted: %(good)s of %(pairs)s. The closest pair is %(platforms)s,"
        " with a word 3-gram overlap of %(overlap)s%% (it must stay below 50%%)."
    ),
    "pasted": _l(
        "%(platform)s: this version is almost only the card's fields and stock calls to"
        " action; write it in your own words."
    ),
    # Register
    "emoji-ok": _l("%(platform)s: longest emoji run: %(run)s (at most %(limit)s)."),
    "emoji-run": _l("%(platform)s: longest emoji run: %(run)s, more than %(limit)s."),
    "li-pasted": _l(
        "%(platform)s: the version is missing or only pastes the card, so its register"
        " cannot be judged."
    ),
    "hook-ok": _l("%(platform)s: the on-screen hook has %(count)s words (at most %(limit)s)."),
    "hook-empty": _l("%(platform)s: the on-screen hook is empty."),
    "hook-long": _l("%(platform)s: the on-screen hook has %(count)s words, over %(limit)s."),
    "hook-pasted": _l(
        "%(platform)s: the on-screen hook only repeats the card or a stock call to action."
    ),
}
