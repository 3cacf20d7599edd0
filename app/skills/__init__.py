"""Skills feature package."""

# Modules that add routes to bp or register user data when imported.
from app.skills import userdata  # noqa: F401
from app.skills.views import bp

__all__ = ["bp"]
