"""Kinds of offer a reply mentions (app/inbox/domain/promises.py, pure)."""

from __future__ import annotations

from app.inbox.domain.promises import Concepts, concepts

WORDS = Concepts({"refund": (("refund",), ("money", "back")), "gift": (("voucher",), ("هديه",))})


def test_one_word_stems_match_the_start_of_a_word():
    """A one-word stem matches any word it begins, in either language."""
    assert WORDS.of("We will refund you") == {"refund"}
    assert WORDS.of("Two refunds and three vouchers") == {"refund", "gift"}
    assert WORDS.of("a prefund") == set()  # the stem must begin the word
    assert WORDS.of("nothing promised here") == set()


def test_phrases_match_whole_words_in_order():
    """A stem of several words matches those words side by side, not glued or reversed."""
    assert WORDS.of("your money back today") == {"refund"}
    assert WORDS.of("moneyback") == set()
    assert WORDS.of("back your money") == set()


def test_a_conjunction_written_onto_a_word_is_set_aside():
    """«وهدية» counts as «هدية» (folded: taa marbuta as haa)."""
    assert WORDS.of("ونقدم لك وهدية") == {"gift"}
    assert WORDS.of("هدايا") == set()


def test_the_shipped_kinds_find_an_offer_in_both_languages():
    """The shipped stems find some kind of offer in a plain refund promise, Arabic and English."""
    assert concepts().of("We will give you a full refund")
    assert concepts().of("سنعيد لك المبلغ كاملا")
