"""Accounts: registration, sign-in, sessions, settings, export and deletion."""

# Modules that add routes to bp or register user data when imported.
from app.accounts import settings_views, userdata  # noqa: F401
from app.accounts.views import bp

__all__ = ["bp"]
