"""axe-core accessibility checks for Playwright pages (testing.md §3).

axe is injected with `page.evaluate` (a CDP evaluation), which the app's
`script-src 'self'` Content Security Policy does not block.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js"
FAILING_IMPACTS = ("serious", "critical")


def axe_source() -> str:
    """Return axe.min.js, skipping (or failing in CI) when npm packages are not installed."""
    if not AXE_JS.is_file():
        import os

        reason = f"axe-core is not installed ({AXE_JS}); run npm ci --ignore-scripts"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI requires it: {reason}", pytrace=False)
        pytest.skip(reason)
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(
    page: Any, context: Any = None, options: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run axe on the page (or `context`) and return its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    opts = {"resultTypes": ["violations"], **(options or {})}
    result = page.evaluate("([c, o]) => axe.run(c || document, o)", [context, opts])
    return list(result["violations"])


def format_violations(url: str, bad: list[dict[str, Any]]) -> str:
    """A readable report: rule, impact, help link and the first offending nodes."""
    lines = []
    for v in bad:
        nodes = "\n".join(
            f"    {', '.join(map(str, n['target']))}: {n['html'][:160]}" for n in v["nodes"][:5]
        )
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n{nodes}")
    return f"{len(bad)} axe violation(s) on {url}:\n" + "\n".join(lines)


def assert_accessible(page: Any, impacts: tuple[str, ...] = FAILING_IMPACTS, **kw: Any) -> None:
    """Fail the test when axe finds a violation with one of `impacts` (serious, critical)."""
    bad = [v for v in axe_violations(page, **kw) if v["impact"] in impacts]
    if bad:
        pytest.fail(format_violations(page.url, bad), pytrace=False)


def check_arabic_page(page: Any, shot: Path) -> None:
    """Arabic, right to left, no horizontal scrollbar, axe clean; then a full-page screenshot."""
    lang, direction, width, inner = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir,"
        " document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert (lang, direction) == ("ar", "rtl"), (page.url, lang, direction)
    assert width <= inner, f"horizontal scrollbar ({width} > {inner} px) on {page.url}"
    assert_accessible(page)
    page.screenshot(path=str(shot), full_page=True)
