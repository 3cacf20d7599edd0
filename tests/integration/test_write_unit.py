"""The write unit commits only what it wrote: pending changes are refused, reads are rolled back."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, inspect, select
from test_sandbox import compose_data, start

from app.accounts.models import User
from app.core.db import PendingChanges, write_unit
from app.core.extensions import db
from app.sandbox.models import SandboxPost


def display_name(app, user_id: int) -> str:
    """The stored display name, read in a fresh session."""
    with app.app_context():
        name = db.session.scalar(select(User.display_name).where(User.id == user_id))
        db.session.remove()
    return name


def test_a_dirty_session_makes_a_write_unit_raise_and_store_nothing(app, users):
    """A row changed outside any unit: the next unit raises, runs nothing, commits nothing."""
    user = users.create(name="Before")
    ran = []
    with app.app_context():
        loaded = db.session.get(User, user.id)
        loaded.display_name = "Changed only to show it again"
        with pytest.raises(PendingChanges), write_unit(db.session) as s:
            ran.append(True)
            s.add(User(email="other@example.com", display_name="x", password_hash="x"))
        db.session.remove()
    assert not ran
    assert display_name(app, user.id) == "Before"
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1
        db.session.remove()


def test_new_deleted_or_flushed_objects_also_refuse(app, users):
    """An added object, a deleted one, or changes already flushed outside a unit: all refused."""
    user = users.create(name="Before")
    with app.app_context():
        db.session.add(User(email="stray@example.com", display_name="x", password_hash="x"))
        with pytest.raises(PendingChanges), write_unit(db.session):
            pass
        db.session.remove()
        db.session.delete(db.session.get(User, user.id))
        with pytest.raises(PendingChanges), write_unit(db.session):
            pass
        db.session.remove()
        db.session.get(User, user.id).display_name = "Flushed"
        db.session.flush()  # the session looks clean now, but the row sits in the transaction
        with pytest.raises(PendingChanges), write_unit(db.session):
            pass
        db.session.remove()
    assert display_name(app, user.id) == "Before"
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1
        db.session.remove()


def test_a_read_transaction_ends_with_a_rollback_not_a_commit(app, users):
    """Reading first, then a unit: one commit (the unit's own) and the read rows are re-read."""
    user = users.create(name="Before")
    commits = []
    with app.app_context():
        session = db.session()
        event.listen(session, "after_commit", lambda s: commits.append(True))
        loaded = session.get(User, user.id)
        assert session.in_transaction()
        with write_unit(db.session):
            assert inspect(loaded).expired  # nothing read before the unit is trusted inside it
            loaded.display_name = "After"
        assert len(commits) == 1
        db.session.remove()
    assert display_name(app, user.id) == "After"


def test_a_unit_can_follow_a_refused_one_after_the_session_is_cleared(app, users):
    """The refusal is not sticky: once the stray change is dropped, units work again."""
    user = users.create(name="Before")
    with app.app_context():
        db.session.get(User, user.id).display_name = "Stray"
        with pytest.raises(PendingChanges), write_unit(db.session):
            pass
        db.session.rollback()
        with write_unit(db.session) as s:
            s.get(User, user.id).display_name = "Meant"
        db.session.remove()
    assert display_name(app, user.id) == "Meant"


def test_editing_a_post_with_errors_shows_what_was_typed_and_leaves_the_row(app, client, auth):
    """The sandbox edit page re-renders from the form; the stored post keeps its text."""
    auth()
    account_id = start(client)
    client.post(f"/sandbox/{account_id}/compose", data=compose_data())
    with app.app_context():
        post = db.session.scalar(select(SandboxPost).where(SandboxPost.account_id == account_id))
        post_id, text = post.id, post.text
        db.session.remove()
    typed = {"format": "feed", "text": "نص لم يحفظ", "goal": "fame", "media_count": "0"}
    response = client.post(f"/sandbox/{account_id}/posts/{post_id}/edit", data=typed)
    assert response.status_code == 400 and "نص لم يحفظ" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(SandboxPost, post_id).text == text
        db.session.remove()
