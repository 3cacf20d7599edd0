"""Password policy (ASVS 6.2): length, no composition rules, common and context words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.accounts.domain import common_passwords, password_problems, safe_next

COMMON = common_passwords()


def problems(pw, email="mona.ali@example.com", name="Mona"):
    """Problems for a password with the bundled list."""
    return password_problems(pw, email=email, display_name=name, common=COMMON)


def test_bundled_list_is_large():
    """The offline common-password list has at least 10,000 entries."""
    assert len(COMMON) >= 10_000


def test_length_boundaries():
    """7 characters are refused, 8 accepted; 128 accepted, 129 refused; 64+ fine."""
    assert "too_short" in problems("kq8#zw1")
    assert problems("kq8#zw1m") == []
    assert problems("x" * 5 + "kq8#zw1m" * 15 + "abc") == []  # 128 characters
    assert "too_long" in problems("kq8#zw1m" * 16 + "z")
    assert problems("a river of moonlight " * 4) == []


def test_no_composition_rules():
    """An all-lowercase passphrase is accepted (no upper/digit/symbol rules)."""
    assert problems("purple elephants dance slowly") == []


def test_common_passwords_refused_in_any_case():
    """Common passwords are refused however they are capitalised."""
    assert "common" in problems("password123")
    assert "common" in problems("PASSWORD123")
    assert "common" in problems("qwertyuiop")


def test_context_words_refused():
    """The email's local part, the display name and the product name are refused."""
    assert "context" in problems("xx-mona.ali-2026")
    assert "context" in problems("i am MONA forever")
    assert "context" in problems("my tawasul secret")
    assert "context" in problems("كلمة تواصل السرية")


def test_password_checked_exactly_as_typed():
    """Spaces are characters: a password of 8 spaces is long enough, nothing is trimmed."""
    assert problems(" " * 8) == []
    assert "too_short" in problems("  abc   "[:7])


@given(st.text(max_size=300))
def test_policy_never_raises(pw):
    """Any text gives a list of known problem codes."""
    assert set(problems(pw)) <= {"too_short", "too_long", "common", "context"}


@given(st.text(max_size=200))
def test_safe_next_only_returns_relative_paths(target):
    """safe_next returns None or a path that starts with one slash."""
    out = safe_next(target)
    assert out is None or (out.startswith("/") and not out.startswith("//") and "\\\\" not in out)
