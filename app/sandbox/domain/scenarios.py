"""Load and validate sandbox scenarios and local calendars (pure; file:line problems).

Files: app/sandbox/scenarios/<id>.yaml and app/sandbox/calendars/<country>.yaml. The schema
is documented in docs/authoring.md ("Sandbox scenarios").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import YamlError, line_of, load_yaml
from app.sandbox.domain.goals import Goal, check_goals
from app.sandbox.domain.platforms import PLATFORMS, WEEKDAYS
from app.sandbox.domain.scenario_inbox import check_inbox_data

HERE = Path(__file__).parents[1]  # the data folders sit beside the package, in app/sandbox/
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
CLOCK = re.compile(r"^\d{2}:\d{2}$")
KINDS = ("question", "praise", "complaint", "safety", "misinformation", "troll", "spam")
EXPECTED = ("reply", "reply-then-dm", "dm", "escalate", "forward", "hide", "ignore")
DIALECTS = ("gulf", "egyptian", "levantine", "maghrebi", "msa", "en")
RISKS = ("low", "medium", "high")
EFFECTS = ("rewarded", "blocked", "neutral")
MIN_TRENDS, MIN_INBOX, MIN_DIALECT = 15, 60, 20


@dataclass(frozen=True)
class Calendar:
    """A country's weekend and dated events (with optional daily windows)."""

    country: str
    name: Mapping[str, str]
    weekend: tuple[str, ...]
    events: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class Scenario:
    """A brand to practise on; the raw mapping keeps every authored field."""

    id: str
    country: str
    start: str
    data: Mapping[str, Any] = field(repr=False)
    goals: tuple[Goal, ...] = ()

    @property
    def business_goals(self) -> list[str]:
        """The goal ids of the business goals, in order, each once."""
        return list(dict.fromkeys(g.goal for g in self.goals))

    def get(self, key: str, default: Any = None) -> Any:
        """A field of the scenario file."""
        return self.data.get(key, default)

    @property
    def personas(self) -> list[Mapping[str, Any]]:
        """The audience personas."""
        return list(self.data.get("personas") or [])


class Checker:
    """Collects problems for one file."""

    def __init__(self, problems: Problems, file: str) -> None:
        """Remember where problems go and which file they name."""
        self.problems, self.file = problems, file

    def add(self, node: Any, message: str, default: int = 1) -> None:
        """Record a problem at the node's line."""
        self.problems.add(self.file, line_of(node, default), message)

    def text(self, node: Mapping[str, Any], key: str, where: str) -> None:
        """A required {ar, en} text."""
        value = node.get(key)
        if not isinstance(value, Mapping) or not all(
            str(value.get(k) or "").strip() for k in ("ar", "en")
        ):
            self.add(node, f"{where}: '{key}' needs ar and en text")

    def need(self, node: Mapping[str, Any], keys: tuple[str, ...], where: str) -> bool:
        """Required keys; False (with a problem) when one is missing."""
        missing = [k for k in keys if node.get(k) in (None, "", [])]
        if missing:
            self.add(node, f"{where}: missing {', '.join(missing)}")
        return not missing

    def one_of(
        self, node: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str
    ) -> None:
        """A value from a fixed list."""
        if node.get(key) not in allowed:
            self.add(node, f"{where}: {key} {node.get(key)!r} is not one of {', '.join(allowed)}")

    def entries(self, node: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
        """A list of mappings with unique kebab-case ids."""
        values = node.get(key)
        if not isinstance(values, list):
            self.add(node, f"{where}: '{key}' must be a list")
            return []
        seen: set[str] = set()
        out = []
        for value in values:
            if not isinstance(value, Mapping) or not ID.match(str(value.get("id", ""))):
                self.add(value, f"{where}: each {key} entry needs a kebab-case id", line_of(values))
                continue
            if value["id"] in seen:
                self.add(value, f"{where}: duplicate {key} id {value['id']!r}")
                continue
            seen.add(value["id"])
            out.append(value)
        return out


def read(path: Path, problems: Problems, root: Path) -> Any:
    """Parse one YAML file, recording a syntax problem with its line."""
    rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        return load_yaml(path)
    except YamlError as exc:
        problems.add(rel, exc.line, str(exc))
        return None


def check_calendar(data: Any, c: Checker) -> Calendar | None:
    """Validate one calendar file."""
    if not isinstance(data, Mapping) or not c.need(
        data, ("country", "weekend", "events"), "calendar"
    ):
        return None
    for day in data.get("weekend") or []:
        if day not in WEEKDAYS:
            c.add(data, f"calendar: weekend day {day!r} is not one of {', '.join(WEEKDAYS)}")
    events = c.entries(data, "events", "calendar")
    for e in events:
        where = f"event {e['id']!r}"
        c.text(e, "name", where)
        c.text(e, "why", where)
        c.one_of(e, "effect", EFFECTS, where)
        if not (DATE.match(str(e.get("start", ""))) and DATE.match(str(e.get("end", "")))):
            c.add(e, f"{where}: start and end must be dates like 2027-02-08")
        elif str(e["end"]) < str(e["start"]):
            c.add(e, f"{where}: ends before it starts")
        source = e.get("source")
        if not isinstance(source, Mapping) or not str(source.get("url", "")).startswith("https://"):
            c.add(e, f"{where}: needs a source with an https url")
        for day in e.get("weekdays") or []:
            if day not in WEEKDAYS:
                c.add(e, f"{where}: weekday {day!r} is not one of {', '.join(WEEKDAYS)}")
        for w in e.get("windows") or []:
            if not (CLOCK.match(str(w.get("from", ""))) and CLOCK.match(str(w.get("to", "")))):
                c.add(w, f"{where}: window times must look like 17:40")
            if w.get("effect") not in EFFECTS:
                c.add(
                    w,
                    f"{where}: window effect {w.get('effect')!r} is not one of "
                    + ", ".join(EFFECTS),
                )
    return Calendar(
        str(data["country"]), data.get("name") or {}, tuple(data["weekend"]), tuple(events)
    )


def check_scenario(data: Any, c: Checker, calendars: Mapping[str, Calendar]) -> Scenario | None:
    """Validate one scenario file against the schema and its own cross-references."""
    keys = ("id", "country", "start", "name", "brief", "followers", "voice", "pillars")
    if not isinstance(data, Mapping) or not c.need(data, keys, "scenario"):
        return None
    where = f"scenario {data['id']!r}"
    for key in ("name", "brief"):
        c.text(data, key, where)
    if data["country"] not in calendars:
        c.add(data, f"{where}: no calendar for country {data['country']!r}")
    if not MOMENT.match(str(data["start"])):
        c.add(data, f"{where}: start must look like 2027-01-31T09:00")
    followers = data.get("followers") or {}
    for platform in followers:
        if platform not in PLATFORMS:
            c.add(followers, f"{where}: unknown platform {platform!r} in followers")
    goals = check_goals(data, c, where)
    pillars = {p["id"] for p in c.entries(data, "pillars", where)}
    facts = {f["id"] for f in c.entries(data, "facts", where)}
    personas = c.entries(data, "personas", where)
    total = sum(float(p.get("share") or 0) for p in personas)
    if personas and abs(total - 1.0) > 0.01:
        c.add(data.get("personas"), f"{where}: persona shares add up to {total:.2f}, not 1.0")
    for p in personas:
        for day, hours in (p.get("active_hours") or {}).items():
            if day not in WEEKDAYS or not all(isinstance(h, int) and 0 <= h <= 23 for h in hours):
                c.add(p, f"{where}: persona {p['id']!r}: active_hours {day!r} needs hours 0–23")
        for pillar in p.get("pillars") or {}:
            if pillar not in pillars:
                c.add(p, f"{where}: persona {p['id']!r}: unknown pillar {pillar!r}")
        for platform in p.get("platforms") or {}:
            if platform not in PLATFORMS:
                c.add(p, f"{where}: persona {p['id']!r}: unknown platform {platform!r}")
    if len(c.entries(data, "competitors", where)) != 3:
        c.add(data, f"{where}: needs exactly 3 competitors")
    trends = c.entries(data, "trends", where)
    if len(trends) < MIN_TRENDS:
        c.add(data, f"{where}: needs at least {MIN_TRENDS} trends (has {len(trends)})")
    for t in trends:
        c.one_of(t, "risk", RISKS, f"trend {t['id']!r}")
        if t.get("pillar") and t["pillar"] not in pillars:
            c.add(t, f"trend {t['id']!r}: unknown pillar {t['pillar']!r}")
    inbox = c.entries(data, "inbox", where)
    if len(inbox) < MIN_INBOX:
        c.add(data, f"{where}: needs at least {MIN_INBOX} inbox messages (has {len(inbox)})")
    dialect = sum(1 for m in inbox if m.get("dialect") in ("gulf", "egyptian", "levantine"))
    if inbox and dialect < MIN_DIALECT:
        c.add(
            data,
            f"{where}: needs {MIN_DIALECT} messages in Gulf, Egyptian or Levantine dialect "
            f"(has {dialect})",
        )
    for m in inbox:
        mw = f"message {m['id']!r}"
        c.one_of(m, "kind", KINDS, mw)
        c.one_of(m, "expected", EXPECTED, mw)
        c.one_of(m, "dialect", DIALECTS, mw)
        if m.get("platform") not in PLATFORMS:
            c.add(m, f"{mw}: unknown platform {m.get('platform')!r}")
        for fact in m.get("facts") or []:
            if fact not in facts:
                c.add(m, f"{mw}: unknown brand fact {fact!r}")
    check_inbox_data(data, inbox, EXPECTED, c, where)
    return Scenario(str(data["id"]), str(data["country"]), str(data["start"]), data, tuple(goals))


@dataclass(frozen=True)
class SandboxData:
    """What the sandbox's data folders hold: scenarios by id, calendars by country, problems."""

    scenarios: dict[str, Scenario]
    calendars: dict[str, Calendar]
    problems: Problems


def load_sandbox(root: Path | None = None) -> SandboxData:
    """Read every calendar and scenario under `root` (default: this package)."""
    base = root or HERE
    problems = Problems()
    calendars: dict[str, Calendar] = {}
    for path in sorted((base / "calendars").glob("*.yaml")):
        cal = check_calendar(read(path, problems, base.parents[1]), Checker(problems, _rel(path)))
        if cal:
            calendars[cal.country] = cal
    scenarios: dict[str, Scenario] = {}
    for path in sorted((base / "scenarios").glob("*.yaml")):
        checker = Checker(problems, _rel(path))
        found = check_scenario(read(path, problems, base.parents[1]), checker, calendars)
        if found:
            if found.id != path.stem:
                checker.add(found.data, f"scenario id {found.id!r} differs from the file name")
            scenarios[found.id] = found
    return SandboxData(scenarios=scenarios, calendars=calendars, problems=problems)


def _rel(path: Path) -> str:
    """A path as authors see it (relative to the repository when possible)."""
    parts = path.parts
    return "/".join(parts[parts.index("app") :]) if "app" in parts else str(path)
