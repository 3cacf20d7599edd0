"""Portfolio tables in the user-data registry and the XSS harness."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from app.core.registry import (
    XssField,
    register_table,
    register_xss_field,
)
from app.portfolio.models import (
    CaseStudy,
    ContactMessage,
    Portfolio,
    PortfolioReport,
    PortfolioSlug,
    PortfolioTombstone,
    ShareLink,
)

PLATFORM_CODES = "platform codes checked against a fixed list"
register_table(
    CaseStudy,
    export=(
        "id",
        "position",
        "title",
        "context",
        "goal",
        "actions",
        "lesson",
        "simulated",
        "figures",
        "skills",
        "hidden",
        "results",
        "period",
        "platforms",
        "tools",
    ),
    order=30,
    not_learner_text={"platforms": PLATFORM_CODES},
)


def delete_slugs(session: Any, user: Any) -> None:
    """Delete former slugs, leaving a digest of every address so it answers 410 Gone."""
    from app.portfolio.domain import slug_digest

    slugs = list(
        session.scalars(select(PortfolioSlug.slug).where(PortfolioSlug.user_id == user.id))
    )
    slugs += list(session.scalars(select(Portfolio.slug).where(Portfolio.user_id == user.id)))
    for slug in slugs:
        if session.get(PortfolioTombstone, slug_digest(slug)) is None:
            session.add(PortfolioTombstone(digest=slug_digest(slug)))
    session.execute(delete(PortfolioSlug).where(PortfolioSlug.user_id == user.id))


register_table(
    PortfolioSlug,
    export=("slug",),
    delete=delete_slugs,
    order=31,
    not_learner_text={"slug": "a former slug, checked against the same pattern"},
)
register_table(
    Portfolio,
    export=(
        "slug",
        "headline",
        "bio",
        "lang",
        "theme",
        "status",
        "indexable",
        "sections",
        "platforms",
        "photo_id",
        "notify_email",
        "updated_at",
    ),
    order=32,
    not_learner_text={
        "slug": "checked against a strict pattern (letters, digits, hyphens)",
        "lang": "ar or en",
        "status": "one of three codes",
        "theme": "a theme id checked against portfolio/themes/",
        "sections": "section codes checked against a fixed list",
        "platforms": PLATFORM_CODES,
    },
)


CASE_TEXT = ("title", "context", "goal", "actions", "results", "period", "lesson", "tools")


def set_portfolio(attribute: str) -> Any:
    """Store a payload in one text field of the user's published portfolio."""

    def set_value(session: Any, user: Any, value: str) -> None:
        """Create the portfolio (published) if needed, then set the field."""
        found = session.scalar(select(Portfolio).where(Portfolio.user_id == user.id))
        if found is None:
            found = Portfolio(user_id=user.id, slug=f"learner-{user.id}", status="published")
            session.add(found)
            session.flush()
        if attribute in CASE_TEXT:
            fields = {"title": "t", attribute: value}
            session.add(CaseStudy(portfolio_id=found.id, user_id=user.id, **fields))
        else:
            setattr(found, attribute, value)

    return set_value


def pages(user: Any) -> list[str]:
    """The builder and the public page."""
    return ["/portfolio", f"/p/learner-{user.id}"]


def public_page(user: Any) -> list[str]:
    """The public page only (case studies are listed there)."""
    return [f"/p/learner-{user.id}"]


register_xss_field(XssField("portfolio.headline", set_portfolio("headline"), pages, max_length=160))
# The bio is Markdown: the builder shows it as typed, the public page renders it.
register_xss_field(
    XssField("portfolio.bio", set_portfolio("bio"), pages, max_length=1000, rendered=("/p/",))
)
register_xss_field(XssField("case_study.title", set_portfolio("title"), pages, max_length=160))
for _name in CASE_TEXT[1:]:
    register_xss_field(
        XssField(f"case_study.{_name}", set_portfolio(_name), public_page, max_length=80)
    )


register_table(
    ContactMessage,
    export=("id", "sender_name", "sender_email", "body", "received_at", "read"),
    order=29,
)


def set_message(attribute: str) -> Any:
    """Store a payload in one field of a message sent to the user's portfolio."""

    def set_value(session: Any, user: Any, value: str) -> None:
        """Create the portfolio if needed, then a message carrying the value."""
        set_portfolio("headline")(session, user, "h")
        found = session.scalar(select(Portfolio).where(Portfolio.user_id == user.id))
        fields = {"sender_name": "n", "sender_email": "n@example.com", "body": "hello there"}
        session.add(
            ContactMessage(portfolio_id=found.id, user_id=user.id, **(fields | {attribute: value}))
        )

    return set_value


for _name, _limit in {"sender_name": 100, "sender_email": 254, "body": 1000}.items():
    register_xss_field(
        XssField(
            f"contact_message.{_name}",
            set_message(_name),
            lambda u: ["/portfolio/messages"],
            max_length=_limit,
        )
    )


register_table(
    ShareLink,
    export=("id", "label", "created_at", "expires_at", "revoked_at"),
    order=28,
    not_learner_text={"digest": "a SHA-256 digest, never displayed"},
)


def set_link_label(session: Any, user: Any, value: str) -> None:
    """A share link whose label carries the payload."""
    set_portfolio("headline")(session, user, "h")
    found = session.scalar(select(Portfolio).where(Portfolio.user_id == user.id))
    session.add(
        ShareLink(portfolio_id=found.id, user_id=user.id, digest=f"{user.id:064d}", label=value)
    )


def set_report_reason(session: Any, user: Any, value: str) -> None:
    """A visitor's report about the user's portfolio, carrying the payload."""
    set_portfolio("headline")(session, user, "h")
    found = session.scalar(select(Portfolio).where(Portfolio.user_id == user.id))
    session.add(PortfolioReport(portfolio_id=found.id, reason=value))


register_xss_field(
    XssField("share_link.label", set_link_label, lambda u: ["/portfolio"], max_length=80)
)
# Visitors write reports and admins read them: the same harness checks that page.
register_xss_field(
    XssField(
        "portfolio_report.reason",
        set_report_reason,
        lambda u: ["/admin/reports"],
        max_length=500,
        viewers=("admin",),
    )
)
