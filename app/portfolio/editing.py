"""Editing a portfolio's sections: items, case studies, section order and pictures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select

from app.accounts.models import User
from app.core.db import DbSession, locked, utcnow, write_unit
from app.core.extensions import db
from app.portfolio.domain import CASE_FIELDS, ITEM_FIELDS, outbound_link, store_sections
from app.portfolio.errors import NotYours, PortfolioNotFound
from app.portfolio.images import CleanImage
from app.portfolio.models import CaseStudy, Portfolio, PortfolioImage, PortfolioItem


def own(s: DbSession, user: User, portfolio: Portfolio) -> Portfolio:
    """The user's portfolio locked inside the unit, so edits of one portfolio run in turn.

    Positions are counted and renumbered inside the unit; with the row locked, two tabs
    adding or moving at once cannot give two rows one place.
    """
    row: Portfolio | None = locked(s, Portfolio, portfolio.id)
    if row is None or row.user_id != user.id:
        raise PortfolioNotFound(user.id)
    return row


def still_mine(s: DbSession, user: User, model: Any, row_id: int) -> Any:
    """An item or case study read afresh inside the unit; None when gone or not the user's."""
    row = locked(s, model, row_id)
    return row if row is not None and row.user_id == user.id else None


def touch(portfolio: Portfolio) -> None:
    """Mark the portfolio changed (its cached public page is then rendered afresh)."""
    portfolio.updated_at = utcnow()


def save_sections(user: User, portfolio: Portfolio, layout: Sequence[tuple[str, bool]]) -> None:
    """Store the order of the page's sections and which are hidden."""
    if portfolio.user_id != user.id:
        raise NotYours(portfolio.id)
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        portfolio.sections = store_sections(layout)
        touch(portfolio)


def item_of(user: User, item_id: int) -> PortfolioItem:
    """The user's own item (NotYours when it is missing or another learner's)."""
    item = db.session.get(PortfolioItem, item_id)
    if item is None or item.user_id != user.id:
        raise NotYours(item_id)
    return item


def items_of(portfolio: Portfolio) -> list[PortfolioItem]:
    """Every item of the portfolio, in order within its kind."""
    query = select(PortfolioItem).where(PortfolioItem.portfolio_id == portfolio.id)
    return list(db.session.scalars(query.order_by(PortfolioItem.position, PortfolioItem.id)))


def store_image(user: User, clean: CleanImage) -> PortfolioImage:
    """Keep a cleaned picture for the user (inside the caller's unit of work)."""
    image = PortfolioImage(
        user_id=user.id,
        data=clean.data,
        mime=clean.mime,
        width=clean.width,
        height=clean.height,
        digest=clean.digest,
    )
    db.session.add(image)
    db.session.flush()
    return image


def save_item(
    user: User,
    portfolio: Portfolio,
    item: PortfolioItem | None,
    kind: str,
    fields: Mapping[str, Any],
    picture: CleanImage | None = None,
) -> PortfolioItem:
    """Create or update a service, sample, testimonial or tool."""
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        if item is not None:
            item = still_mine(s, user, PortfolioItem, item.id)
            if item is None:
                raise PortfolioNotFound(user.id)  # deleted meanwhile: never recreated
        if item is None:
            count = s.scalar(
                select(func.count(PortfolioItem.id)).where(
                    PortfolioItem.portfolio_id == portfolio.id, PortfolioItem.kind == kind
                )
            )
            item = PortfolioItem(
                portfolio_id=portfolio.id, user_id=user.id, kind=kind, position=count or 0
            )
            s.add(item)
        for key in ITEM_FIELDS:
            if key in fields:
                setattr(item, key, fields[key])
        if picture is not None:
            old = item.image_id
            item.image_id = store_image(user, picture).id
            if old:
                s.query(PortfolioImage).filter_by(id=old, user_id=user.id).delete()
        touch(portfolio)
    return item


def delete_item(user: User, portfolio: Portfolio, item_id: int) -> None:
    """Delete one of the user's items and its picture."""
    item_of(user, item_id)
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        item = still_mine(s, user, PortfolioItem, item_id)
        if item is None:
            return  # deleted meanwhile (another tab): nothing left to do
        image_id = item.image_id
        s.delete(item)
        if image_id:
            s.query(PortfolioImage).filter_by(id=image_id, user_id=user.id).delete()
        touch(portfolio)


def move_item(user: User, portfolio: Portfolio, item_id: int, step: int) -> None:
    """Move an item one place up (-1) or down (+1) within its section."""
    item_of(user, item_id)
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        item = still_mine(s, user, PortfolioItem, item_id)
        if item is None:
            return
        _reorder([i for i in items_of(portfolio) if i.kind == item.kind], item, step)
        touch(portfolio)


def _reorder(rows: list[Any], row: Any, step: int) -> None:
    """Renumber rows with one moved (positions become 0..n-1)."""
    i = rows.index(row)
    rows.insert(min(max(i + step, 0), len(rows) - 1), rows.pop(i))
    for n, each in enumerate(rows):
        each.position = n


def case_study_of(user: User, study_id: int) -> CaseStudy:
    """The user's own case study (NotYours when it is missing or another learner's)."""
    study = db.session.get(CaseStudy, study_id)
    if study is None or study.user_id != user.id:
        raise NotYours(study_id)
    return study


def save_case_study(
    user: User, portfolio: Portfolio, study: CaseStudy | None, fields: Mapping[str, Any]
) -> CaseStudy:
    """Create a real-world case study or update any (a simulated one keeps its figures)."""
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        if study is not None:
            study = still_mine(s, user, CaseStudy, study.id)
            if study is None:
                raise PortfolioNotFound(user.id)  # deleted meanwhile: never recreated
        if study is None:
            study = CaseStudy(
                portfolio_id=portfolio.id,
                user_id=user.id,
                position=len(portfolio.case_studies),
                simulated=False,
            )
            s.add(study)
        for key in CASE_FIELDS:
            if key in fields:
                setattr(study, key, fields[key])
        touch(portfolio)
    return study


def delete_case_study(user: User, portfolio: Portfolio, study_id: int) -> None:
    """Delete one of the user's case studies."""
    case_study_of(user, study_id)
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        study = still_mine(s, user, CaseStudy, study_id)
        if study is None:
            return
        s.delete(study)
        touch(portfolio)


def move_case_study(user: User, portfolio: Portfolio, study_id: int, step: int) -> None:
    """Move a case study one place up or down."""
    case_study_of(user, study_id)
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        study = still_mine(s, user, CaseStudy, study_id)
        if study is None:
            return
        _reorder(list(portfolio.case_studies), study, step)
        touch(portfolio)


def set_photo(user: User, portfolio: Portfolio, picture: CleanImage | None) -> None:
    """Replace (or, with None, remove) the portfolio's photo."""
    with write_unit(db.session) as s:
        portfolio = own(s, user, portfolio)
        old = portfolio.photo_id
        portfolio.photo_id = store_image(user, picture).id if picture is not None else None
        if old:
            s.query(PortfolioImage).filter_by(id=old, user_id=user.id).delete()
        touch(portfolio)


def image_for(portfolio: Portfolio, image_id: int) -> PortfolioImage | None:
    """A picture the portfolio shows (its photo or a sample's), else None."""
    if image_id == portfolio.photo_id:
        return db.session.get(PortfolioImage, image_id)
    used = db.session.scalar(
        select(PortfolioItem.id).where(
            PortfolioItem.portfolio_id == portfolio.id, PortfolioItem.image_id == image_id
        )
    )
    return db.session.get(PortfolioImage, image_id) if used else None


def shown_link(portfolio: Portfolio, item_id: int) -> tuple[PortfolioItem, str] | None:
    """An item the page shows with a link, and its saved http(s) target; else None."""
    item = db.session.get(PortfolioItem, item_id)
    if item is None or item.portfolio_id != portfolio.id:
        return None
    target = outbound_link(item.kind, item.url, item.hidden)
    return (item, target) if target else None
