"""Portfolio builder and public pages."""

from flask import Blueprint

bp = Blueprint("portfolio", __name__, template_folder="templates")


def _themes(state: object) -> None:
    """Theme templates live in portfolio/themes/, outside the package."""
    from app.portfolio.themes import init_themes

    init_themes(state.app)  # type: ignore[attr-defined]


bp.record_once(_themes)

from app.portfolio import (  # noqa: E402,F401
    userdata,
    userdata_items,
    views,
    views_edit,
    views_media,
    views_share,
)
