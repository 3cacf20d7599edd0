"""What the portfolio's services refuse, by name; the views turn each into a status code."""

from __future__ import annotations


class PortfolioError(ValueError):
    """A change the portfolio refuses, with a short code for the page."""


class PortfolioNotFound(LookupError):
    """No portfolio at this address or id (404)."""


class PortfolioGone(LookupError):
    """The address belonged to a deleted portfolio and is never reused (410)."""


class NotYours(LookupError):
    """An item, case study or link that does not exist or is another learner's (404 either way)."""
