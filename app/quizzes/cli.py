"""`flask quizzes import-gift` and `export-gift`: Moodle GIFT in and out of quiz banks."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import click
import yaml
from flask import current_app
from flask.cli import AppGroup

from app.content.gift import parse_gift, to_gift
from app.content.gift_write import EXPORTABLE
from app.content.library import load_library
from app.content.questions import LEVELS

quizzes_group = AppGroup("quizzes", help="Quiz banks: Moodle GIFT import and export.")

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGS = click.Choice(["en", "ar"])


def content_root() -> Path:
    """The folder holding courses/ and quizzes/ (CONTENT_ROOT, else the repository)."""
    return Path(current_app.config.get("CONTENT_ROOT") or Path(current_app.root_path).parent)


def dump(data: Any) -> str:
    """YAML the way banks are written: Unicode kept, keys in our order."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning a broken file into a command error."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise click.ClickException(f"{path.name} is not valid YAML; fix it first ({exc})") from exc


def checked_id(value: str, what: str) -> str:
    """A kebab-case id from the command line (it names a file, so nothing else goes)."""
    if not ID.match(value):
        raise click.BadParameter(f"{value!r} is not a lowercase kebab-case {what} id")
    return value


def track_code(root: Path, track: str) -> str:
    """The track's short code from courses/<track>/track.yaml (the track id without one)."""
    path = root / "courses" / track / "track.yaml"
    data = read_yaml(path) if path.exists() else None
    code = str(data.get("code") or "") if isinstance(data, dict) else ""
    return code if ID.match(code) else track


def bank_ids(root: Path) -> dict[str, str]:
    """Every item id already in a bank, with the bank file it lives in."""
    found: dict[str, str] = {}
    for path in sorted((root / "quizzes").glob("*.yaml")):
        data = read_yaml(path)
        items = data.get("items") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("id"):
                found.setdefault(str(item["id"]), f"quizzes/{path.name}")
    return found


def known_ids(
    root: Path, file: Path, skills: list[str], lesson: str | None
) -> tuple[set[str], set[str]]:
    """The skill and lesson ids the content tree has; unknown --skills/--lesson are refused."""
    lib, _problems = load_library(root)
    for value in skills:
        if value not in lib.skills:
            raise click.BadParameter(
                f"{file.name}: unknown skill id {value!r} (not in courses/skills.yaml)",
                param_hint="--skills",
            )
    if lesson and lesson not in lib.lessons:
        raise click.BadParameter(
            f"{file.name}: unknown lesson id {lesson!r} (no courses/<track>/{lesson}.*.md)",
            param_hint="--lesson",
        )
    return set(lib.skills), set(lib.lessons)


def append_items(bank: Path, track: str, items: list[dict[str, Any]]) -> None:
    """Add items to a bank, keeping the existing text when a plain append parses right."""
    if not bank.exists():
        bank.parent.mkdir(parents=True, exist_ok=True)
        new_text = dump({"track": track, "items": items})
    else:
        old_text = bank.read_text(encoding="utf-8")
        old = read_yaml(bank)
        old = old if isinstance(old, dict) else {"track": track}
        expected = {**old, "items": [*(old.get("items") or []), *items]}
        found = re.search(r"^items:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*([ \t]*)- ", old_text, re.M)
        indent = found[1] if found else "  "
        new_text = old_text.rstrip("\n") + "\n" + textwrap.indent(dump(items), indent)
        if yaml.safe_load(new_text) != expected:
            new_text = dump(expected)
    partial = bank.with_name(bank.name + ".part")
    partial.write_text(new_text, encoding="utf-8")
    partial.replace(bank)


@quizzes_group.command("import-gift")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--track", required=True, help="Track id: the items go to quizzes/<track>.yaml.")
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the file.")
@click.option("--skills", default="", help="Skill ids (comma-separated) for untagged questions.")
@click.option("--level", type=click.Choice(LEVELS), default=None, help="Level, likewise.")
@click.option("--lesson", default=None, help="Lesson id for untagged questions.")
def import_gift(
    file: Path, track: str, lang: str, skills: str, level: str | None, lesson: str | None
) -> None:
    """Import a Moodle GIFT file into quizzes/<track>.yaml; untagged items get review: true."""
    track = checked_id(track, "track")
    skill_ids = [checked_id(s.strip(), "skill") for s in skills.split(",") if s.strip()]
    lesson = checked_id(lesson, "lesson") if lesson else None
    root = content_root()
    known_skills, known_lessons = known_ids(root, file, skill_ids, lesson)
    result = parse_gift(
        file.read_text(encoding="utf-8-sig"),
        lang=lang,
        skills=skill_ids,
        level=level,
        lesson=lesson,
        track=track,
        code=track_code(root, track),
        known_skills=known_skills,
        known_lessons=known_lessons,
    )
    if result.errors:
        # Writing these items would leave a bank that fails `flask content check`.
        for line, message in result.errors:
            click.echo(f"{file.name}:{line}: {message}", err=True)
        raise click.ClickException(
            f"nothing imported: {file.name} names ids the content does not have"
        )
    existing = bank_ids(root)
    refused = [item["id"] for item in result.items if item["id"] in existing]
    items = [item for item in result.items if item["id"] not in existing]
    if items:
        append_items(root / "quizzes" / f"{track}.yaml", track, items)
    flagged = [i for i in result.flagged if i not in refused]
    click.echo(f"imported {len(items)} item(s) into quizzes/{track}.yaml")
    if flagged:
        click.echo(f"flagged for review (review: true): {', '.join(flagged)}")
    for item_id in refused:
        click.echo(f"refused {item_id}: the id is already in {existing[item_id]}", err=True)
    for line, message in result.problems:
        click.echo(f"{file.name}:{line}: {message}")


@quizzes_group.command("export-gift")
@click.option("--track", required=True, help="Track id: reads quizzes/<track>.yaml.")
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language to write.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Output file."
)
def export_gift(track: str, lang: str, out: Path | None) -> None:
    """Write quizzes/<track>.yaml as Moodle GIFT, to stdout unless --out names a file."""
    bank = content_root() / "quizzes" / f"{checked_id(track, 'track')}.yaml"
    if not bank.exists():
        raise click.ClickException(f"there is no quizzes/{track}.yaml")
    data = read_yaml(bank)
    raw = data.get("items") if isinstance(data, dict) else None
    items = [i for i in raw or [] if isinstance(i, dict)]
    text = to_gift(items, lang=lang)
    skipped = [str(i.get("id")) for i in items if i.get("type") not in EXPORTABLE]
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(items) - len(skipped)} item(s) to {out}", err=True)
    else:
        click.echo(text, nl=False)
    if skipped:
        click.echo(f"not exported (no GIFT form): {', '.join(skipped)}", err=True)
