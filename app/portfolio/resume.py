"""JSON Resume 1.2.1 export and import (pure), validated against the pinned schema."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

SCHEMA_FILE = Path(__file__).with_name("standards") / "jsonresume-schema-1.2.1.json"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.2.1/schema.json"


@cache
def validator() -> Draft7Validator:
    """The pinned schema's validator (formats are checked where jsonschema can)."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def problems(data: Any) -> list[str]:
    """Every schema violation as "path: message" (empty when valid)."""
    found = []
    for error in sorted(validator().iter_errors(data), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "(root)"
        found.append(f"{where}: {error.message}")
    return found


def to_resume(
    portfolio: Mapping[str, Any],
    studies: Sequence[Mapping[str, Any]],
    skills: Sequence[tuple[str, int]],
    person: Mapping[str, str],
) -> dict[str, Any]:
    """A JSON Resume document from what the portfolio holds."""
    projects = []
    for s in studies:
        project: dict[str, Any] = {"name": s["title"], "description": s.get("context", "")}
        if s.get("actions"):
            project["highlights"] = [
                line for line in str(s["actions"]).splitlines() if line.strip()
            ]
        if s.get("skills"):
            project["keywords"] = list(s["skills"])
        if s.get("simulated"):
            project["type"] = "simulated practice"
        projects.append(project)
    basics = {
        "name": person.get("name", ""),
        "label": portfolio.get("headline", ""),
        "summary": portfolio.get("bio", ""),
        "url": person.get("url", ""),
    }
    if person.get("email"):
        basics["email"] = person["email"]
    return {
        "$schema": SCHEMA_URL,
        "basics": basics,
        "projects": projects,
        "skills": [{"name": name, "level": f"{level}/4"} for name, level in skills],
        "meta": {"version": "v1.2.1", "canonical": person.get("url", "")},
    }


def from_resume(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a resume pre-fills: headline, bio and one case study per project."""
    basics = data.get("basics") or {}
    studies = []
    for project in data.get("projects") or []:
        if not isinstance(project, Mapping) or not str(project.get("name") or "").strip():
            continue
        studies.append(
            {
                "title": str(project["name"])[:160],
                "context": str(project.get("description") or "")[:5000],
                "actions": "\n".join(str(h) for h in project.get("highlights") or [])[:5000],
                "skills": [str(k)[:60] for k in project.get("keywords") or []][:20],
            }
        )
    return {
        "headline": str(basics.get("label") or "")[:160],
        "bio": str(basics.get("summary") or "")[:5000],
        "studies": studies[:30],
    }
