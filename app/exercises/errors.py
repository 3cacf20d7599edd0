"""The exercise engine's named refusals: services raise them, views turn them into pages."""

from __future__ import annotations


class ExerciseError(ValueError):
    """A learner action the engine refuses; the code names the message the page shows."""


class AttemptNotFound(LookupError):
    """An attempt that is not the user's (or no longer exists): a 404 for them."""


class NotTakeable(ExerciseError):
    """The exercise has no scorer yet, or the condition is not one of its conditions."""

    def __init__(self) -> None:
        """Use the "not takeable" message."""
        super().__init__("not-takeable")


class AlreadySubmitted(ExerciseError):
    """The attempt was submitted: its answers can no longer change."""

    def __init__(self) -> None:
        """Use the "submitted" message."""
        super().__init__("submitted")
