"""Every scenario's model answers pass the rubric they teach (the data and the rubric agree)."""

from __future__ import annotations

import pytest

from app.inbox.domain.items import ReplyInputs, context_for, follow_up_of, message_for
from app.inbox.domain.lexicons import reply_data
from app.inbox.domain.promises import concepts
from app.inbox.domain.rubric import Reply
from app.inbox.domain.score import score_reply
from app.sandbox.domain.scenarios import load_sandbox

SCENARIOS = load_sandbox().scenarios
ACTIONS = {"reply-then-dm": "private", "dm": "private", "ignore": "none"}
TEXTLESS = ("none", "hide", "delete", "block")


def model_answers(scenario):
    """(message, action, role, text) for every bank message and follow-up, as the key says."""
    for base in scenario.get("inbox") or []:
        for m, channel in ((base, None), (follow_up_of(base), "dm")):
            if not m:
                continue
            action = ACTIONS.get(m["expected"], m["expected"])
            text = "" if action in TEXTLESS else m["model_reply"][m["lang"]]
            yield m, channel, action, m.get("escalate_to", ""), text


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_model_answers_score_at_least_seventy_on_time(scenario_id):
    """The model answer, sent on time with the key's action and role, scores 70 or more."""
    data = reply_data()
    scenario = SCENARIOS[scenario_id].data
    ctx = context_for(scenario, ReplyInputs(data.lists, data.credit, data.bands, concepts()))
    low = []
    for m, channel, action, role, text in model_answers(scenario):
        score = score_reply(message_for(scenario, m, channel), Reply(action, text, role, 0.5), ctx)
        if score.points < 70 or score.hard_fails:
            low.append((m["id"], score.points, score.hard_fails, score.caps))
    assert not low, low
