"""gunicorn.conf.py: the worker count follows WEB_CONCURRENCY, and each forked worker drops the
database connections it inherited from the master."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from gunicorn.config import Config
from sqlalchemy import text

from app.core.extensions import db

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def load_conf(monkeypatch: pytest.MonkeyPatch, web_concurrency: str | None) -> ModuleType:
    """Execute gunicorn.conf.py as gunicorn does, with WEB_CONCURRENCY set or unset."""
    if web_concurrency is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", web_concurrency)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", CONF)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_workers_follow_web_concurrency(monkeypatch):
    """WEB_CONCURRENCY sets the number of workers."""
    assert load_conf(monkeypatch, "3").workers == 3
    assert load_conf(monkeypatch, "7").workers == 7


def test_default_workers_are_two_per_core_plus_one_capped(monkeypatch):
    """Without WEB_CONCURRENCY: 2 x cores + 1, never more than the cap."""
    conf = load_conf(monkeypatch, None)
    assert conf.worker_count({}, cores=1) == 3
    assert conf.worker_count({}, cores=2) == 5
    assert conf.worker_count({}, cores=32) == conf.MAX_WORKERS
    assert conf.workers == conf.worker_count({})


def test_every_setting_is_one_gunicorn_accepts(monkeypatch):
    """Gunicorn's own validators accept each setting the file defines."""
    conf = load_conf(monkeypatch, "2")
    cfg = Config()
    names = [name for name in cfg.settings if hasattr(conf, name)]
    for name in names:
        cfg.set(name, getattr(conf, name))
    assert {"workers", "timeout", "accesslog", "preload_app", "post_fork"} <= set(names)
    assert cfg.workers == 2 and cfg.preload_app and cfg.accesslog == "-"


def test_post_fork_disposes_the_engine_without_closing_the_masters_connections(app, monkeypatch):
    """post_fork gives the worker a fresh pool and leaves the inherited connections open."""
    conf = load_conf(monkeypatch, None)
    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    inherited = engine.pool
    # Earlier tests on the shared session app may have pooled more connections than this one.
    pooled = inherited.checkedin()
    assert pooled >= 1
    worker = SimpleNamespace(app=SimpleNamespace(wsgi=lambda: app))
    conf.post_fork(SimpleNamespace(), worker)
    assert engine.pool is not inherited
    # close=False: closing would shut the socket the master (and its other children) still use.
    assert inherited.checkedin() == pooled
