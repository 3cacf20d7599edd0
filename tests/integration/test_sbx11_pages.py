"""sbx-11 pages with the real app: the work page in ar and en, a 422 keeps what was typed, the
result page with the key, the printable report and its CSV (BOM, formula-safe), no 500."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from conftest import app_config
from exercise_forms import form_for
from exercise_pages import attempt_at, signed_in, start_exercise

from app import create_app

start = partial(start_exercise, "sbx-11")
row = attempt_at


@pytest.fixture
def app_(database_url, mailbox) -> Iterator[Any]:
    """The real app."""
    yield create_app(app_config(database_url, mailbox))


def example_for(app_: Any, path: str) -> tuple[Any, dict[str, Any]]:
    """The attempt behind a path and the scorer's strong example for it."""
    attempt = row(app_, path)
    with app_.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        scorer = exercise_data().scorers["sbx-11"]
        return attempt, scorer.example(variant_of(attempt), attempt.task)


@pytest.mark.parametrize(("locale", "condition"), [("ar", "standard"), ("en", "two-anomalies")])
def test_the_work_page_shows_the_month_and_every_field(app_, users, locale, condition):
    """Every post, each KPI's value and denominator, the causes and three recommendations."""
    client, _ = signed_in(app_, users, locale=locale)
    path = start(client, condition)
    html = client.get(path).get_data(as_text=True)
    task = row(app_, path).task
    for name in ("kpi-er_reach-value", "kpi-ctr-den", "best", "worst", "rec-3-action", "headline"):
        assert f'id="{name}"' in html
    for i in range(1, task["anomaly_count"] + 1):
        assert f'id="cause-{i}"' in html
    assert task["anomaly_count"] == (2 if condition == "two-anomalies" else 1)
    for post in task["posts"]:
        assert f'<option value="{post["n"]}"' in html
    if locale == "ar":
        assert "مؤشرات الأداء" in html or "المقام" in html


def test_a_bad_submit_rerenders_422_keeping_every_typed_value(app_, users):
    """A value that is no number and missing choices are field errors; typed text comes back."""
    client, _ = signed_in(app_, users, locale="en")
    path = start(client, "standard")
    attempt = row(app_, path)
    data = {
        "kpi-er_reach-value": "lots",
        "kpi-er_reach-den": "reach",
        "rec-1-action": "Post <b>three</b> Reels",
        "headline": "A good month",
        "action": "submit",
        "token": attempt.token,
    }
    response = client.post(path, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="lots"' in html and 'id="kpi-er_reach-value-error"' in html
    assert "Post &lt;b&gt;three&lt;/b&gt; Reels" in html and 'value="A good month"' in html
    assert '<option value="reach" selected>' in html
    assert 'id="best-error"' in html and 'id="rec-2-action-error"' in html
    assert row(app_, path).status == "open"


@pytest.mark.parametrize("condition", ["standard", "two-anomalies"])
def test_submitting_the_example_scores_100_and_shows_the_key(app_, users, condition):
    """The example scores 100; the result names every criterion, the signatures, the model."""
    client, _ = signed_in(app_, users, locale="en")
    path = start(client, condition)
    attempt, example = example_for(app_, path)
    fields = form_for("sbx-11", example, attempt.task)
    response = client.post(path, data={**fields, "action": "submit", "token": attempt.token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/result")
    assert row(app_, path).score == 100
    html = client.get(f"{path}/result").get_data(as_text=True).replace("&#39;", "'")
    assert "Model recommendations" in html and "Key denominator" in html
    assert "anl-4" in html and "Each recommendation cites a metric" in html


def test_the_printable_report_and_csv_carry_what_was_typed(app_, users):
    """The print page and the CSV show the saved report; the CSV has a BOM and inert cells."""
    client, _ = signed_in(app_, users, locale="ar")
    path = start(client, "standard")
    attempt, example = example_for(app_, path)
    fields = form_for("sbx-11", example, attempt.task)
    fields["rec-1-action"] = '=HYPERLINK("http://evil.example","انقر")'
    fields["headline"] = "@SUM(A1) شهر جيد"
    assert client.post(path, data={**fields, "action": "save"}).status_code == 303
    page = client.get(f"{path}/report")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "تقرير الأداء الشهري" in html and "=HYPERLINK(&#34;http://evil.example" in html
    got = client.get(f"{path}/report.csv")
    assert got.status_code == 200 and got.mimetype == "text/csv"
    body = got.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    cells = [c for r in rows for c in r]
    assert '\'=HYPERLINK("http://evil.example","انقر")' in cells
    assert "'@SUM(A1) شهر جيد" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert example["kpis"]["er_reach"]["value"] in cells


def test_other_exercises_have_no_report_page(app_, users):
    """The report routes answer 404 for an attempt of an exercise without a report."""
    client, _ = signed_in(app_, users, locale="en")
    path = start_exercise("sbx-07", client, "standard")
    assert client.get(f"{path}/report").status_code == 404
    assert client.get(f"{path}/report.csv").status_code == 404


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "\x00\x1f", "٫٫", "9" * 400, "-1e309", "nan", "' OR 1=1 --"],
)
def test_hostile_input_never_gives_500(app_, users, value):
    """Hostile values in every field re-render or save, never a server error."""
    client, _ = signed_in(app_, users, locale="ar")
    path = start(client, "two-anomalies")
    attempt = row(app_, path)
    names = ["kpi-er_reach-value", "kpi-ctr-den", "best", "cause-1", "cause-2", "rec-1-metric"]
    names += ["rec-1-action", "headline"]
    for action in ("save", "submit"):
        data = dict.fromkeys(names, value) | {"action": action, "token": attempt.token}
        assert client.post(path, data=data).status_code in (303, 422)
    assert client.get(f"{path}/report").status_code == 200
    assert client.get(f"{path}/report.csv").status_code == 200
