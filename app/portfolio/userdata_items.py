"""Portfolio items, pictures and counters in the user-data registry and the XSS harness."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.core.registry import (
    XssField,
    delete_rows,
    register_table,
    register_user_files,
    register_xss_field,
)
from app.portfolio.domain import ITEM_FIELDS
from app.portfolio.models import Portfolio, PortfolioImage, PortfolioItem, PortfolioStat
from app.portfolio.userdata import set_portfolio

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
ITEM_COLUMNS = ("id", "kind", "position", "image_id", *ITEM_FIELDS)
register_table(
    PortfolioItem,
    export=ITEM_COLUMNS,
    order=27,
    not_learner_text={
        "kind": "one of four codes",
        "rate_kind": "one of three codes",
        "currency": "a code from a fixed list",
    },
)


def export_images(session: Any, user: Any) -> list[dict[str, Any]]:
    """The user's pictures as rows naming their file in the archive (bytes go in the file)."""
    rows = session.scalars(select(PortfolioImage).where(PortfolioImage.user_id == user.id))
    return [
        {
            "id": image.id,
            "file": f"images/{image.id}.{EXTENSIONS.get(image.mime, 'bin')}",
            "mime": image.mime,
            "width": image.width,
            "height": image.height,
            "sha256": image.digest,
            "created_at": image.created_at.isoformat(),
        }
        for image in rows
    ]


def image_files(session: Any, user: Any) -> list[tuple[str, bytes]]:
    """The user's pictures as files of the export archive."""
    rows = session.scalars(select(PortfolioImage).where(PortfolioImage.user_id == user.id))
    return [(f"images/{i.id}.{EXTENSIONS.get(i.mime, 'bin')}", i.data) for i in rows]


def delete_images(session: Any, user: Any) -> None:
    """Delete the user's pictures after the rows that point at them are gone."""
    for portfolio in session.scalars(select(Portfolio).where(Portfolio.user_id == user.id)):
        portfolio.photo_id = None
    session.flush()
    delete_rows(PortfolioImage)(session, user)


# Items (27) and the portfolio's photo link go before the pictures; the portfolio at 32.
register_table(
    PortfolioImage,
    export=export_images,
    delete=delete_images,
    order=33,
    not_learner_text={
        "mime": "one of three image types set by the server",
        "digest": "a SHA-256 digest set by the server",
    },
)
register_user_files(image_files)
register_table(
    PortfolioStat,
    export=("day", "metric", "key", "count"),
    order=26,
    not_learner_text={"metric": "one of three codes set by the server"},
)


def set_item(kind: str, attribute: str) -> Any:
    """Store a payload in one field of an item of the user's published portfolio."""

    def set_value(session: Any, user: Any, value: str) -> None:
        """Create the portfolio and a visible item carrying the value."""
        set_portfolio("headline")(session, user, "h")
        found = session.scalar(select(Portfolio).where(Portfolio.user_id == user.id))
        fields = {"title": "t", "body": "said this", "consent": True, "amount": 5}
        fields |= {"rate_kind": "hourly", "currency": "SAR", "url": "https://example.com/x"}
        if kind == "sample":  # a screenshot, so its description (alt) is on the page
            picture = PortfolioImage(
                user_id=user.id, data=b"x", mime="image/png", width=1, height=1, digest="0"
            )
            session.add(picture)
            session.flush()
            fields["image_id"] = picture.id
        session.add(
            PortfolioItem(
                portfolio_id=found.id, user_id=user.id, kind=kind, **(fields | {attribute: value})
            )
        )

    return set_value


def both_pages(user: Any) -> list[str]:
    """The builder (titles) and the public page."""
    return ["/portfolio", f"/p/learner-{user.id}"]


def item_editor(user: Any) -> list[str]:
    """The editor of the user's latest item (it shows the saved link in its form)."""
    from app.core.extensions import db

    last = db.session.scalar(
        select(PortfolioItem.id)
        .where(PortfolioItem.user_id == user.id)
        .order_by(PortfolioItem.id.desc())
    )
    return [f"/portfolio/items/{last}", f"/p/learner-{user.id}"]


_named: set[str] = set()
for _kind, _fields in {
    "service": ("title", "body", "detail"),
    "sample": ("title", "body", "detail", "alt"),
    "testimonial": ("title", "body", "detail"),
    "tool": ("title", "body", "detail"),
}.items():
    for _field in _fields:
        # The first kind showing a column takes the plain "table.column" name; the other
        # kinds render it in other templates, so they are checked too, under a suffix.
        _name = f"portfolio_item.{_field}"
        register_xss_field(
            XssField(
                _name if _name not in _named else f"{_name}@{_kind}",
                set_item(_kind, _field),
                both_pages if _field == "title" else item_editor,
                max_length=160,
                browser=_name not in _named,
            )
        )
        _named.add(_name)


# The public page links through /go/ and keeps the address in data-url (scanned, not shown).
register_xss_field(
    XssField("portfolio_item.url", set_item("sample", "url"), item_editor, rendered=("/p/",))
)


def set_referrer(session: Any, user: Any, value: str) -> None:
    """A referring-site counter whose key (sent by visitors' browsers) carries the payload."""
    from app.core.db import utcnow

    set_portfolio("headline")(session, user, "h")
    found = session.scalar(select(Portfolio).where(Portfolio.user_id == user.id))
    session.add(
        PortfolioStat(
            portfolio_id=found.id,
            user_id=user.id,
            day=utcnow().date(),
            metric="ref",
            key=value,
            count=1,
        )
    )


# Referring hosts come from visitors' Referer headers: shown to the owner, so checked too.
register_xss_field(
    XssField("portfolio_stat.key", set_referrer, lambda u: ["/portfolio/stats"], max_length=120)
)
