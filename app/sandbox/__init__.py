"""Practice sandbox: a simulated brand account (engine, rules, scenarios, pages)."""

from flask import Blueprint

bp = Blueprint("sandbox", __name__, template_folder="templates")

from app.sandbox import userdata, views, views_plan  # noqa: E402,F401
