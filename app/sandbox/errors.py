"""The sandbox's named refusals: services raise them, views turn them into pages.

A SandboxError carries a code that `labels.ERRORS` explains to the learner; the not-found
errors become 404 (another learner's account does not exist for you) and a stale clock 409.
"""

from __future__ import annotations

from datetime import datetime


class SandboxError(ValueError):
    """A learner action the sandbox refuses, with a message for the page."""


class PostNotEditable(SandboxError):
    """The post is already published: it cannot be edited, reviewed or moved."""

    def __init__(self) -> None:
        """Use the "published" message."""
        super().__init__("published")


class StaleClock(SandboxError):
    """The page that asked to advance showed a clock that has moved since."""

    def __init__(self, shown: datetime, now: datetime) -> None:
        """Keep both clocks for the page that explains it."""
        super().__init__("stale")
        self.shown, self.now = shown, now


class SandboxNotFound(LookupError):
    """An account or post that is not the user's (or no longer exists)."""


class AccountNotFound(SandboxNotFound):
    """No such account for this user."""


class PostNotFound(SandboxNotFound):
    """No such post in this user's account."""
