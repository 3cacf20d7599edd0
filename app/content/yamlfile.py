"""YAML loading that remembers the line of every mapping and list, for precise errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A mapping that knows the 1-based line it started on."""

    line: int = 0


class LineList(list[Any]):
    """A list that knows the 1-based line it started on."""

    line: int = 0


# libyaml's parser is about ten times faster than the pure-Python one and keeps line marks.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader building LineDict/LineList; dates stay ISO strings."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    value = LineDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    value.line = node.start_mark.line + 1
    return value


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    value = LineList(loader.construct_sequence(node, deep=True))
    value.line = node.start_mark.line + 1
    return value


def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


class YamlError(ValueError):
    """A file that is not valid YAML, with the line of the problem."""

    def __init__(self, line: int, message: str) -> None:
        """Keep the line for the error report."""
        super().__init__(message)
        self.line = line


def parse_yaml(text: str) -> Any:
    """Parse YAML text into LineDict/LineList values."""
    try:
        # _Loader is a SafeLoader subclass, so this is safe loading.
        return yaml.load(text, Loader=_Loader)  # noqa: S506  # nosec B506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(line, f"invalid YAML: {exc.problem}") from exc
    except yaml.reader.ReaderError as exc:  # a control character: not marked, but positioned
        line = text[: exc.position].count("\n") + 1
        raise YamlError(line, f"invalid YAML: character {exc.character!r} is not allowed") from exc
    except yaml.YAMLError as exc:
        raise YamlError(1, f"invalid YAML: {exc}") from exc
    except RecursionError as exc:  # PyYAML's composer recurses once per nesting level
        raise YamlError(1, "invalid YAML: nested too deeply") from exc


def load_yaml(path: Path) -> Any:
    """Read and parse a YAML file (a file that is not UTF-8 is a YamlError at its line)."""
    return parse_yaml(read_text(path))


def read_text(path: Path) -> str:
    """A content file's text; bytes that are not UTF-8 are a YamlError naming their line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(line, f"not UTF-8 text (byte {exc.start})") from exc


def line_of(value: Any, default: int = 1) -> int:
    """The line a parsed value started on, or `default`."""
    return int(getattr(value, "line", 0) or default)
