"""Quizzes feature package."""

# Modules that add routes to bp or register user data when imported.
from app.quizzes import userdata  # noqa: F401
from app.quizzes.views import bp

__all__ = ["bp"]
