"""The public portfolio page: its content, rendered in the portfolio's language, and a cache.

A published page is the same for every anonymous visitor apart from the contact form's
signed time token, so it is rendered once per version of the portfolio (its `updated_at`
and the owner's latest skill evidence, read in one query) with a slot for that token, and
the slot is filled per request. The page carries no session-bound CSRF token: its two
forms are protected by the signed token instead (see views.contact).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any, NamedTuple

from flask import current_app, render_template, request, url_for
from flask_babel import force_locale
from markupsafe import Markup
from sqlalchemy import bindparam, func, select

from app.content_runtime import library
from app.core.extensions import db
from app.portfolio import editing, services
from app.portfolio.domain import PLATFORMS, robots, sections, split_codes
from app.portfolio.models import Portfolio
from app.portfolio.text import learner_html
from app.portfolio.themes import theme_of
from app.skills.models import SkillState

FORM_SLOT = "@@tawasul-contact-token@@"
CACHE_SIZE = 512


def verified_skills(user_id: int, lang: str) -> list[tuple[str, int]]:
    """(skill name, level) the gap report has verified for the learner, strongest first."""
    lib = library()
    rows = db.session.execute(
        select(SkillState.skill, SkillState.level).where(
            SkillState.user_id == user_id, SkillState.level > 0
        )
    ).all()
    named = [
        (lib.skills[skill].name.get(lang, skill), int(level))
        for skill, level in rows
        if skill in lib.skills
    ]
    return sorted(named, key=lambda row: (-row[1], row[0]))


def context(portfolio: Any, owner: bool, **extra: Any) -> dict[str, Any]:
    """Everything the theme templates show (hidden sections and items left out)."""
    items: dict[str, list[Any]] = defaultdict(list)
    for item in editing.items_of(portfolio) if portfolio.id else []:
        if not item.hidden and (item.kind != "testimonial" or item.consent):
            items[item.kind].append(item)
    studies = [c for c in portfolio.case_studies if not c.hidden] if portfolio.id else []
    # Real-world pieces come first; simulated practice after them (a stable sort keeps order).
    studies.sort(key=lambda c: c.simulated)
    share_key = request.values.get("k", "")[:100] if portfolio.status == "unlisted" else ""
    return {
        "theme": theme_of(portfolio.theme),
        "p": portfolio,
        "layout": [name for name, hidden in sections(portfolio.sections) if not hidden],
        # Learner Markdown, rendered and cleaned by nh3 (a narrow allowlist) right here.
        "bio": Markup(learner_html(portfolio.bio)),  # noqa: S704  # nosec B704
        "robots": robots(portfolio.status, portfolio.indexable),
        "owner": owner,
        "lib": library(),
        "items": items,
        "studies": studies,
        "skills": verified_skills(portfolio.user_id, portfolio.lang) if portfolio.id else [],
        "platforms": split_codes(portfolio.platforms, PLATFORMS),
        "split_codes": split_codes,
        "all_platforms": PLATFORMS,
        "share_key": share_key,
        "token": extra.pop("token", FORM_SLOT),
        "contact": extra.pop("contact", {}),
        "contact_errors": extra.pop("contact_errors", {}),
        "notice": extra.pop("notice", ""),
        "preview": extra.pop("preview", False),
        "image_url": lambda image_id: url_for(
            "portfolio.image", slug=portfolio.slug, image_id=image_id, k=share_key or None
        ),
    }


def _page(portfolio: Any, owner: bool, **extra: Any) -> str:
    """The theme's page in the portfolio's own language (the contact token still a slot)."""
    values = context(portfolio, owner, **extra)
    with force_locale(portfolio.lang):
        return render_template(f"themes/{values['theme']}/page.html", **values)


def render_public(portfolio: Any, owner: bool, **extra: Any) -> str:
    """The page in the portfolio's own language, with this request's contact token."""
    html = _page(portfolio, owner, **extra)
    return html.replace(FORM_SLOT, services.form_token(portfolio))


@cache
def _version_query() -> Any:
    """The statement behind version_of, built once (building it costs more than running it)."""
    stamp = (
        select(func.max(SkillState.last_evidence_at))
        .where(SkillState.user_id == Portfolio.user_id)
        .scalar_subquery()
    )
    return select(
        Portfolio.id, Portfolio.user_id, Portfolio.status, Portfolio.updated_at, stamp
    ).where(Portfolio.slug == bindparam("slug"))


class Version(NamedTuple):
    """What decides whether a cached page is current (dates as the driver returns them)."""

    id: int
    user_id: int
    status: str
    updated_at: Any
    stamp: Any


@cache
def _compiled(dialect_name: str) -> Any:
    """The version query compiled once for this database's dialect."""
    return _version_query().compile(dialect=db.engine.dialect)


def version_of(slug: str) -> Version | None:
    """The version of the portfolio at a current slug (one query), or None.

    The stamp is when the owner's skill levels last changed: the page shows them. This is
    the only query of an anonymous visit, so it runs on a pooled DB-API connection: going
    through a SQLAlchemy Connection cost eight times the query itself (see `make bench`).
    """
    compiled = _compiled(db.engine.dialect.name)
    params = compiled.construct_params({"slug": slug})
    args = tuple(params[k] for k in compiled.positiontup) if compiled.positional else params
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(str(compiled), args)
        row = cursor.fetchone()
        cursor.close()
    finally:
        connection.close()  # back to the pool (which rolls back what the SELECT opened)
    return Version(*row) if row else None


def cached_public(version: Any) -> str:
    """The published page for an anonymous visitor, rendered once per version."""
    cache: dict[tuple[Any, ...], str] = current_app.extensions.setdefault("portfolio_pages", {})
    # Not keyed by the Host header: the page's absolute links come from PUBLIC_BASE_URL, and a
    # visitor choosing Host values must not be able to fill or flush the cache.
    key = tuple(version)
    html = cache.get(key)
    if html is None:
        html = _page(db.session.get(Portfolio, version[0]), False)
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[key] = html
    return html.replace(FORM_SLOT, services.form_token_for(version[0]))
