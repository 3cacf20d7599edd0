"""sbx-07 "Community guidelines and a moderation round": strong, weak, a rule never written,
the borderline gold that follows the learner's rules, and seeded rounds."""

from __future__ import annotations

import copy
from functools import cache

import pytest
from exercise_scoring import BRANDS, criterion, real_scorer, with_example

from app.exercises.domain.sbx07 import Sbx07Scorer
from app.exercises.domain.sbx07_data import load_sbx07


@cache
def scorer() -> Sbx07Scorer:
    """The scorer on the real data."""
    return real_scorer("sbx-07", load_sbx07, Sbx07Scorer)


def setup(brand="riyadh-cafe", hard=False, seed=7):  # type: ignore[no-untyped-def]
    """A variant, its task and the example submission."""
    return with_example(scorer(), brand, "borderline-comments" if hard else "standard", hard, seed)


def test_criteria_match_the_catalogue():
    """Ids and points as courses/exercises.yaml lists them (25/5/50/20)."""
    listed = tuple((c.id, c.points) for c in scorer().exercise.criteria)
    assert listed == Sbx07Scorer.criteria
    assert [c.lesson for c in scorer().exercise.criteria] == ["com-2", "com-2", "com-1", "com-2"]


@pytest.mark.parametrize("hard", [False, True])
@pytest.mark.parametrize("brand", BRANDS)
def test_a_strong_submission_scores_at_least_80(brand, hard):
    """The model guidelines with the gold decisions score ≥ 80 (in fact 100), no hard fail."""
    variant, task, example = setup(brand, hard)
    result = scorer().score(variant, task, example)
    assert result.total >= 80 and not result.hard_fails
    assert result.total == 100


def test_a_weak_submission_scores_below_50_with_reasons():
    """Thin sections, a yes/no welcome, every comment deleted citing no rule: under 50."""
    variant, task, _ = setup()
    weak = {
        "sections": {"purpose": "قهوة قهوة قهوة", "allowed": "lorem ipsum blah test"},
        "welcome": "هل تحبون القهوة؟",
        "rules": [{"n": 1, "text": "ممنوع", "category": "hate"}],
        "decisions": {c["id"]: {"decision": "delete", "rule": "none"} for c in task["comments"]},
    }
    result = scorer().score(variant, task, weak)
    assert result.total < 50
    assert criterion(result, "guideline-sections").points == 0
    codes = {r.code for c in result.criteria for r in c.reasons}
    assert {"sections.short", "sections.empty", "welcome.yes-no"} <= codes
    assert "consistency.action-without-rule" in codes


def test_a_rule_never_written_loses_exactly_that_comments_consistency_points():
    """Citing a rule number the learner never wrote costs that comment's 2 consistency points
    (20 ÷ 10) and nothing else, and the reason names the comment and the number."""
    variant, task, example = setup()
    strong = scorer().score(variant, task, example)
    key = scorer().key(variant, task)["comments"]
    labels = {c["label"] for c in key}
    gone = next(r for r in example["rules"] if r["category"] not in labels)
    broken = copy.deepcopy(example)
    broken["rules"] = [r for r in broken["rules"] if r["n"] != gone["n"]]
    target = next(c for c in key if c["label"] != "none")
    broken["decisions"][target["id"]]["rule"] = str(gone["n"])
    result = scorer().score(variant, task, broken)
    lost = criterion(strong, "consistency").points - criterion(result, "consistency").points
    assert lost == pytest.approx(20 / 10)
    assert result.total == strong.total - 2
    said = [r for r in criterion(result, "consistency").reasons if not r.ok]
    assert [(r.code, r.values["comment"], r.values["rule"]) for r in said] == [
        ("consistency.never-written", target["n"], str(gone["n"]))
    ]


def test_a_rule_of_the_wrong_category_is_a_misfit():
    """A cited rule that exists but is about another category earns no consistency."""
    variant, task, example = setup()
    key = scorer().key(variant, task)["comments"]
    target = next(c for c in key if c["label"] != "hate")
    example["decisions"][target["id"]]["rule"] = "2"  # the model's hate rule
    result = scorer().score(variant, task, example)
    codes = [r.code for r in criterion(result, "consistency").reasons if not r.ok]
    assert codes == ["consistency.misfit"]


@pytest.mark.parametrize("brand", BRANDS)
def test_the_borderline_gold_follows_the_learners_own_rules(brand):
    """Covert promotion: hide with a spam-promotion rule, keep without one; each decision
    scores full only under the rules it fits."""
    variant, task, example = setup(brand, hard=True)
    key = scorer().key(variant, task)["comments"]
    promo = next(c for c in key if c.get("kind") == "covert-promotion")
    assert promo["conditional"] == {
        "category": "spam-promotion",
        "if_rule": "hide",
        "otherwise": "keep",
    }
    with_rule = scorer().score(variant, task, example)
    assert criterion(with_rule, "decisions").points == 50
    no_rule = copy.deepcopy(example)
    no_rule["rules"] = [r for r in no_rule["rules"] if r["category"] != "spam-promotion"]
    for mine in no_rule["decisions"].values():
        if mine["rule"] == "3":  # spam comments that cited the removed rule now cite none
            mine["rule"] = "none"
    hidden = scorer().score(variant, task, no_rule)
    said = {r.values["comment"]: r for r in criterion(hidden, "decisions").reasons}
    assert said[promo["n"]].code == "decision.wrong" and said[promo["n"]].values["gold"] == "keep"
    no_rule["decisions"][promo["id"]] = {"decision": "keep", "rule": "none"}
    kept = scorer().score(variant, task, no_rule)
    said = {r.values["comment"]: r for r in criterion(kept, "decisions").reasons}
    assert said[promo["n"]].code == "decision.match"
    fits = {r.values["comment"]: r for r in criterion(kept, "consistency").reasons}
    assert fits[promo["n"]].code == "consistency.no-rule-needed"


def test_keeping_a_comment_your_own_rule_covers_is_inconsistent():
    """Keeping a covert promotion while having a spam-promotion rule: gold is hide, and the
    decision that cites no rule ignores rule 3."""
    variant, task, example = setup(hard=True)
    promo = next(
        c for c in scorer().key(variant, task)["comments"] if c.get("kind") == "covert-promotion"
    )
    example["decisions"][promo["id"]] = {"decision": "keep", "rule": "none"}
    result = scorer().score(variant, task, example)
    fits = {r.values["comment"]: r for r in criterion(result, "consistency").reasons}
    assert fits[promo["n"]].code == "consistency.rule-ignored"
    said = {r.values["comment"]: r for r in criterion(result, "decisions").reasons}
    assert said[promo["n"]].code == "decision.wrong"


def test_partial_credit_from_the_matrix():
    """Deleting an insult the key hides earns half of the comment's five points."""
    for seed in range(1, 40):
        variant, task, example = setup(seed=seed)
        key = scorer().key(variant, task)["comments"]
        insult = next(
            (c for c in key if c["gold"] == "hide" and c["label"] == "insults-harassment"), None
        )
        if insult:
            break
    assert insult is not None
    example["decisions"][insult["id"]]["decision"] = "delete"
    result = scorer().score(variant, task, example)
    assert criterion(result, "decisions").points == pytest.approx(50 - 2.5)


def test_seeds_reproduce_the_round_and_vary_it():
    """Same seed, same ten comments in the same order; other seeds draw other rounds."""
    rounds = set()
    for seed in range(1, 8):
        a = [c["id"] for c in setup(seed=seed)[1]["comments"]]
        b = [c["id"] for c in setup(seed=seed)[1]["comments"]]
        assert a == b and len(a) == 10 and len(set(a)) == 10
        rounds.add(tuple(a))
    assert len(rounds) > 1
    hard = [c["id"] for c in setup(hard=True)[1]["comments"]]
    assert sum(cid.startswith("rc-b") for cid in hard) == 3


def test_the_task_shows_no_key():
    """Comments carry their text and author, never the label, gold or rationale."""
    _, task, _ = setup(hard=True)
    for comment in task["comments"]:
        assert set(comment) == {"id", "n", "author", "lang", "text"}


@pytest.mark.parametrize(
    ("welcome", "code"),
    [
        ("أهلًا بكم! وش أكثر محصول تحبونه؟ ☕ #قهوة", "welcome.open"),
        ("Welcome! Which brew do you make at home?", "welcome.open"),
        ("نورتونا! إيه أكتر لون بتحبوه؟", "welcome.open"),
        ("هل تحبون القهوة؟", "welcome.yes-no"),
        ("Do you like coffee?", "welcome.yes-no"),
        ("أهلًا بكم في مجتمعنا", "welcome.no-question"),
        ("ما رأيكم؟ شكرًا لكم جميعًا على المتابعة والدعم الدائم لنا في كل يوم", "welcome.not-at-end"),
        ("", "welcome.empty"),
    ],
)
def test_the_welcome_post_must_end_with_an_open_question(welcome, code):
    """Open question words in Arabic dialects and English; yes/no and buried questions fail."""
    variant, task, example = setup()
    example["welcome"] = welcome
    result = scorer().score(variant, task, example)
    found = criterion(result, "open-question")
    assert [r.code for r in found.reasons] == [code]
    assert found.points == (5 if code == "welcome.open" else 0)


@pytest.mark.parametrize(
    "junk",
    [
        {},
        {"sections": "x", "rules": "y", "decisions": [1, 2], "welcome": None},
        {"rules": [{"n": "1", "text": 5, "category": "hate"}, None], "decisions": {"x": None}},
        {"decisions": {"rc-01": {"decision": "\x00", "rule": "٣"}}, "welcome": "؟" * 3000},
    ],
)
def test_hostile_submissions_never_raise(junk):
    """Odd shapes score low without an exception."""
    variant, task, _ = setup()
    assert scorer().score(variant, task, junk).total <= 25
