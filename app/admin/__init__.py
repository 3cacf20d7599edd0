"""Operator pages: list accounts and end a user's sessions."""

from flask import Blueprint

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/admin")

from app.admin import views  # noqa: E402,F401
