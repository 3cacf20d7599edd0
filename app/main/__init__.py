"""Home page, privacy page, language switch and health checks."""

from app.main.views import bp

__all__ = ["bp"]
