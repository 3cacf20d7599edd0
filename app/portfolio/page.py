"""The public portfolio page: its content, rendered in the portfolio's language, and a cache.

A published page is the same for every anonymous visitor apart from the contact form's
signed time token, so it is rendered once per version of the portfolio (its `updated_at`
and the owner's latest skill evidence, read in one query) with a slot for that token, and
the slot is filled per request. The page carries no session-bound CSRF token: its two
forms are protected by the signed token instead (see views.contact).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from flask import current_app, render_template, request, url_for
from flask_babel import force_locale
from markupsafe import Markup

from app.content_runtime import library
from app.portfolio import editing, services
from app.portfolio.domain import PLATFORMS, robots, sections, split_codes
from app.portfolio.read import Version, portfolio_by_id, shown_credentials, verified_skills
from app.portfolio.text import learner_html
from app.portfolio.themes import theme_of

FORM_SLOT = "@@tawasul-contact-token@@"
CACHE_SIZE = 512


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
        "credentials": shown_credentials(portfolio.user_id, portfolio.lang)
        if portfolio.user_id
        else [],
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


def cached_public(version: Version, *, preview: bool = False) -> str:
    """The published page for an anonymous visitor, or the owner's preview of the saved
    portfolio (`preview`), rendered once per version."""
    cache: dict[tuple[Any, ...], str] = current_app.extensions.setdefault("portfolio_pages", {})
    # Not keyed by the Host header: the page's absolute links come from PUBLIC_BASE_URL, and a
    # visitor choosing Host values must not be able to fill or flush the cache. The owner's
    # preview keys on the share key it was opened with (its image links carry it).
    key = (*version, preview, request.values.get("k", "")[:100] if preview else "")
    html = cache.get(key)
    if html is None:
        html = _page(portfolio_by_id(version.id), preview, preview=preview)
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[key] = html
    return html.replace(FORM_SLOT, services.form_token_for(version.id))
