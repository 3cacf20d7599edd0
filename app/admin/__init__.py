"""Operator pages: list accounts and end a user's sessions."""

from app.admin.views import bp

__all__ = ["bp"]
