"""House rules a machine can check: pure layers stay pure, modules stay small, docstrings exist."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from layering import http_free_modules, http_uses, query_uses, rel, web_modules

APP = Path(__file__).resolve().parents[2] / "app"
FRAMEWORKS = ("flask", "flask_", "sqlalchemy", "werkzeug", "jinja2", "psycopg", "redis")

# Pure modules outside domain.py / domain/ / app/content: rules and file formats that need no
# Flask and no database (each is tested without an app).
NAMED_PURE = (
    "portfolio/resume.py",
    "portfolio/images.py",
    "portfolio/shareimage.py",
    "portfolio/text.py",
    "portfolio/contact.py",
    "quizzes/display.py",
    "skills/radar.py",
    "core/backup/archive.py",
    "core/manifest.py",
)


def pure_modules() -> list[Path]:
    """Every domain.py, every module of a domain/ package, app/content and the named modules."""
    found = {
        *APP.glob("*/domain.py"),
        *APP.glob("*/domain/**/*.py"),
        *(APP / "content").glob("**/*.py"),
        *(APP / name for name in NAMED_PURE),
    }
    return sorted(found)


def module_file(name: str) -> Path | None:
    """The file of an `app.…` module or package, or None when the name is not a module."""
    parts = name.split(".")[1:]
    base = APP.joinpath(*parts) if parts else APP
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source: str) -> Iterator[str]:
    """Dotted names a source imports, at any depth (`from a import b` gives a and a.b)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def impurities(source: str, pure: set[Path]) -> list[str]:
    """What a would-be pure module imports that it must not: a framework, or an app module
    that is not pure itself (the database module, any models, services, views, extensions)."""
    bad = []
    for name in imported_modules(source):
        if name.split(".")[0] in FRAMEWORKS or name.startswith(FRAMEWORKS):
            bad.append(name)
        elif name == "app" or name.startswith("app."):
            path = module_file(name)
            if path is None and "." in name and module_file(name.rsplit(".", 1)[0]):
                continue  # `from app.x.domain import thing`: an attribute, its module is checked
            if path is None or path not in pure:
                bad.append(name)
    return bad


def test_pure_modules_import_no_framework_and_no_database():
    """Pure modules import no Flask, SQLAlchemy or database, no models, only other pure modules."""
    pure = set(pure_modules())
    assert APP / "sandbox/domain/engine.py" in pure and APP / "skills/domain.py" in pure
    missing = [name for name in NAMED_PURE if not (APP / name).is_file()]
    assert not missing, missing
    bad = {
        str(path.relative_to(APP)): found
        for path in pure
        if (found := impurities(path.read_text(encoding="utf-8"), pure))
    }
    assert not bad, bad


def test_purity_check_catches_framework_database_and_models():
    """The checker itself flags Flask, the database module, a models module and a service."""
    pure = set(pure_modules())
    for source in (
        "import flask",
        "from flask import request",
        "from sqlalchemy import select",
        "from app.core.db import write_unit",
        "from app.core import db",
        "from app.core.extensions import db",
        "from app.sandbox.models import SandboxPost",
        "from app.portfolio import models",
        "from app.sandbox import services",
        "def f():\n    from app.skills.models import SkillState\n",
    ):
        assert impurities(source, pure), source
    assert not impurities("from app.sandbox.domain.engine import simulate", pure)
    assert not impurities("from app.content.normalize import normalize", pure)


def test_content_loading_imports_no_feature():
    """`flask content check` and start-up run registered checks: they import no feature."""
    features = {p.parent.name for p in APP.glob("*/views.py")}
    for name in ("content_cli.py", "content_runtime.py"):
        source = (APP / name).read_text(encoding="utf-8")
        used = {m.split(".")[1] for m in imported_modules(source) if m.startswith("app.")}
        assert not used & features, (name, used & features)


def test_modules_stay_small():
    """No module under app/ grows past 400 lines."""
    big = [
        (p.relative_to(APP), n)
        for p in APP.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 400
    ]
    assert not big, big


def test_public_functions_have_docstrings():
    """Every public function and class in app/ has a docstring."""
    missing = []
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            public = isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith(
                "_"
            )
            if public and ast.get_docstring(node) is None:
                missing.append(f"{path.relative_to(APP)}:{node.lineno} {node.name}")
    assert not missing, missing


def test_models_never_commit():
    """Models hold data and invariants only: no commit calls in models.py files."""
    offenders = [p for p in APP.rglob("models.py") if ".commit(" in p.read_text()]
    assert not offenders, offenders


def test_blueprints_are_defined_in_views():
    """Each feature's blueprint is made in its views.py; the package only re-exports it."""
    for init in APP.glob("*/__init__.py"):
        source = init.read_text(encoding="utf-8")
        assert "Blueprint(" not in source, init.relative_to(APP)
        if "import bp" in source:
            assert (init.parent / "views.py").is_file()
            assert "Blueprint(" in (init.parent / "views.py").read_text(encoding="utf-8")


# Services speak no HTTP and views run no queries (house style 5): the scanners live in
# tests/layering.py, which says where the line between the two layers runs.


def test_the_split_covers_services_domain_and_the_cleaned_modules():
    """Every services.py, domain.py and domain/ module is checked, and so is each cleaned one."""
    checked = {rel(p) for p in http_free_modules()}
    layered = {
        rel(p)
        for p in APP.rglob("*.py")
        if p.name in ("services.py", "domain.py") or "domain" in p.relative_to(APP).parts[:-1]
    }
    assert layered, "no services or domain modules found"
    assert layered <= checked, sorted(layered - checked)
    cleaned = {
        "accounts/services.py",
        "accounts/lifecycle.py",
        "accounts/mail.py",
        "admin/services.py",
        "portfolio/services.py",
        "portfolio/sharing.py",
        "portfolio/editing.py",
        "portfolio/stats.py",
        "portfolio/read.py",
        "portfolio/mail.py",
        "portfolio/errors.py",
        "skills/services.py",
    }
    assert cleaned <= checked, sorted(cleaned - checked)


def test_services_and_pure_modules_speak_no_http():
    """No abort/request/redirect/flash/render_template/session/current_user outside the web layer."""
    offenders = {rel(p): sorted(uses) for p in http_free_modules() if (uses := http_uses(p))}
    assert not offenders, offenders


def test_views_run_no_queries():
    """Views and page helpers call read functions; they import no SQLAlchemy and touch no db."""
    assert web_modules(), "no views found"
    offenders = {rel(p): sorted(uses) for p in web_modules() if (uses := query_uses(p))}
    assert not offenders, offenders


def test_the_checks_see_what_they_look_for(tmp_path):
    """The scanners find abort, a flask.request attribute, werkzeug's NotFound and db.session."""
    sample = tmp_path / "services.py"
    sample.write_text(
        "import flask\n"
        "from flask import abort as stop, current_app\n"
        "from flask_login import current_user\n"
        "from werkzeug.exceptions import NotFound\n"
        "from app.core.extensions import db\n"
        "x = flask.request.args\n"
        "y = services.db.session.get(1)\n"
    )
    assert http_uses(sample) == {
        "abort",
        "current_user",
        "flask.request",
        "werkzeug.exceptions",
    }
    assert query_uses(sample) == {"app.core.extensions.db", "db.session"}
