"""Courses feature package."""

# Modules that add routes to bp or register user data when imported.
from app.courses import userdata  # noqa: F401
from app.courses.views import bp

__all__ = ["bp"]
