"""The inbox's named refusals (codes the views explain); a missing item is a 404."""

from __future__ import annotations

from app.sandbox.errors import SandboxError, SandboxNotFound


class InboxError(SandboxError):
    """An inbox action refused, with a code for the page ("action", "role", "empty", ...)."""


class ItemNotFound(SandboxNotFound):
    """No such message in this account's inbox (or not arrived yet)."""
