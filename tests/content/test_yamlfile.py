"""YAML errors and line marks count lines as an editor does, whatever breaks the text holds."""

from __future__ import annotations

import pytest

from app.content.yamlfile import YamlError, parse_yaml


@pytest.mark.parametrize("odd_break", ["\x85", "\u2028", "\u2029", "\r"])
def test_a_line_mark_counts_only_newlines(odd_break):
    """NEL, LS, PS and a lone CR inside a value do not shift the lines that follow it."""
    value = parse_yaml(f'a: "x{odd_break}y"\nb: [1, 2]\nc:\n  - {{d: 1}}\n')
    assert (value["b"].line, value["c"].line, value["c"][0].line) == (2, 4, 4)


@pytest.mark.parametrize("odd_break", ["\x85", "\u2028", ""])
def test_an_error_at_the_end_names_the_last_line(odd_break):
    """An unclosed list reports a line of the file, never one past its end."""
    text = f'a: "x{odd_break}y"\nb: [1\nc: 2\n'
    with pytest.raises(YamlError) as caught:
        parse_yaml(text)
    assert caught.value.line == 3 == text.count("\n")


def test_crlf_files_keep_their_lines():
    """Windows line ends count once per line."""
    value = parse_yaml("a: 1\r\nb:\r\n  - 1\r\nc: {d: 2}\r\n")
    assert (value["b"].line, value["c"].line) == (3, 4)
