"""`flask content check`: passes on the repository, fails with file:line on broken fixtures."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from app.content.library import load_library

HERE = Path(__file__).parent
BROKEN = sorted(p.name for p in (HERE / "broken").iterdir() if p.is_dir())


def build(tmp_path: Path, name: str) -> Path:
    """The valid fixture tree with one broken fixture laid over it."""
    root = tmp_path / name
    shutil.copytree(HERE / "valid", root)
    fixture = HERE / "broken" / name
    for path in fixture.rglob("*"):
        if path.is_file() and path.name not in ("expect.txt", "delete.txt"):
            target = root / path.relative_to(fixture)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    deleted = fixture / "delete.txt"
    for rel in deleted.read_text().split() if deleted.exists() else []:
        (root / rel).unlink()
    return root


def test_valid_fixture_has_no_problems():
    """Control: the fixture tree the broken cases start from is valid (on a day when its
    fact was checked less than a year before)."""
    _, problems = load_library(HERE / "valid", today=date(2026, 6, 1))
    assert not problems.items, [str(p) for p in problems.items]


def test_there_are_at_least_15_broken_fixtures():
    """The acceptance floor: 15 broken fixtures."""
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("name", BROKEN)
def test_broken_fixture_is_reported_with_file_and_line(tmp_path, name):
    """Each broken fixture yields its expected `file:line: message`."""
    expected = (HERE / "broken" / name / "expect.txt").read_text(encoding="utf-8").strip()
    _, problems = load_library(build(tmp_path, name))
    reported = [str(p) for p in problems.errors]
    assert any(line.startswith(expected) for line in reported), reported


def test_cli_fails_on_a_broken_tree_and_passes_on_a_valid_one(app, tmp_path):
    """The command exits 1 and prints file:line for a broken tree, 0 for a valid one."""
    runner = app.test_cli_runner()
    bad = runner.invoke(args=["content", "check", "--root", str(build(tmp_path, "unknown-fact"))])
    assert bad.exit_code == 1
    assert "courses/basics/bas-1.ar.md:17: unknown fact 'no-such-fact'" in bad.output
    good = runner.invoke(args=["content", "check", "--root", str(HERE / "valid")])
    assert good.exit_code == 0, good.output
    assert "0 errors" in good.output


def test_production_refuses_invalid_content(app, database_url, mailbox, tmp_path):
    """Production does not start on invalid content; development keeps the problems."""
    from conftest import app_config
    from security.prod import SIGNING_KEY

    from app import create_app
    from app.content_runtime import ContentError

    broken = str(build(tmp_path, "unknown-fact"))
    cfg = app_config(
        database_url,
        mailbox,
        ENV_NAME="production",
        SECRET_KEY="s" * 40,
        CREDENTIAL_SIGNING_KEY=SIGNING_KEY,
        CONTENT_ROOT=broken,
    )
    cfg.pop("TESTING")
    with pytest.raises(ContentError, match="unknown fact"):
        create_app(cfg)
    dev = create_app(app_config(database_url, mailbox, CONTENT_ROOT=broken))
    assert dev.extensions["tawasul_content"].problems.errors


def test_admin_content_page_lists_problems(app, database_url, mailbox, tmp_path, users):
    """An admin sees each problem with its file and line on /admin/content."""
    from conftest import app_config
    from support import PASSWORD

    from app import create_app

    dev = create_app(
        app_config(database_url, mailbox, CONTENT_ROOT=str(build(tmp_path, "unknown-fact")))
    )
    admin = users.create(role="admin")
    client = dev.test_client()
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    page = client.get("/admin/content").get_data(as_text=True)
    assert "courses/basics/bas-1.ar.md:17: unknown fact" in page


def test_registered_content_checks_run_in_the_cli_and_at_start(app, database_url, mailbox):
    """A feature's registered check reports with file and line in the CLI and at start-up."""
    from conftest import app_config

    from app import create_app
    from app.core.registry import CONTENT_CHECKS, register_content_check

    assert "sandbox" in CONTENT_CHECKS  # the sandbox registers its scenarios and rules

    def broken_feature(library, problems):
        """A stand-in feature whose data has one error."""
        problems.add("app/feature/data.yaml", 3, "stand-in problem")
        return "1 stand-in file"

    register_content_check("zz-stand-in", broken_feature)
    try:
        result = app.test_cli_runner().invoke(args=["content", "check"])
        assert result.exit_code == 1
        assert "app/feature/data.yaml:3: stand-in problem" in result.output
        assert re.search(r"\b\d+ sandbox scenarios, 1 stand-in file checked in", result.output)
        started = create_app(app_config(database_url, mailbox))
        assert [str(p) for p in started.extensions["tawasul_content"].problems.errors] == [
            "app/feature/data.yaml:3: stand-in problem"
        ]
    finally:
        del CONTENT_CHECKS["zz-stand-in"]
