"""Portfolio themes from portfolio/themes/<id>/ (theme.yaml, page.html, theme.css)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader

ROOT = Path(__file__).resolve().parents[2] / "portfolio"
THEMES = ROOT / "themes"
DEFAULT = "classic"


@cache
def themes() -> Mapping[str, Mapping[str, Any]]:
    """Every theme's metadata by id, read once."""
    found = {}
    for folder in sorted(THEMES.iterdir()) if THEMES.is_dir() else []:
        meta = folder / "theme.yaml"
        if meta.is_file() and (folder / "page.html").is_file():
            with meta.open(encoding="utf-8") as fh:
                data = yaml.safe_load(fh)
            found[str(data["id"])] = data
    return found


def theme_of(theme_id: str) -> str:
    """A theme id that exists (the default otherwise)."""
    return theme_id if theme_id in themes() else DEFAULT


def init_themes(app: Flask) -> None:
    """Let templates load `themes/<id>/page.html` from the portfolio folder."""
    app.jinja_loader = ChoiceLoader([app.jinja_loader, FileSystemLoader(str(ROOT))])  # type: ignore[list-item]
