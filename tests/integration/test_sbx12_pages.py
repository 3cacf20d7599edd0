"""sbx-12 "Run and read an A/B test" pages with the real app: declare through the step route,
the counts before the call and no working, the call, submit, the result with both workings."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from conftest import app_config
from exercise_pages import attempt_at, signed_in, start_exercise

from app import create_app

start = partial(start_exercise, "sbx-12")


@pytest.fixture
def ab_app(database_url, mailbox) -> Iterator[Any]:
    """The real app (sbx-12 is registered by app.exercises.kinds)."""
    yield create_app(app_config(database_url, mailbox))


def declare(task: dict[str, Any], **extra: str) -> dict[str, str]:
    """A declaration that changes only B's first line."""
    form = {f"{side}_{k}": str(v) for side in ("a", "b") for k, v in task["start"].items()}
    form |= {"b_first_line": "سؤال اليوم: كم كوبًا تشرب؟", "step": "declare"}
    return (
        form
        | {
            "attribute": "first-line",
            "metric": "engaged",
            "direction": "",
            "duration_days": "7",
            "sample": "2000",
        }
        | extra
    )


@pytest.mark.parametrize("condition", ["standard", "unequal-split"])
def test_declare_then_counts_then_call_then_the_working(ab_app, users, condition):
    """No counts before the declaration; counts but no working before submission; then both."""
    client, _ = signed_in(ab_app, users)
    path = start(client, condition)
    first = client.get(path).get_data(as_text=True)
    assert 'value="declare"' in first and "People who acted (x)" not in first
    task = attempt_at(ab_app, path).task
    bad = client.post(f"{path}/step", data=declare(task, sample="12"))
    assert bad.status_code == 422 and "The sample must be 100 to 20,000" in bad.get_data(
        as_text=True
    )
    assert client.post(f"{path}/step", data=declare(task)).status_code == 303
    page = client.get(path).get_data(as_text=True)
    assert "People who acted (x)" in page and "Standard error" not in page
    again = client.post(f"{path}/step", data=declare(task, sample="5000"))
    assert again.status_code == 422 and "The declaration is locked" in again.get_data(as_text=True)
    call = {"step": "call", "call": "inconclusive", "action_next": "retest-larger"}
    call["next_step"] = "نعيد الاختبار بعينة أكبر ولمدة أطول"
    assert client.post(f"{path}/step", data=call).status_code == 303
    token = attempt_at(ab_app, path).token
    done = client.post(path, data={"action": "submit", "token": token})
    assert done.status_code == 303
    result = client.get(done.headers["Location"]).get_data(as_text=True)
    assert result.count("Standard error") == 2  # the learner's working and the model's
    assert "نعيد الاختبار بعينة أكبر" in result
    assert attempt_at(ab_app, path).result["criteria"][0]["points"] == 30
