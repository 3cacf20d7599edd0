"""The parts of the retention table: periods stated as they are enforced, purges, rules."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import LazyString, ngettext
from sqlalchemy import Table, delete, func, select
from sqlalchemy.sql.elements import ColumnElement

from app.core.db import write_unit
from app.core.extensions import db
from app.core.mail import outbox_dir


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class Period:
    """A retention period in one unit, so the page can state it as it is enforced."""

    amount: int
    unit: str

    @classmethod
    def of(cls, delta: timedelta, unit: str) -> Period:
        """A configured timedelta in `unit`; refuses one that is not a whole number of them."""
        size = timedelta(**{unit: 1})
        if delta % size:
            raise ValueError(f"{delta} is not a whole number of {unit}")
        return cls(delta // size, unit)

    def before(self, now: datetime) -> datetime:
        """The cutoff: data older than this moment is past the period."""
        if self.unit == "months":
            return months_before(now, self.amount)
        return now - timedelta(**{self.unit: self.amount})

    def words(self) -> str:
        """The period in the reader's language ("12 months", "١٢ شهرًا")."""
        n = self.amount
        if self.unit == "minutes":
            return ngettext("%(num)d minute", "%(num)d minutes", n)
        if self.unit == "hours":
            return ngettext("%(num)d hour", "%(num)d hours", n)
        if self.unit == "days":
            return ngettext("%(num)d day", "%(num)d days", n)
        return ngettext("%(num)d month", "%(num)d months", n)

    def __str__(self) -> str:
        """The period in plain English, for the command line."""
        return f"{self.amount} {self.unit}"


Periods = Callable[[Mapping[str, Any]], dict[str, Period]]


def _no_periods(config: Mapping[str, Any]) -> dict[str, Period]:
    """Rules without a period (kept with the account, or outside the application)."""
    return {}


@dataclass(frozen=True)
class RowPurge:
    """Deletes a table's rows that are past the rule's periods."""

    table: str
    # (table, now, cutoffs by period name) -> the condition of rows to delete
    where: Callable[[Table, datetime, dict[str, datetime]], ColumnElement[bool]]

    def apply(self, now: datetime, cutoffs: dict[str, datetime], dry_run: bool) -> int:
        """Delete the rows past their period (or only count them) and return how many."""
        table = db.metadata.tables[self.table]
        condition = self.where(table, now, cutoffs)
        if dry_run:
            return int(db.session.scalar(select(func.count()).select_from(table).where(condition)))
        with write_unit(db.session) as s:
            return int(s.execute(delete(table).where(condition)).rowcount)


@dataclass(frozen=True)
class OutboxPurge:
    """Deletes development mail files (instance/mail/*.eml) older than the period."""

    def apply(self, now: datetime, cutoffs: dict[str, datetime], dry_run: bool) -> int:
        """Delete the old .eml files (or only count them) and return how many."""
        folder = outbox_dir()
        if not folder.is_dir():
            return 0
        cutoff = cutoffs["period"].timestamp()
        old = [p for p in folder.glob("*.eml") if p.is_file() and p.stat().st_mtime < cutoff]
        if not dry_run:
            for path in old:
                path.unlink(missing_ok=True)
        return len(old)


@dataclass(frozen=True)
class Rule:
    """One row of the privacy page: what, why, how long, and how the period is enforced."""

    name: str
    data: LazyString
    why: LazyString
    # May name periods as %(name)s; they are filled from `periods`.
    how_long: LazyString
    tables: tuple[str, ...] = ()
    periods: Periods = _no_periods
    purge: RowPurge | OutboxPurge | None = None  # None: not deleted by `flask retention run`

    def how_long_text(self, config: Mapping[str, Any]) -> str:
        """The "How long" cell in the current language, with the configured periods."""
        periods = self.periods(config)
        text = str(self.how_long)
        return text % {k: p.words() for k, p in periods.items()} if periods else text


def fixed(**periods: Period) -> Periods:
    """Periods written in this table (not taken from the configuration)."""
    return lambda config: dict(periods)


def older(column: str) -> Callable[[Table, datetime, dict[str, datetime]], ColumnElement[bool]]:
    """Rows whose `column` is before the cutoff of the rule's one period."""
    return lambda t, now, cut: t.c[column] < cut["period"]


@dataclass
class Outcome:
    """What one rule's purge did (or would do, in a dry run)."""

    rule: Rule
    count: int
    periods: dict[str, Period] = field(default_factory=dict)
