"""Read courses/ and quizzes/ into a Library, collecting file:line problems."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.exercises import read_exercise
from app.content.facts import check_source, check_unit
from app.content.model import (
    LANGS,
    Exercise,
    Fact,
    Group,
    Role,
    Skill,
    Term,
)
from app.content.phrases import Avoid, read_avoid
from app.content.yamlfile import YamlError, line_of, load_yaml

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LESSON_FILE = re.compile(r"^(?P<id>[a-z0-9-]+)\.(?P<lang>ar|en)\.md$")


class Reader:
    """Loads one content tree; every problem names its file and line."""

    def __init__(self, root: Path) -> None:
        """Remember the root so file names are reported relative to it."""
        self.root = root
        self.problems = Problems()
        self.avoid: tuple[Avoid, ...] = ()  # filled by glossary()

    def rel(self, path: Path) -> str:
        """A path relative to the content root, for messages."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def yaml(self, path: Path) -> Any:
        """Parse a YAML file, recording a problem (and returning None) when it is broken."""
        if not path.exists():
            self.problems.add(self.rel(path), 1, "file is missing")
            return None
        try:
            return load_yaml(path)
        except YamlError as exc:
            self.problems.add(self.rel(path), exc.line, str(exc))
            return None

    def text(
        self, value: Any, file: str, line: int, what: str, required: bool = True
    ) -> dict[str, str]:
        """Read a {ar, en} mapping, reporting a missing language."""
        if not isinstance(value, Mapping):
            if required:
                self.problems.add(file, line, f"{what} must be a mapping with ar and en")
            return {}
        out = {lang: str(value.get(lang) or "").strip() for lang in LANGS}
        for lang in LANGS:
            if required and not out[lang]:
                self.problems.add(file, line_of(value, line), f"{what} has no {lang} text")
        return {k: v for k, v in out.items() if v}

    def entries(self, data: Any, key: str, file: str) -> list[Any]:
        """The list under `key`, reporting a wrong shape."""
        if data is None:
            return []
        values = data.get(key) if isinstance(data, Mapping) else None
        if not isinstance(values, list):
            self.problems.add(file, line_of(data), f"'{key}' must be a list")
            return []
        return [v for v in values if self.is_entry(v, file)]

    def is_entry(self, value: Any, file: str) -> bool:
        """True for a mapping with a well-formed id; otherwise record why not."""
        if not isinstance(value, Mapping):
            self.problems.add(file, line_of(value), "each entry must be a mapping")
            return False
        if not ID.match(str(value.get("id", ""))):
            self.problems.add(
                file, line_of(value), f"id {value.get('id')!r} must be lowercase kebab-case"
            )
            return False
        return True

    def unique(self, found: dict[str, Any], key: str, file: str, line: int, kind: str) -> bool:
        """Record a duplicate id; True when `key` is new."""
        if key in found:
            self.problems.add(file, line, f"duplicate {kind} id {key!r}")
            return False
        return True

    # ---- files -------------------------------------------------------------

    def skills(self) -> tuple[dict[str, Skill], dict[str, Group]]:
        """courses/skills.yaml."""
        path = self.root / "courses" / "skills.yaml"
        file, data = self.rel(path), self.yaml(path)
        groups: dict[str, Group] = {}
        for g in self.entries(data, "groups", file):
            if self.unique(groups, g["id"], file, line_of(g), "group"):
                groups[g["id"]] = Group(g["id"], self.text(g.get("name"), file, line_of(g), "name"))
        defaults = dict(data.get("bkt_defaults") or {}) if isinstance(data, Mapping) else {}
        skills: dict[str, Skill] = {}
        for s in self.entries(data, "skills", file):
            line = line_of(s)
            if not self.unique(skills, s["id"], file, line, "skill"):
                continue
            if s.get("group") not in groups:
                self.problems.add(
                    file, line, f"skill {s['id']!r}: unknown group {s.get('group')!r}"
                )
            bkt = {**defaults, **dict(s.get("bkt") or {})}
            for key in ("p_init", "p_learn", "p_slip", "p_guess"):
                if not isinstance(bkt.get(key), int | float) or not 0 <= bkt[key] <= 1:
                    self.problems.add(file, line, f"skill {s['id']!r}: bkt {key} must be in [0, 1]")
            skills[s["id"]] = Skill(
                s["id"],
                str(s.get("group")),
                self.text(s.get("name"), file, line, "name"),
                self.text(s.get("description"), file, line, "description"),
                {k: float(v) for k, v in bkt.items() if isinstance(v, int | float)},
                bool(s.get("decays", False)),
            )
        return skills, groups

    def roles(self) -> dict[str, Role]:
        """courses/roles.yaml."""
        path = self.root / "courses" / "roles.yaml"
        file, data = self.rel(path), self.yaml(path)
        roles: dict[str, Role] = {}
        for r in self.entries(data, "roles", file):
            line = line_of(r)
            if not self.unique(roles, r["id"], file, line, "role"):
                continue
            targets = r.get("targets") if isinstance(r.get("targets"), Mapping) else {}
            for skill, level in targets.items():
                if not isinstance(level, int) or not 0 <= level <= 4:
                    self.problems.add(
                        file,
                        line_of(targets, line),
                        f"role {r['id']!r}: level of {skill} must be 0–4",
                    )
            roles[r["id"]] = Role(
                r["id"],
                self.text(r.get("name"), file, line, "name"),
                self.text(r.get("description"), file, line, "description"),
                self.text(r.get("portfolio"), file, line, "portfolio", required=False),
                {str(k): int(v) for k, v in targets.items() if isinstance(v, int)},
                frozenset(str(c) for c in r.get("core") or []),
                line,
            )
        return roles

    def exercises(self) -> dict[str, Exercise]:
        """courses/exercises.yaml."""
        path = self.root / "courses" / "exercises.yaml"
        file, data = self.rel(path), self.yaml(path)
        out: dict[str, Exercise] = {}
        for e in self.entries(data, "exercises", file):
            if self.unique(out, e["id"], file, line_of(e), "exercise"):
                out[e["id"]] = read_exercise(self, e, file)
        return out

    def facts(self) -> dict[str, Fact]:
        """courses/facts.yaml."""
        path = self.root / "courses" / "facts.yaml"
        file, data = self.rel(path), self.yaml(path)
        out: dict[str, Fact] = {}
        for f in self.entries(data, "facts", file):
            line = line_of(f)
            if not self.unique(out, f["id"], file, line, "fact"):
                continue
            source = f.get("source") if isinstance(f.get("source"), Mapping) else {}
            if not str(source.get("url", "")).startswith("https://"):
                self.problems.add(file, line, f"fact {f['id']!r}: source needs an https url")
            if not DATE.match(str(f.get("as_of", ""))):
                self.problems.add(
                    file, line, f"fact {f['id']!r}: as_of must be a date like 2025-12-19"
                )
            if f.get("value") is None:
                self.problems.add(file, line, f"fact {f['id']!r}: value is missing")
            unit = f.get("unit") if isinstance(f.get("unit"), Mapping) else {}
            if any(not unit.get(lang) for lang in LANGS):
                self.problems.add(file, line, f"fact {f['id']!r}: unit needs ar and en")
            check_unit(f["id"], f.get("value"), unit, file, line, self.problems)
            check_source(f["id"], f, file, line, self.problems)
            out[f["id"]] = Fact(
                f["id"],
                f.get("value"),
                {lang: unit.get(lang) or "" for lang in LANGS},
                self.text(f.get("label"), file, line, "label"),
                str(source.get("title", "")),
                str(source.get("url", "")),
                str(f.get("as_of", "")),
                self.text(f.get("note"), file, line, "note", required=False),
                source_kind=str(source.get("kind", "")),
                surface=str(f.get("surface") or ""),
                line=line,
            )
        return out

    def glossary(self) -> dict[str, Term]:
        """courses/glossary.yaml (optional: a tree without it has no terms)."""
        path = self.root / "courses" / "glossary.yaml"
        if not path.exists():
            return {}
        file, data = self.rel(path), self.yaml(path)
        out: dict[str, Term] = {}
        for t in self.entries(data, "terms", file):
            line = line_of(t)
            if not self.unique(out, t["id"], file, line, "term"):
                continue
            term = {lang: str(t.get(lang) or "").strip() for lang in LANGS}
            for lang in LANGS:
                if not term[lang]:
                    self.problems.add(file, line, f"term {t['id']!r} has no {lang} text")
            definition = self.text(t.get("definition"), file, line, "definition")
            out[t["id"]] = Term(t["id"], term, definition, line)
        avoid = data.get("avoid") if isinstance(data, Mapping) else None
        self.avoid = read_avoid(avoid or [], out, file, self.problems)
        return out
