"""The replay table's fast weekday-and-time filter says what Babel's own formatting says."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale, format_datetime

from app.core.i18n import weekday_time


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_weekday_time_matches_babel_for_every_day_and_hour(app, lang):
    """Seven days at several hours give the same text as datetimeformat('EEE HH:mm')."""
    start = datetime(2027, 1, 31, 0, 7)
    with app.test_request_context(), force_locale(lang):
        for hours in range(0, 7 * 24, 5):
            when = start + timedelta(hours=hours)
            assert weekday_time(when) == format_datetime(when, "EEE HH:mm"), when
