"""Credentials on the portfolio: the verified section, the builder preview, the JSON Resume.

The section lists what the learner shows (not hidden, not revoked), each with a "verified"
link to its verification page, and is left out when there is none; the JSON Resume export
lists the same under `certificates`; importing a resume never creates a credential.
"""

from __future__ import annotations

import json
import re

from credential_world import complete_track, credentials_of
from test_portfolio_resume import export, publish, upload

from app.portfolio.resume import problems

SLUG = "sara-badges"
URL = f"/p/{SLUG}"
MARK = "شارة موثّقة"


def section(html: str) -> str:
    """The credentials section of a page ("" when the page has none)."""
    found = re.search(
        r'<section[^>]*aria-labelledby="credentials-heading".*?</section>', html, re.S
    )
    return found.group(0) if found else ""


def earn(app, client, auth):
    """A learner with a published Arabic portfolio and one track credential."""
    user = auth()
    publish(client, SLUG, "مديرة محتوى")
    complete_track(app, client, user)
    (held,) = credentials_of(app, user.id)
    return user, held


def test_the_portfolio_lists_shown_credentials_with_a_verified_link(app, client, auth):
    """Name, issuer, date, status and a link to the verification page; the preview too."""
    _user, held = earn(app, client, auth)
    visitor = app.test_client()
    html = section(visitor.get(URL).get_data(as_text=True))
    assert held.document["name"] in html and "تواصل" in html
    assert MARK in html and f'href="/credentials/{held.public_id}"' in html
    assert "صالحة" in html  # its status, in the portfolio's language
    preview = client.post(
        "/portfolio/preview", data={"slug": SLUG, "lang": "ar", "headline": "معاينة"}
    ).get_data(as_text=True)
    assert held.public_id in section(preview)


def test_hidden_or_revoked_credentials_leave_the_page_and_the_section_goes(app, client, auth):
    """Hiding removes it (the cached page is redrawn); revoking too; none left, no section."""
    _user, held = earn(app, client, auth)
    visitor = app.test_client()
    assert held.public_id in section(visitor.get(URL).get_data(as_text=True))
    assert (
        client.post(f"/account/credentials/{held.id}/hide", data={"hidden": "1"}).status_code == 303
    )
    assert section(visitor.get(URL).get_data(as_text=True)) == ""
    client.post(f"/account/credentials/{held.id}/hide", data={"hidden": "0"})
    assert held.public_id in section(visitor.get(URL).get_data(as_text=True))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["credentials", "revoke", held.public_id]).exit_code == 0
    assert section(visitor.get(URL).get_data(as_text=True)) == ""


def test_a_learner_without_credentials_has_no_section(app, client, auth):
    """The empty state: the section is left out of the public page."""
    auth()
    publish(client, SLUG, "مديرة محتوى")
    html = app.test_client().get(URL).get_data(as_text=True)
    assert 'id="credentials-heading"' not in html


def test_a_credential_in_both_languages_is_listed_once_in_the_page_language(app, client, auth):
    """The English copy of the same achievement stays off an Arabic portfolio."""
    _user, held = earn(app, client, auth)
    assert client.post(f"/account/credentials/{held.id}/language").status_code == 303
    html = section(app.test_client().get(URL).get_data(as_text=True))
    assert html.count("verified-mark") == 1 and held.public_id in html


def test_resume_export_lists_certificates_and_validates(app, client, auth):
    """name, issuer, date (YYYY-MM-DD) and the verification page's absolute address."""
    _user, held = earn(app, client, auth)
    doc = export(client)
    assert problems(doc) == []
    base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    assert doc["certificates"] == [
        {
            "name": held.document["name"],
            "issuer": held.document["issuer"]["name"],
            "date": held.valid_from.strftime("%Y-%m-%d"),
            "url": f"{base}/credentials/{held.public_id}",
        }
    ]
    client.post(f"/account/credentials/{held.id}/hide", data={"hidden": "1"})
    assert "certificates" not in export(client)


def test_importing_a_resume_with_certificates_never_creates_a_credential(app, client, auth):
    """Certificates in a file (ours or any) are export only: no credential row appears."""
    user, held = earn(app, client, auth)
    doc = export(client)
    doc["certificates"].append(
        {
            "name": "Meta Certified",
            "issuer": "Meta",
            "date": "2025-01-02",
            "url": "https://x.example/c",
        }
    )
    assert problems(doc) == []
    fresh = app.test_client()
    other = auth(fresh)
    assert upload(fresh, json.dumps(doc).encode()).status_code == 200
    assert credentials_of(app, other.id) == []
    assert upload(client, json.dumps(doc).encode()).status_code == 200
    assert [c.public_id for c in credentials_of(app, user.id)] == [held.public_id]
    assert "Meta Certified" not in app.test_client().get(URL).get_data(as_text=True)


def test_the_verification_page_links_back_to_the_shown_portfolio(app, client, auth):
    """The learner's name links to their published portfolio (never an empty link)."""
    user, held = earn(app, client, auth)
    html = app.test_client().get(f"/credentials/{held.public_id}").get_data(as_text=True)
    assert f'<a href="{URL}" dir="auto">{user.display_name}</a>' in html
    assert 'href="/p/"' not in html


def test_the_learner_hides_and_moves_the_section_like_the_others(app, client, auth):
    """The builder lists it after verified skills, labelled; unticked, the page leaves it out."""
    from app.portfolio.domain import SECTIONS

    _user, held = earn(app, client, auth)
    builder = client.get("/portfolio").get_data(as_text=True)
    label = re.search(r'<label for="show-credentials">([^<]+)</label>', builder)
    assert label is not None and label.group(1).strip()
    assert builder.index('id="move-skills"') < builder.index('id="move-credentials"')
    assert builder.index('id="move-credentials"') < builder.index('id="move-testimonials"')
    shown = [name for name in SECTIONS if name != "credentials"]
    form = {"order": list(SECTIONS), "shown": shown}
    assert client.post("/portfolio/sections", data=form).status_code == 303
    assert section(app.test_client().get(URL).get_data(as_text=True)) == ""
    form["shown"] = list(SECTIONS)
    assert client.post("/portfolio/sections", data=form).status_code == 303
    assert held.public_id in section(app.test_client().get(URL).get_data(as_text=True))


def test_a_stored_layout_from_before_gets_the_section_in_its_default_place():
    """A layout saved before credentials existed: the new section goes after verified skills."""
    from app.portfolio.domain import sections

    stored = "contact,skills,!services,case_studies,samples,testimonials,tools"
    assert [name for name, _h in sections(stored)] == [
        "contact",
        "skills",
        "credentials",
        "services",
        "case_studies",
        "samples",
        "testimonials",
        "tools",
    ]
