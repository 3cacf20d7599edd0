"""Portfolio builder and public pages."""

from flask import Blueprint

bp = Blueprint("portfolio", __name__, template_folder="templates")

from app.portfolio import userdata, views, views_share  # noqa: E402,F401
