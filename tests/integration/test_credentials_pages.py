"""The credential pages: valid HTML in both languages, Arabic by default, no learner text unescaped."""

from __future__ import annotations

from credential_world import complete_track, credentials_of
from support import PASSWORD
from test_html_valid import assert_valid_html

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def test_pages_are_valid_html_in_both_languages(app, users, tmp_path):
    """Verification page (valid, revoked, tombstone, verified again) and the learner's list."""
    files = []
    for lang in ("ar", "en"):
        user = users.create(locale=lang, name=PAYLOAD)
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": PASSWORD})
        complete_track(app, client, user)
        (held,) = credentials_of(app, user.id)
        visitor = app.test_client()
        headers = {"Accept-Language": lang}
        pages = {
            "mine": client.get("/account/credentials"),
            "verify": visitor.get(f"/credentials/{held.public_id}", headers=headers),
        }
        runner = app.test_cli_runner()
        assert runner.invoke(args=["credentials", "revoke", held.public_id]).exit_code == 0
        pages["revoked"] = visitor.get(f"/credentials/{held.public_id}", headers=headers)
        for name, response in pages.items():
            assert response.status_code == 200, name
            html = response.get_data(as_text=True)
            assert f'<html lang="{lang}"' in html, name
            assert "<script>alert(1)" not in html and "onerror=alert" not in html.replace(
                "onerror=alert(1)&gt;", ""
            )
            file = tmp_path / f"{lang}-{name}.html"
            file.write_text(html, encoding="utf-8")
            files.append(file)
    assert_valid_html(files, tmp_path)


def test_arabic_is_the_default_and_json_is_served_as_application_vc(app, users):
    """An anonymous visitor gets Arabic; the download is application/vc; unknown ids 404."""
    user = users.create()
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    complete_track(app, client, user)
    (held,) = credentials_of(app, user.id)
    visitor = app.test_client()
    assert '<html lang="ar" dir="rtl"' in visitor.get(f"/credentials/{held.public_id}").get_data(
        as_text=True
    )
    download = visitor.get(f"/credentials/{held.public_id}.json")
    assert download.mimetype == "application/vc"
    assert download.headers["Content-Disposition"].startswith("attachment")
    negotiated = visitor.get(f"/credentials/{held.public_id}", headers={"Accept": "application/vc"})
    assert negotiated.mimetype == "application/vc"
    assert visitor.get("/credentials/issuer").mimetype == "application/ld+json"
    assert visitor.get("/credentials/" + "0" * 32).status_code == 404
    assert visitor.get("/credentials/not-an-id!").status_code == 404
