"""Arabic content avoids a calque the house rules name: «افتراضي» for a made-up brand."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Indefinite «افتراضي/افتراضية» after a noun reads as "virtual/online" ("a virtual café");
# a made-up brand is «متخيَّل». The definite «الافتراضي» ("the default") stays right.
CALQUE = re.compile(r"(?<!ال)(?<!\w)افتراضي(?:ة)?(?!\w)")


def test_no_fictional_brand_is_called_virtual():
    """No Arabic lesson, quiz or scenario calls a made-up brand «افتراضي»."""
    files = [
        *ROOT.glob("courses/**/*.md"),
        *ROOT.glob("quizzes/**/*.yaml"),
        *ROOT.glob("quizzes/**/*.gift"),
        *ROOT.glob("app/sandbox/scenarios/*.yaml"),
    ]
    assert files
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CALQUE.search(line)
    ]
    assert not found, found
