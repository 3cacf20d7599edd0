"""Verifiable credentials: Open Badges 3.0 issued with an eddsa-rdfc-2022 Data Integrity proof."""

# Modules that add routes to bp or register user data.
from app.credentials import userdata, views_learner  # noqa: F401
from app.credentials.views import bp

__all__ = ["bp"]
