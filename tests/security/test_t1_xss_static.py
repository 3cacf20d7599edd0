"""T1 (static leg): every registered learner-text field renders hostile input inertly."""

from __future__ import annotations

import pytest
from support import PASSWORD
from xss import PAYLOADS, scan, violations

from app.core.db import write_unit
from app.core.extensions import db
from app.core.registry import XSS_FIELDS


def test_corpus_is_large_enough():
    """The hostile corpus has at least 40 distinct payloads."""
    assert len(set(PAYLOADS)) >= 40


def test_checker_catches_injection():
    """Self-test: the invariant checker flags a page with injected markup."""
    assert violations(
        '<p><img src=x onerror="alert(1)"><a href="javascript:x">a</a><svg></svg></p>'
    )
    assert not violations('<p><a href="/x">a</a></p>')
    assert violations('<link rel="stylesheet" href="https://evil.example/x.css">')
    assert violations('<link rel="canonical" href="javascript:alert(1)">')
    assert not violations('<link rel="canonical" href="https://tawasul.example/p/sara">')


@pytest.mark.parametrize("field_name", sorted(XSS_FIELDS))
def test_field_renders_payloads_as_text(app, users, field_name):
    """Each payload is shown as text on every page of the field, with 0 forbidden constructs."""
    field = XSS_FIELDS[field_name]
    renders = 0
    for i, payload in enumerate(PAYLOADS):
        value = payload[: field.max_length]
        if field_name.endswith("email"):
            value = f"{i}{value}"[: field.max_length]
        owner = users.create()
        viewer_clients = []
        client = app.test_client()
        client.post("/login", data={"email": owner.email, "password": PASSWORD})
        viewer_clients.append(client)
        if "admin" in field.viewers:
            admin_client = app.test_client()
            admin = users.create(role="admin")
            admin_client.post("/login", data={"email": admin.email, "password": PASSWORD})
        with app.app_context(), write_unit(db.session) as s:
            field.set_value(s, owner, value)
        shown = False
        with app.app_context():
            paths = field.pages(owner)  # may look up what set_value made
        for path in paths:
            clients = [admin_client] if path.startswith("/admin") else viewer_clients
            for c in clients:
                response = c.get(path)
                assert response.status_code == 200, (path, response.status_code)
                found, text = scan(response.get_data(as_text=True))
                assert not found, (field_name, payload, path, found)
                shown = shown or value.strip() in text
                renders += 1
        assert shown, f"{field_name}: payload never displayed: {value!r}"
    print(
        f"T1 static: {len(PAYLOADS)} payloads x {field_name}: {renders} renders, 0 forbidden tags/attributes/schemes"
    )
