"""The cached site header: per-visitor state, aria-current, and per-request slots."""

from __future__ import annotations

import re


def nav(body: str) -> str:
    """The site header's HTML."""
    return body[body.index('<header class="site-header">') : body.index("</header>")]


def test_header_marks_the_current_section_and_fills_the_slots(client):
    """Each page marks its own nav entry; no placeholder ever reaches a page."""
    for path, label in (("/learn", "/learn"), ("/login", "/login"), ("/register", "/register")):
        header = nav(client.get(path).get_data(as_text=True))
        current = re.findall(r'<a href="([^"]+)" aria-current="page">', header)
        assert current == [label], (path, current)
        assert "@@tawasul" not in header
        assert f'name="next" value="{path}"' in header


def test_signed_in_header_differs_and_carries_this_sessions_token(app, client, auth):
    """A learner sees the account links; each session gets its own token in the header."""
    auth()
    body = client.get("/learn?x=%3Cb%3E").get_data(as_text=True)
    header = nav(body)
    assert "/account" in header and "/login" not in header
    tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', header))
    assert len(tokens) == 1 and "@@" not in next(iter(tokens))
    assert 'value="/learn?x=%3Cb%3E"' in header  # the query is echoed escaped, never raw
    other = app.test_client()
    auth(other)
    theirs = re.findall(
        r'name="csrf_token" value="([^"]+)"', nav(other.get("/learn").get_data(as_text=True))
    )
    assert theirs and theirs[0] not in tokens  # the cached HTML is shared, the token is not
