"""Sandbox inbox: messages on the simulated clock, actions, and replies scored by the rubric."""

# Modules that register user data, the XSS harness's fields and the content check on import.
from app.inbox import content, userdata  # noqa: F401
from app.inbox.views import bp

__all__ = ["bp"]
