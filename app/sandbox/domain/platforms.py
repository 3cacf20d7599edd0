"""The six platforms, their post formats, and the goal list with the metric each is judged by.

One list for the composer, the calendar, the analytics and the lessons (sandbox.md,
"Post goals and the metric each is judged by"). Labels are translated where they are shown.
"""

from __future__ import annotations

PLATFORMS = ("facebook", "instagram", "linkedin", "x", "youtube", "tiktok")
FORMATS: dict[str, tuple[str, ...]] = {
    "facebook": ("feed", "reel", "story"),
    "instagram": ("feed", "carousel", "reel", "story"),
    "linkedin": ("feed", "document", "video"),
    "x": ("feed", "thread", "video"),
    "youtube": ("video", "short"),
    "tiktok": ("video", "photo"),
}
# goal → the metric it is judged by (a key of app.sandbox.domain.metrics.post_metrics)
GOALS: dict[str, str] = {
    "awareness": "reach",
    "engagement": "er_reach",
    "community": "comment_rate",
    "traffic": "ctr",
    "leads": "leads",
    "sales": "purchases",
    "visits": "store_actions",
}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ASPECTS = ("1:1", "4:5", "9:16", "16:9", "1.91:1")
# Platforms where text runs left to right or right to left is decided by the text itself
# (dir="auto"); the preview only needs to know the direction of the interface around it.
