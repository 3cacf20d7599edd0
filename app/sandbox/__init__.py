"""Practice sandbox: a simulated brand account (engine, rules, scenarios, pages)."""

# Modules that add routes to bp or register user data (and content checks) when imported.
from app.sandbox import (  # noqa: F401
    content,
    userdata,
    userdata_ab,
    views_ab,
    views_brief,
    views_plan,
    views_post,
)
from app.sandbox.views import bp

__all__ = ["bp"]
