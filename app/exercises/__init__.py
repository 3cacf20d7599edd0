"""Exercises: scored practice on seeded variants, written into the skill evidence log."""

# Modules that add routes to bp, register user data or content checks, or register scorers.
from app.exercises import data, kinds, userdata, views_report, views_work  # noqa: F401
from app.exercises.views import bp

__all__ = ["bp"]
