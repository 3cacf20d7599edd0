"""The sandbox's content check: scenarios, calendars and platform rules that ship with the app."""

from __future__ import annotations

from app.content.errors import Problems
from app.content.model import Library
from app.core.registry import register_content_check


def check_sandbox(library: Library, problems: Problems) -> str:
    """Add the sandbox's scenario, calendar and rule problems; return a count of scenarios."""
    from app.sandbox.domain.counterfactual import check_lesson_links
    from app.sandbox.domain.rules import check_rule_facts
    from app.sandbox.domain.scenarios import load_sandbox

    found = load_sandbox()
    problems.items.extend(found.problems.items)
    check_rule_facts(
        {k: f.value for k, f in library.facts.items()},
        problems,
        {k: f.source_url for k, f in library.facts.items()},
    )
    check_lesson_links(set(library.lessons), problems)
    check_scenario_phrases(library, problems)
    return f"{len(found.scenarios)} sandbox scenarios"


def check_scenario_phrases(library: Library, problems: Problems) -> None:
    """The glossary's phrases to avoid, in the scenarios' narrative fields."""
    from app.content.phrases import Finder
    from app.sandbox.domain.scenarios import HERE

    finder = Finder(library.avoid, problems)
    for path in sorted((HERE / "scenarios").glob("*.yaml")):
        finder.scenario(path, f"app/sandbox/scenarios/{path.name}")


register_content_check("sandbox", check_sandbox)
