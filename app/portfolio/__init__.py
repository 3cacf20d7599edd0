"""Portfolio builder and public pages."""

from app.portfolio.views import bp


def _themes(state: object) -> None:
    """Theme templates live in portfolio/themes/, outside the package."""
    from app.portfolio.themes import init_themes

    init_themes(state.app)  # type: ignore[attr-defined]


bp.record_once(_themes)

# Modules that add routes to bp or register user data when imported.
from app.portfolio import userdata, userdata_items, views_edit, views_media, views_share  # noqa: E402,F401

__all__ = ["bp"]
