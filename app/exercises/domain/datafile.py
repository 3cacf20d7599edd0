"""Reading an exercise's data file: YAML with line numbers, or a problem naming file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import YamlError, load_yaml


def read_data(path: Path, problems: Problems, file: str) -> Any | None:
    """The parsed file, or None after adding the reason it could not be read."""
    try:
        found = load_yaml(path)
    except (YamlError, OSError) as exc:
        problems.add(file, getattr(exc, "line", 1), str(exc))
        return None
    if found is None:
        problems.add(file, 1, "the file is empty")
    return found
