"""Accounts: registration, sign-in, sessions, settings, export and deletion."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="templates")

from app.accounts import settings_views, userdata, views  # noqa: E402,F401
