"""A campaign's results as CSV: one row per day, then the totals, each column's formula."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from app.ads import labels
from app.ads.models import AdCampaign
from app.ads.results import Money, Report


def safe_cell(text: str) -> str:
    """Learner text a spreadsheet will not run as a formula (a leading ' disarms it)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _value(m: Money, name: str) -> str:
    value = getattr(m, name)
    return "" if value is None else str(value)


def report_csv(campaign: AdCampaign, report: Report | None) -> str:
    """The CSV text (with a byte-order mark, so spreadsheets read Arabic as UTF-8)."""
    out = io.StringIO()
    w = csv.writer(out)
    cols = labels.metrics(report.sales if report else False)
    w.writerow([_("Campaign"), safe_cell(campaign.name)])
    w.writerow([_("Day"), *(str(name) for _key, name, _formula in cols)])
    w.writerow([_("Formula"), *(str(formula) for _key, _name, formula in cols)])
    if report is not None:
        for day, m in report.days:
            w.writerow([day.isoformat(), *(_value(m, key) for key, _n, _f in cols)])
        w.writerow([_("Total"), *(_value(report.totals, key) for key, _n, _f in cols)])
    return "\ufeff" + out.getvalue()
