"""Retention periods: calendar months and whole units, as the privacy page states them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.core.retention.parts import Period, months_before


def test_months_before_keeps_the_day_and_time():
    """Twelve months before a date is the same day and time a year earlier."""
    moment = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    assert months_before(moment, 12) == datetime(2025, 11, 26, 9, 30, tzinfo=UTC)
    assert months_before(moment, 13) == datetime(2025, 10, 26, 9, 30, tzinfo=UTC)


def test_months_before_clamps_to_the_last_day_and_crosses_years():
    """The 31st becomes the month's last day; January minus a month is last December."""
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2028, 3, 31, tzinfo=UTC), 1) == datetime(2028, 2, 29, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(
        2024, 12, 15, tzinfo=UTC
    )


def test_period_of_a_configured_timedelta():
    """A configured lifetime becomes a whole number of the unit the page uses, or is refused."""
    assert Period.of(timedelta(hours=48), "hours") == Period(48, "hours")
    assert Period.of(timedelta(days=30), "days") == Period(30, "days")
    with pytest.raises(ValueError, match="whole number"):
        Period.of(timedelta(minutes=90), "hours")


def test_period_cutoff():
    """The cutoff is the period before now, in its unit."""
    now = datetime(2026, 5, 31, 12, tzinfo=UTC)
    assert Period(7, "days").before(now) == datetime(2026, 5, 24, 12, tzinfo=UTC)
    assert Period(60, "minutes").before(now) == datetime(2026, 5, 31, 11, tzinfo=UTC)
    assert Period(1, "months").before(now) == datetime(2026, 4, 30, 12, tzinfo=UTC)
