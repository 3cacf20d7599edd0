"""JSON Resume services: export a learner's portfolio, and pre-fill one from a resume file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from app.accounts.models import User
from app.content_runtime import library
from app.core.db import write_unit
from app.core.extensions import db
from app.portfolio.domain import CASE_FIELDS, ITEM_FIELDS
from app.portfolio.editing import items_of, touch
from app.portfolio.models import CaseStudy, Portfolio, PortfolioItem
from app.portfolio.read import shown_credentials
from app.portfolio.resume import to_resume
from app.portfolio.services import ensure_portfolio
from app.portfolio.themes import themes
from app.skills.services import levels


def resume_of(
    user: User, portfolio: Portfolio, public_url: str, image_url: Callable[[int], str]
) -> dict[str, Any]:
    """The portfolio as a JSON Resume document, hidden entries and verified skills included."""
    lib = library()
    lang = portfolio.lang
    skills = [
        (lib.skills[skill].name.get(lang, skill), int(state["level"]))
        for skill, state in sorted(levels(db.session, user).items())
        if int(state["level"]) > 0 and skill in lib.skills
    ]
    studies = [
        {key: getattr(c, key) for key in CASE_FIELDS}
        | {"simulated": c.simulated, "figures": c.figures}
        for c in portfolio.case_studies
    ]
    # A draft shown before it is saved has no id, hence no items yet.
    rows = items_of(portfolio) if portfolio.id else []
    items = [
        {key: getattr(i, key) for key in ITEM_FIELDS}
        | {"kind": i.kind, "image": image_url(i.image_id) if i.image_id else ""}
        for i in rows
    ]
    fields = {key: getattr(portfolio, key) for key in ("headline", "bio", "platforms", "lang")}
    fields |= {"theme": portfolio.theme, "sections": portfolio.sections}
    fields["photo"] = image_url(portfolio.photo_id) if portfolio.photo_id else ""
    if portfolio.updated_at:
        fields["updated"] = portfolio.updated_at.strftime("%Y-%m-%dT%H:%M:%S")
    person = {"name": user.display_name, "email": user.email, "url": public_url}
    return to_resume(fields, studies, items, skills, person, certificates_of(user.id, lang))


def certificates_of(user_id: int, lang: str) -> list[dict[str, str]]:
    """The credentials the portfolio shows, as JSON Resume certificates (export only)."""
    from app.credentials.signing import base_url

    return [
        {
            "name": c.name,
            "issuer": c.issuer,
            "date": c.issued.strftime("%Y-%m-%d"),
            "url": f"{base_url()}/credentials/{c.public_id}",
        }
        for c in shown_credentials(user_id, lang)
    ]


def import_resume(user: User, prefill: Mapping[str, Any]) -> Counter[str]:
    """Pre-fill the portfolio from `from_resume`'s output; how many of each were added."""
    portfolio = ensure_portfolio(user)
    added: Counter[str] = Counter()
    with write_unit(db.session) as s:
        # Words and settings the file gives replace ours; what it leaves empty stays as it was.
        for key in ("headline", "bio", "platforms", "lang", "sections"):
            if prefill.get(key):
                setattr(portfolio, key, prefill[key])
        if prefill.get("theme") in themes():
            portfolio.theme = prefill["theme"]
        start = len(portfolio.case_studies)
        for n, study in enumerate(prefill["studies"]):
            fields = {key: study[key] for key in CASE_FIELDS if key in study}
            # Always real-world: only the simulator's log may make a study simulated.
            row = CaseStudy(portfolio_id=portfolio.id, user_id=user.id, position=start + n)
            s.add(row)
            for key, value in (fields | {"simulated": False, "figures": None}).items():
                setattr(row, key, value)
            added["studies"] += 1
        counts = Counter(i.kind for i in items_of(portfolio))
        for item in prefill["items"]:
            kind = item["kind"]
            row = PortfolioItem(
                portfolio_id=portfolio.id, user_id=user.id, kind=kind, position=counts[kind]
            )
            s.add(row)
            for key in ITEM_FIELDS:
                setattr(row, key, item[key])
            if kind == "testimonial":  # shown only once the learner confirms consent
                row.consent, row.hidden = False, True
            counts[kind] += 1
            added[kind] += 1
        touch(portfolio)
    return added
