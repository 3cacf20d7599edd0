"""Scanners for the layering rules: services speak no HTTP and views run no queries.

The application splits in two. The web layer (views and the helpers that draw their pages)
reads the request, flashes, redirects and renders. Everything else under a feature package
(services, domain, read, mail, editing, sharing, stats, ...) takes plain arguments and
returns values or raises named errors, so it can be called from a CLI command, a test or
another service without a request. `app/core/` is the infrastructure both sides stand on.
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"

# Names that only make sense while answering a request.
FORBIDDEN = {
    "flask": {
        "abort",
        "request",
        "redirect",
        "flash",
        "render_template",
        "render_template_string",
        "session",
        "url_for",
        "make_response",
        "jsonify",
        "send_file",
    },
    "flask_login": {"current_user", "login_user", "logout_user"},
}
# Raising werkzeug's NotFound from a service is abort() by another name.
FORBIDDEN_MODULES = ("werkzeug.exceptions",)

# Infrastructure: app/core/ (errors.py renders error pages, mail.py mail bodies) and the factory.
INFRASTRUCTURE = ("core/", "__init__.py")


def rel(path: Path) -> str:
    """A module's path under app/, with forward slashes."""
    return path.relative_to(APP).as_posix()


def is_web(path: Path) -> bool:
    """Whether a module is the web layer: views and the helpers that draw their pages."""
    name = path.name
    return name in ("views.py", "settings_views.py", "page.py", "home.py") or name.startswith(
        "views_"
    )


def is_infrastructure(path: Path) -> bool:
    """Whether a module is app/core/ or the factory (app/__init__.py)."""
    relative = rel(path)
    return relative.startswith(INFRASTRUCTURE[0]) or relative == INFRASTRUCTURE[1]


def http_free_modules() -> list[Path]:
    """Every module that is neither web layer nor infrastructure: services, domain and the rest."""
    return [p for p in sorted(APP.rglob("*.py")) if not is_web(p) and not is_infrastructure(p)]


def web_modules() -> list[Path]:
    """The views and page helpers."""
    return [p for p in sorted(APP.rglob("*.py")) if is_web(p)]


def http_uses(path: Path) -> set[str]:
    """Request-only names a module imports or reaches through `flask.` / `flask_login.`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            if node.module.startswith(FORBIDDEN_MODULES):
                found.add(node.module)
            elif root in FORBIDDEN:  # also flask.globals, flask.helpers, ...
                found |= {a.name for a in node.names if a.name in FORBIDDEN[root]}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(FORBIDDEN_MODULES)}
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.attr in FORBIDDEN.get(node.value.id, set())
        ):
            found.add(f"{node.value.id}.{node.attr}")
    return found


def query_uses(path: Path) -> set[str]:
    """Signs that a module queries the database itself: SQLAlchemy imports or `db.session`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "sqlalchemy":
                found.add(node.module)
            elif node.module == "app.core.extensions" and any(a.name == "db" for a in node.names):
                found.add("app.core.extensions.db")
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "sqlalchemy"}
        elif isinstance(node, ast.Attribute) and node.attr in ("session", "engine"):
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if name == "db":
                found.add(f"db.{node.attr}")
    return found
