"""House rules a machine can check: pure layers stay pure, modules stay small, docstrings exist."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
IMPURE = ("flask", "flask_", "sqlalchemy", "app.core.extensions", "werkzeug")


def pure_modules():
    """domain.py files and the content package."""
    return [*APP.glob("*/domain.py"), *(APP / "content").glob("**/*.py")]


def imports(path):
    """Top-level module names imported by a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_pure_modules_import_no_framework():
    """domain.py and app/content import nothing from Flask, SQLAlchemy or app.extensions."""
    assert pure_modules(), "no pure modules found"
    bad = [(p.name, m) for p in pure_modules() for m in imports(p) if m.startswith(IMPURE)]
    assert not bad, bad


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
