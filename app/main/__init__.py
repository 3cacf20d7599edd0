"""Home page, privacy page, language switch and health checks."""

from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="templates")

from app.main import views  # noqa: E402,F401
