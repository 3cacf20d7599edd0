"""Every problem and finding code the ads domain emits has its text in both languages."""

from __future__ import annotations

import ast

import yaml
from ads_facts import ROOT

MESSAGES = yaml.safe_load((ROOT / "app/ads/data/messages.yaml").read_text(encoding="utf-8"))


def emitted(module: str, cls: str) -> set[str]:
    """String codes passed first to `cls(...)` anywhere in app/ads/domain/<module>.py."""
    tree = ast.parse((ROOT / f"app/ads/domain/{module}.py").read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == cls
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_budget_and_creative_codes_all_have_messages_in_arabic_and_english():
    """No code reaches a view without words; no message is left over for a code that is gone."""
    for module, cls, section in (
        ("budget", "BudgetProblem", "budget"),
        ("creative", "Finding", "creative"),
    ):
        codes = emitted(module, cls)
        assert codes, module
        assert codes == set(MESSAGES[section]), (module, codes ^ set(MESSAGES[section]))
        for code in codes:
            assert all(MESSAGES[section][code].get(lang) for lang in ("ar", "en")), code
