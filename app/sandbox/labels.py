"""Translated names for the sandbox's codes (platforms, goals, factors, statuses, metrics)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

PLATFORM_NAMES = {
    "facebook": _l("Facebook"),
    "instagram": _l("Instagram"),
    "linkedin": _l("LinkedIn"),
    "x": _l("X"),
    "youtube": _l("YouTube"),
    "tiktok": _l("TikTok"),
}
FORMAT_NAMES = {
    "feed": _l("Feed post"),
    "reel": _l("Reel"),
    "story": _l("Story"),
    "carousel": _l("Carousel"),
    "document": _l("Document"),
    "video": _l("Video"),
    "thread": _l("Thread"),
    "short": _l("Short"),
    "photo": _l("Photo post"),
}
GOAL_NAMES = {
    "awareness": _l("Awareness"),
    "engagement": _l("Engagement"),
    "community": _l("Community"),
    "traffic": _l("Traffic to the website"),
    "leads": _l("Leads"),
    "sales": _l("Sales"),
    "visits": _l("Store visits"),
}
METRIC_NAMES = {
    "reach": _l("Reach"),
    "er_reach": _l("Engagement rate by reach = engagements ÷ reach × 100"),
    "er_impressions": _l("Engagement rate by impressions = engagements ÷ impressions × 100"),
    "er_followers": _l("Engagement rate by followers = engagements ÷ followers × 100"),
    "ctr": _l("Click-through rate = clicks ÷ impressions × 100"),
    "comment_rate": _l("Conversation rate = comments ÷ reach × 100"),
    "leads": _l("Leads (estimate) = clicks × 8%"),
    "purchases": _l("Purchases (estimate) = clicks × 3%"),
    "store_actions": _l("Store actions (estimate) = (clicks + saves) × 10%"),
}
STATUS_NAMES = {
    "draft": _l("Draft"),
    "submitted": _l("Waiting for approval"),
    "returned": _l("Sent back"),
    "approved": _l("Approved"),
    "paused": _l("Paused"),
    "published": _l("Published"),
}
FACTOR_NAMES = {
    "base_reach": _l(
        "Base reach: the share of followers an ordinary post reaches on this platform and format"
    ),
    "time": _l("Timing: how much of the audience is online at this hour"),
    "fit": _l("Fit: how much the personas care about this pillar on this platform"),
    "calendar": _l("Local calendar: a blocked or rewarded window"),
    "quality": _l("Quality: each rule warning costs a little"),
    "voice": _l("Brand voice: words the voice chart rules out"),
    "trend": _l("Trend: riding a trend in its window lifts results; a risky trend costs"),
    "fatigue": _l("Fatigue: more than one post on this platform within 24 hours"),
    "chance": _l("Chance: the seeded variation every real post has"),
}
VERDICTS = {"above": _l("above"), "at": _l("at"), "below": _l("below")}
ERRORS = {
    "status": _l("That step does not fit the post's current status."),
    "errors": _l("Fix the errors first: the platform would reject this post."),
    "comment": _l("Say what to change: a comment is needed to send a post back."),
    "past": _l("Choose a time after the account's current simulated time."),
    "published": _l("A published post cannot be changed."),
    "unscheduled": _l("Schedule the post first."),
    "hours": _l("Advance by 1 hour to 31 days."),
    "unpublished": _l("Only a published post can be replayed."),
    "window": _l("Choose a time in the same week that has already passed on the clock."),
    "unknown scenario": _l("Choose one of the scenarios."),
}


def rule_text(v: Any) -> str:
    """A violation explained in the learner's language, with the figures."""
    from flask_babel import gettext as _

    messages = {
        "text_max": _(
            "The text takes %(actual)d bytes (an Arabic letter takes two); the limit is "
            "%(limit)d bytes.",
            actual=v.actual,
            limit=v.limit,
        )
        if getattr(v, "count", "") == "bytes"
        else _(
            "The text counts %(actual)d characters; the limit is %(limit)d.",
            actual=v.actual,
            limit=v.limit,
        ),
        "hashtags_max": _(
            "%(actual)d hashtags; at most %(limit)d here.", actual=v.actual, limit=v.limit
        ),
        "media_max": _(
            "%(actual)d media items; at most %(limit)d here.", actual=v.actual, limit=v.limit
        ),
        "media_min": _("This post type needs at least %(limit)d image or video.", limit=v.limit),
        "aspect": _("This post type works best in another aspect ratio."),
        "link_in_text": _(
            "Links in the text are not clickable here: point to the link in the bio instead."
        ),
        "fold": _(
            "The first line has %(actual)d characters: only about %(limit)d show "
            "before «see more».",
            actual=v.actual,
            limit=v.limit,
        ),
        "title_max": _(
            "The title (first line) has %(actual)d characters; the limit is %(limit)d.",
            actual=v.actual,
            limit=v.limit,
        ),
        "alt_text": _("Add alt text so people using screen readers know what the image shows."),
        "cta_for_goal": _("This goal needs the reader to act: add a call to action."),
        "hook_words": _(
            "The on-screen hook has %(actual)d words; keep it to %(limit)d or fewer so it "
            "can be read in the first seconds.",
            actual=v.actual,
            limit=v.limit,
        ),
    }
    return str(messages.get(v.check, v.rule))
