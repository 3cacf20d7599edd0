"""YAML loading that remembers the line of every mapping and list, for precise errors."""

from __future__ import annotations

import re
from bisect import bisect_right
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


# YAML also breaks lines at NEL, LS, PS and a lone CR, which editors and `grep -n` do not, so
# a mark's own line number can point past a file's end. Lines are counted by "\n" instead.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader building LineDict/LineList; dates stay ISO strings."""

    newlines: list[int] | None = None

    def line_of(self, mark: Any) -> int:
        """The 1-based line of a mark, counted as an editor counts lines."""
        if self.newlines is None:
            return int(mark.line) + 1
        return bisect_right(self.newlines, int(mark.index) - 1) + 1


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    value = LineDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    value.line = loader.line_of(node.start_mark)
    return value


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    value = LineList(loader.construct_sequence(node, deep=True))
    value.line = loader.line_of(node.start_mark)
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
    # _Loader is a SafeLoader subclass, so this is safe loading.
    loader = _Loader(text)
    if _OTHER_BREAKS.search(text):
        loader.newlines = [match.start() for match in re.finditer("\n", text)]
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        line = min(loader.line_of(mark), max(last, 1)) if mark else 1
        raise YamlError(line, f"invalid YAML: {exc.problem}") from exc
    except yaml.reader.ReaderError as exc:  # a control character: not marked, but positioned
        line = text[: exc.position].count("\n") + 1
        raise YamlError(line, f"invalid YAML: character {exc.character!r} is not allowed") from exc
    except yaml.YAMLError as exc:
        raise YamlError(1, f"invalid YAML: {exc}") from exc
    except RecursionError as exc:  # PyYAML's composer recurses once per nesting level
        raise YamlError(1, "invalid YAML: nested too deeply") from exc
    finally:
        loader.dispose()


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
