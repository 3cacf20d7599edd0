"""Skills feature package."""

from flask import Blueprint

bp = Blueprint("skills", __name__, template_folder="templates")

from app.skills import userdata, views  # noqa: E402,F401
