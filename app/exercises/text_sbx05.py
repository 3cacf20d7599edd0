"""sbx-05 messages: every reason code and form-error code, worded for the result and work pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    # form errors (shown beside the field)
    "sbx05.date-missing": _l("Add the post's date, or clear the whole row."),
    "sbx05.date-format": _l("Write the date as year-month-day, for example 2027-02-18."),
    "sbx05.date-outside": _l("Choose a date inside the two-week launch window."),
    "sbx05.time-missing": _l("Add the post's time, or clear the whole row."),
    "sbx05.time-format": _l("Write the time as hours and minutes, for example 21:30."),
    "sbx05.platform-missing": _l("Choose the platform for this post."),
    "sbx05.platform-not-allowed": _l("Choose one of the platforms this brief allows."),
    "sbx05.choice-unknown": _l("Choose one of the options in the list."),
    # reasons
    "sbx05.empty": _l("The calendar has no posts, so there is nothing to score here."),
    "sbx05.scaled": _l(
        "Posts in the calendar: %(count)s; a two-week launch needs at least %(min)s. "
        "This check counts for %(count)s of %(min)s of its points."
    ),
    "sbx05.more": _l("…and %(count)s more like this."),
    "sbx05.goal-cta-share": _l(
        "Posts with both a goal and a call to action: %(hits)s of %(count)s."
    ),
    "sbx05.row-no-goal": _l("Post %(row)s has no goal."),
    "sbx05.row-no-cta": _l("Post %(row)s has no call to action."),
    "sbx05.fit-share": _l("Calls to action that fit their goal: %(hits)s of %(count)s."),
    "sbx05.row-cta-misfit": _l(
        "Post %(row)s: the call to action does not fit the goal “%(goal)s”. "
        "See the table of goals and the calls to action they need below."
    ),
    "sbx05.row-no-pair": _l("Post %(row)s needs both a goal and a call to action to be checked."),
    "sbx05.format-share": _l("Formats that exist on their platform: %(hits)s of %(count)s."),
    "sbx05.row-no-format": _l("Post %(row)s has no format."),
    "sbx05.row-format": _l("Post %(row)s: %(platform)s has no “%(format)s” format."),
    "sbx05.caption-share": _l(
        "Captions present and within the platform's limit: %(hits)s of %(count)s."
    ),
    "sbx05.row-caption-empty": _l("Post %(row)s has no caption draft."),
    "sbx05.row-caption-long": _l(
        "Post %(row)s on %(platform)s: caption length %(length)s, limit %(limit)s."
    ),
    "sbx05.row-title-long": _l(
        "Post %(row)s: the YouTube title (first line) has %(length)s characters, limit %(limit)s."
    ),
    "sbx05.band-ok": _l("%(platform)s, week %(week)s: %(count)s posts (band %(low)s–%(high)s)."),
    "sbx05.band-low": _l(
        "%(platform)s, week %(week)s: %(count)s posts, below the band %(low)s–%(high)s."
    ),
    "sbx05.band-high": _l(
        "%(platform)s, week %(week)s: %(count)s posts, above the band %(low)s–%(high)s."
    ),
    "sbx05.day-over": _l("%(date)s: %(count)s posts in one day (at most %(max)s)."),
    "sbx05.capacity-posts": _l("Team capacity, week %(week)s: posts %(count)s (at most %(max)s)."),
    "sbx05.capacity-videos": _l(
        "Team capacity, week %(week)s: video formats %(count)s (at most %(max)s, one person films)."
    ),
    "sbx05.promo-ok": _l("Promotional posts: %(percent)s%% (target %(low)s%%–%(high)s%%)."),
    "sbx05.promo-high": _l(
        "Promotional posts: %(percent)s%%, above the target %(low)s%%–%(high)s%%."
    ),
    "sbx05.promo-low": _l(
        "Promotional posts: %(percent)s%%, below the target %(low)s%%–%(high)s%%."
    ),
    "sbx05.pillar-missing.behind-the-bar": _l("The required pillar “Behind the bar” is not used."),
    "sbx05.pillar-missing.narjis-neighbours": _l(
        "The required pillar “Narjis neighbours” is not used."
    ),
    "sbx05.pillar-missing.ramadan-nights": _l("The required pillar “Ramadan nights” is not used."),
    "sbx05.pillar-missing.eid-together": _l(
        "The required pillar “Eid with the neighbours” is not used."
    ),
    "sbx05.pillar-missing.offers": _l("The required pillar “Offers and rewards” is not used."),
    "sbx05.teaser-ok": _l("There is a teaser before opening day (%(date)s)."),
    "sbx05.teaser-missing": _l("No teaser before opening day (%(date)s): build interest first."),
    "sbx05.launch-ok": _l("There is a post on opening day (%(date)s)."),
    "sbx05.launch-missing": _l("No post on opening day (%(date)s)."),
    "sbx05.active-share": _l("Posts in the audience's active hours: %(hits)s of %(count)s."),
    "sbx05.blocked-share": _l("Posts outside blocked windows: %(hits)s of %(count)s."),
    "sbx05.rewarded-share": _l(
        "Ramadan posts in the night window after Taraweeh: %(hits)s of %(count)s "
        "(half or more earns the full reward)."
    ),
    "sbx05.row-no-when": _l("Post %(row)s has no valid date and time in the window."),
    "sbx05.row-inactive": _l("Post %(row)s at %(time)s: few of the audience are online then."),
    "sbx05.row-blocked-food": _l(
        "Post %(row)s at %(time)s promotes food or drink during the fast "
        "(Fajr %(fajr)s to Maghrib %(maghrib)s): move it after iftar."
    ),
    "sbx05.row-blocked-iftar": _l(
        "Post %(row)s at %(time)s falls at iftar, when people are at the table."
    ),
    "sbx05.row-blocked-friday-prayer": _l("Post %(row)s at %(time)s falls during Friday prayer."),
    "sbx05.row-blocked-eid-prayer": _l(
        "Post %(row)s at %(time)s falls on the first morning of Eid (prayer and family visits)."
    ),
}
