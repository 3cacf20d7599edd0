"""Sandbox inbox: messages on the simulated clock, actions, and replies scored by the rubric."""

# Modules that register user data (and the XSS harness's fields) when imported.
from app.inbox import userdata  # noqa: F401
from app.inbox.views import bp

__all__ = ["bp"]
