"""Operator pages: accounts, their sessions and progress, site numbers, the audit log."""

# Modules that add routes to bp or register user data when imported.
from app.admin import audit, views_ops  # noqa: F401
from app.admin.views import bp

__all__ = ["bp"]
