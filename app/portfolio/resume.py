"""JSON Resume 1.2.1 export and import (pure), validated against the pinned schema.

The schema allows extra properties on every object, so whatever has no standard place rides
in an "x-tawasul" object on the same entry: other tools ignore it, our import reads it back.

    headline, bio             basics.label, basics.summary
    photo                     basics.image (its address; export only: we never fetch files)
    platforms                 skills[] entry {x-tawasul.kind "platforms", codes}; keywords = names
    lang, theme, sections     meta.x-tawasul
    case study                projects[] type "case study" ("simulated practice"): name=title,
                              description=context, highlights=actions lines, keywords=skills,
                              startDate/endDate when the period is ISO dates; x-tawasul: goal,
                              results, period, lesson, platforms, tools, hidden (+ simulated and
                              figures, export only)
    service / sample          projects[] type "service" / "content sample": name=title,
                              description=body, url; x-tawasul: the other fields (+ image address)
    testimonial               references[]: name="person, role", reference=words; x-tawasul:
                              title, detail, consent, hidden...
    tool                      skills[] {x-tawasul.kind "tool"}: name=title, keywords=[detail]
    verified skills           skills[] name + level "n/4" (export only: levels are earned)
    credentials               certificates[]: name, issuer, date (YYYY-MM-DD), url = the
                              verification page (export only: importing never creates one)

Import also reads files from other tools: basics.profiles networks → platforms, unmarked
projects → case studies (dates → period), references "Name, role" → testimonials,
publications → content samples, a skills entry named "Tools" → one tool per keyword.
Never imported: certificates (a credential is only issued by Tawasul, and signed),
simulated figures (only the simulator makes them), consent (testimonials
arrive hidden until the learner confirms it), pictures, and account or publishing settings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

from app.portfolio.domain import (
    CURRENCIES,
    ITEM_FIELDS,
    PLATFORMS,
    RATE_KINDS,
    safe_url,
    store_sections,
)
from app.portfolio.domain import sections as read_sections

SCHEMA_FILE = Path(__file__).with_name("standards") / "jsonresume-schema-1.2.1.json"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.2.1/schema.json"
X = "x-tawasul"
# Display names of the platform codes (a new code gets a title-case name until listed here).
NAMES = {code: code.title() for code in PLATFORMS} | {"tiktok": "TikTok", "linkedin": "LinkedIn"}
ALIASES = {name.casefold(): code for code, name in NAMES.items()} | {"twitter": "x"}
PLATFORMS_LABEL = {"ar": "منصات التواصل", "en": "Social media platforms"}
TOOLS_NAMES = {"tools", "أدوات", "الأدوات"}
TYPES = {"service": "service", "sample": "content sample"}
ITEM_LIMITS = {"title": 160, "body": 2000, "detail": 160, "url": 300, "alt": 300}
STUDY_LIMITS = {"goal": 1000, "results": 3000, "lesson": 1000, "tools": 200, "period": 80}
# Fields of an item that have a standard place, per kind; the rest go in x-tawasul.
STANDARD = {
    "service": {"title": "name", "body": "description", "url": "url"},
    "sample": {"title": "name", "body": "description", "url": "url"},
    "testimonial": {"body": "reference"},
    "tool": {"title": "name"},
}

ISO = r"[12]\d{3}(?:-[01]\d(?:-[0-3]\d)?)?"
PERIOD = re.compile(rf"({ISO})(?:\s+[–-]\s+({ISO}))?")
# Between a quoted person's name and their role: a comma (Latin or Arabic) or a spaced dash.
SURROGATES = ("\ud800", "\udfff")
NAME_ROLE = re.compile(r"\s*[,،]\s*|\s+[—–-]\s+")


@cache
def validator() -> Draft7Validator:
    """The pinned schema's validator (formats are checked where jsonschema can)."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


class NotJson(ValueError):
    """A file that is not one JSON document; the message says where it broke."""


def read_json(raw: bytes) -> Any:
    """The JSON document in `raw` (UTF-8, plain JSON only), else NotJson."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError as exc:  # json's C scanner recurses once per nested [ or {
        raise NotJson("nested too deeply") from exc
    except ValueError as exc:  # bad UTF-8, bad syntax, or an integer of thousands of digits
        raise NotJson(str(exc)[:120]) from exc


def _no_constant(name: str) -> Any:
    """NaN and Infinity are not JSON, though Python's reader accepts them."""
    raise ValueError(f"{name} is not a JSON value")


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
    items: Sequence[Mapping[str, Any]],
    skills: Sequence[tuple[str, int]],
    person: Mapping[str, str],
    certificates: Sequence[Mapping[str, str]] = (),
) -> dict[str, Any]:
    """A JSON Resume document holding every field of the portfolio, hidden entries included.

    `certificates` are the credentials shown on the portfolio: name, issuer, date, url.
    """
    lang = str(portfolio.get("lang") or "ar")
    basics: dict[str, Any] = {
        "name": person.get("name", ""),
        "label": portfolio.get("headline", ""),
        "summary": portfolio.get("bio", ""),
    }
    for key, value in (("email", person.get("email")), ("url", person.get("url"))):
        if value:
            basics[key] = value
    if portfolio.get("photo"):
        basics["image"] = portfolio["photo"]
    resume: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": basics}
    resume |= {"projects": [_project(s) for s in studies], "references": [], "skills": []}
    for item in items:
        section, entry = _item_entry(item, lang)
        resume[section].append(entry)
    codes = _codes(portfolio.get("platforms"))
    if codes:
        names = [NAMES[c] for c in codes]
        label = PLATFORMS_LABEL.get(lang, "")
        extra = {"kind": "platforms", "codes": codes}
        resume["skills"].append({"name": label, "keywords": names, X: extra})
    resume["skills"] += [
        {"name": name, "level": f"{level}/4", X: {"kind": "verified-skill"}}
        for name, level in skills
    ]
    if certificates:
        keys = ("name", "issuer", "date", "url")
        resume["certificates"] = [{k: str(c[k]) for k in keys if c.get(k)} for c in certificates]
    settings = {key: str(portfolio.get(key) or "") for key in ("lang", "theme", "sections")}
    resume["meta"] = {"version": "v1.2.1", X: settings}
    if person.get("url"):
        resume["meta"]["canonical"] = person["url"]
    if portfolio.get("updated"):
        resume["meta"]["lastModified"] = portfolio["updated"]
    return resume


def _project(study: Mapping[str, Any]) -> dict[str, Any]:
    """A case study as a JSON Resume project."""
    actions = str(study.get("actions") or "")
    highlights = [line.strip() for line in actions.splitlines() if line.strip()]
    project: dict[str, Any] = {"name": study["title"], "description": study.get("context", "")}
    project["type"] = "simulated practice" if study.get("simulated") else "case study"
    if highlights:
        project["highlights"] = highlights
    if study.get("skills"):
        project["keywords"] = list(study["skills"])
    dates = PERIOD.fullmatch(str(study.get("period") or "").strip())
    if dates:
        project["startDate"] = dates.group(1)
        if dates.group(2):
            project["endDate"] = dates.group(2)
    extra: dict[str, Any] = {"kind": "case-study", "hidden": bool(study.get("hidden"))}
    extra |= {key: study[key] for key in STUDY_LIMITS if study.get(key)}
    extra["platforms"] = _codes(study.get("platforms"))
    if actions != "\n".join(highlights):  # keep the blank lines and indents highlights drop
        extra["actions"] = actions
    if study.get("simulated"):  # read-only: an import never makes a study simulated
        extra |= {"simulated": True, "figures": study.get("figures") or {}}
    project[X] = extra
    return project


def _item_entry(item: Mapping[str, Any], lang: str) -> tuple[str, dict[str, Any]]:
    """(section, entry) for a service, sample, testimonial or tool."""
    kind = str(item["kind"])
    places = STANDARD[kind]
    entry: dict[str, Any] = {place: item[f] for f, place in places.items() if item.get(f)}
    extra: dict[str, Any] = {"kind": kind}
    extra |= {f: item[f] for f in ITEM_FIELDS if f not in places and item.get(f) not in ("", None)}
    if kind != "testimonial":
        extra.pop("consent", None)  # only quoted words need a person's agreement
    if item.get("image"):
        extra["image"] = item["image"]  # the picture's address, for reference only
    section = "projects"
    if kind == "testimonial":
        sep = "، " if lang == "ar" else ", "
        entry["name"] = sep.join(p for p in (item.get("title"), item.get("detail")) if p)
        section = "references"
    elif kind == "tool":
        entry |= {"keywords": [item["detail"]]} if item.get("detail") else {}
        section = "skills"
    else:
        entry["type"] = TYPES[kind]
    return section, entry | {X: extra}


def from_resume(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a (validated) resume pre-fills: words about the learner, case studies and items."""
    basics = _map(data.get("basics"))
    settings = _map(_map(data.get("meta")).get(X))
    networks = [_map(p).get("network") for p in _list(basics.get("profiles"))]
    studies, items = [], []
    for project in map(_map, _list(data.get("projects"))):
        kind = str(_map(project.get(X)).get("kind") or "")
        kind = kind if kind in TYPES else _kind_of_type(project.get("type"))
        if kind in TYPES:
            items.append(_item(kind, project))
        else:
            studies.append(_study(project))
    for ref in map(_map, _list(data.get("references"))):
        items.append(_item("testimonial", ref))
    for pub in map(_map, _list(data.get("publications"))):
        raw = {"name": pub.get("name"), "description": pub.get("summary"), "url": pub.get("url")}
        items.append(_item("sample", raw | {X: {"detail": pub.get("publisher")}}))
    for skill in map(_map, _list(data.get("skills"))):
        extra = _map(skill.get(X))
        if extra.get("kind") == "platforms":
            networks += _list(extra.get("codes"))
        elif extra.get("kind") == "tool":
            items.append(_item("tool", skill))
        elif not extra and _text(skill.get("name"), 60).casefold() in TOOLS_NAMES:
            items += [_item("tool", {"name": word}) for word in _list(skill.get("keywords"))]
    layout = _text(settings.get("sections"), 200)
    return {
        "headline": _text(basics.get("label"), 160),
        "bio": _text(basics.get("summary"), 5000),
        "platforms": ",".join(_codes(networks)),
        "lang": _text(settings.get("lang"), 2) if settings.get("lang") in ("ar", "en") else "",
        "theme": _text(settings.get("theme"), 20),
        "sections": store_sections(read_sections(layout)) if layout else "",
        "studies": [s for s in studies if s][:30],
        "items": [i for i in items if i][:120],
    }


def _study(project: Mapping[str, Any]) -> dict[str, Any] | None:
    """A real-world case study from a project (a "simulated" one is imported as real-world)."""
    extra = _map(project.get(X))
    title = _text(project.get("name"), 160)
    if not title:
        return None
    lines = [_text(h, 3000) for h in _list(project.get("highlights"))]
    actions = _text(extra.get("actions"), 3000) or "\n".join(h for h in lines if h)[:3000]
    study: dict[str, Any] = {"title": title, "context": _text(project.get("description"), 3000)}
    study |= {key: _text(extra.get(key), limit) for key, limit in STUDY_LIMITS.items()}
    study |= {"actions": actions, "platforms": ",".join(_codes(extra.get("platforms")))}
    study["skills"] = [_text(k, 60) for k in _list(project.get("keywords")) if _text(k, 60)][:20]
    study["hidden"] = extra.get("hidden") is True
    if not study["period"]:
        start, end = _text(project.get("startDate"), 10), _text(project.get("endDate"), 10)
        study["period"] = f"{start} – {end}" if start and end else start or end
    return study


def _item(kind: str, entry: Mapping[str, Any]) -> dict[str, Any] | None:
    """An item's fields from its entry: standard places first, then x-tawasul, all checked."""
    extra = _map(entry.get(X))
    places = STANDARD[kind]
    raw = {f: extra.get(f) for f in ITEM_FIELDS} | {f: entry.get(p) for f, p in places.items()}
    if kind == "testimonial" and not extra.get("title"):  # "Rami, bakery owner"
        parts = [*NAME_ROLE.split(_text(entry.get("name"), 400), maxsplit=1), ""]
        raw |= {"title": parts[0], "detail": parts[1]}
    if kind == "tool" and not extra.get("detail"):
        raw["detail"] = next(iter(_list(entry.get("keywords"))), "")
    fields: dict[str, Any] = {"kind": kind}
    fields |= {f: _text(raw.get(f), limit) for f, limit in ITEM_LIMITS.items()}
    if not fields["title"]:
        return None
    fields["url"] = safe_url(fields["url"]) or ""
    fields["rate_kind"] = raw["rate_kind"] if raw.get("rate_kind") in RATE_KINDS else ""
    fields["currency"] = raw["currency"] if raw.get("currency") in CURRENCIES else ""
    fields["amount"] = _amount(raw.get("amount"))
    # Only the learner can say a person agreed to be quoted: imported words wait, hidden.
    fields["consent"] = False
    fields["hidden"] = kind == "testimonial" or raw.get("hidden") is True
    return fields


def _kind_of_type(value: Any) -> str:
    """The item kind a project's free-text type names ("service", "content sample"), or ""."""
    text = _text(value, 40).casefold()
    return next((kind for kind, name in TYPES.items() if text == name), "")


def _codes(value: Any) -> list[str]:
    """Platform codes, in the usual order, from codes, names or a comma-separated string."""
    words = value.split(",") if isinstance(value, str) else _list(value)
    found = {ALIASES.get(_text(w, 40).casefold(), _text(w, 40).casefold()) for w in words}
    return [code for code in PLATFORMS if code in found]


def _amount(value: Any) -> int | None:
    """A whole rate between 1 and 1,000,000 (a number or its digits), else None."""
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) < 10:
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1_000_000:
        return value
    return None


def _text(value: Any, limit: int) -> str:
    """A string without control characters (newlines and tabs kept), trimmed and cut."""
    # Same rule as the builder's forms (app.sandbox.forms.clean), which import Flask-Babel.
    # JSON escapes can also spell lone surrogates ("\ud800"), which no database can store as
    # UTF-8 text (form posts cannot carry them): they go too.
    if not isinstance(value, str):
        return ""
    low, high = SURROGATES
    kept = (ch for ch in value if ch in "\n\t" or (ch >= " " and not low <= ch <= high))
    return "".join(kept).strip()[:limit]


def _map(value: Any) -> Mapping[str, Any]:
    """The value if it is an object, else an empty one (extra keys may hold anything)."""
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    """The value if it is a list, else an empty one."""
    return list(value) if isinstance(value, list) else []
