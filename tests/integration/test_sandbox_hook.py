"""The composer's TikTok on-screen hook: typed, kept, shown on the post and checked."""

from __future__ import annotations

from sqlalchemy import select
from test_sandbox import compose_data, start

from app.core.extensions import db
from app.sandbox.models import SandboxPost

HOOK = "٣ أسرار لقهوة الصباح في #الرياض"
LONG = "لا تفوّتوا أول كوب قهوة مختصة في الفرع الجديد بحي الملقا صباح الغد"


def test_the_hook_is_saved_for_tiktok_only_and_shown_on_the_post(app, client, auth):
    """A hook typed for TikTok is stored and shown; the same field for X is ignored."""
    auth(locale="en")
    account_id = start(client)
    page = client.get(f"/sandbox/{account_id}/compose").get_data(as_text=True)
    assert 'name="p-tiktok-hook"' in page and 'name="p-x-hook"' not in page
    data = compose_data(**{"p-tiktok-hook": HOOK, "p-x-hook": "ignored"})
    assert client.post(f"/sandbox/{account_id}/compose", data=data).status_code == 303
    with app.app_context():
        posts = {p.platform: p for p in db.session.scalars(select(SandboxPost))}
    assert posts["tiktok"].hook == HOOK and posts["x"].hook == ""
    shown = client.get(f"/sandbox/{account_id}/posts/{posts['tiktok'].id}").get_data(as_text=True)
    assert HOOK in shown
    assert "The on-screen hook has" not in shown


def test_a_hook_over_ten_words_is_warned_on_check(app, client, auth):
    """The composer's check names the long hook with its word count."""
    auth(locale="en")
    assert len(LONG.split()) > 10
    account_id = start(client)
    data = compose_data(action="check", **{"p-tiktok-hook": LONG})
    page = client.post(f"/sandbox/{account_id}/compose", data=data).get_data(as_text=True)
    assert f"The on-screen hook has {len(LONG.split())} words" in page
    assert LONG in page  # what was typed is kept
