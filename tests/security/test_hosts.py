"""The Host header: refused in production unless trusted, never used in a link or cache key."""

from __future__ import annotations

import json
import re

from support import PASSWORD

from security.prod import production_app

EVIL = "http://evil.example"
PROFILE = {"headline": "مديرة محتوى", "bio": "نص", "slug": "sara-social", "lang": "ar"}
PAGE = "/p/sara-social"


def publish(client, users, base_url: str) -> None:
    """Sign a learner in and publish their portfolio, every request sent to `base_url`."""
    user = users.create()
    signed_in = client.post(
        "/login", base_url=base_url, data={"email": user.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 303
    saved = client.post("/portfolio", base_url=base_url, data=PROFILE | {"status": "published"})
    assert saved.status_code == 303


def absolute_links(html: str) -> list[str]:
    """Every absolute address in href/src/content attributes of a page."""
    return re.findall(r'(?:href|src|content)="(https?://[^"]+)"', html)


def test_untrusted_host_is_refused_with_400_in_production(app, database_url, mailbox, users):
    """Production answers 400 (not 500, not the page) to a Host outside TRUSTED_HOSTS."""
    prod = production_app(database_url, mailbox)
    assert prod.config["TRUSTED_HOSTS"] == ["127.0.0.1"]  # PUBLIC_BASE_URL's host by default
    client = prod.test_client()
    publish(client, users, "https://127.0.0.1")
    for method, path in (("GET", "/"), ("GET", PAGE), ("POST", "/login"), ("GET", "/healthz")):
        refused = prod.test_client().open(path, method=method, base_url="https://evil.example")
        assert refused.status_code == 400, (method, path, refused.status_code)
        assert refused.mimetype == "text/plain" and "evil" not in refused.get_data(as_text=True)
    # A trusted host on another port, and the same page, still work.
    assert prod.test_client().get(PAGE, base_url="https://127.0.0.1:8443").status_code == 200


def test_links_come_from_public_base_url_whatever_the_host(app, database_url, mailbox, users):
    """With evil.example admitted, canonical, og:url and og:image still name PUBLIC_BASE_URL."""
    prod = production_app(
        database_url,
        mailbox,
        PUBLIC_BASE_URL="https://tawasul.example",
        TRUSTED_HOSTS=["tawasul.example", "evil.example"],
    )
    publish(prod.test_client(), users, "https://tawasul.example")
    page = prod.test_client().get(PAGE, base_url="https://evil.example").get_data(as_text=True)
    assert f'<link rel="canonical" href="https://tawasul.example{PAGE}">' in page
    assert f'<meta property="og:url" content="https://tawasul.example{PAGE}">' in page
    assert f'content="https://tawasul.example{PAGE}/share.png"' in page
    assert "evil.example" not in page


def test_secret_link_resume_and_mail_ignore_the_host(app, client, users, mailbox):
    """A secret link, the JSON Resume export and mailed links use PUBLIC_BASE_URL only."""
    base = app.config["PUBLIC_BASE_URL"]
    publish(client, users, EVIL)
    made = client.post(
        "/portfolio/links", base_url=EVIL, data={"label": "عميل"}, follow_redirects=True
    )
    shown = made.get_data(as_text=True)
    assert f"{base}{PAGE}?k=" in shown and "evil.example" not in shown
    resume = json.loads(client.get("/portfolio/resume.json", base_url=EVIL).get_data())
    assert resume["basics"]["url"] == f"{base}{PAGE}"
    stranger = app.test_client()
    stranger.post(
        "/register",
        base_url=EVIL,
        data={"email": "nour@example.com", "display_name": "نور", "password": PASSWORD},
    )
    stranger.post("/forgot", base_url=EVIL, data={"email": "nour@example.com"})
    bodies = [mailbox.body(m) for m in mailbox.to("nour@example.com")]
    assert bodies and all("evil.example" not in body for body in bodies)
    assert all(base + "/" in body for body in bodies)


def test_page_cache_is_not_keyed_or_poisoned_by_the_host(app, client, users):
    """Visits under odd Host headers share one cached page, and it names no visitor's host."""
    publish(client, users, "http://localhost")
    app.extensions.pop("portfolio_pages", None)
    for host in ("evil.example", "evil.example:8080", "other.invalid"):
        odd = app.test_client().get(PAGE, base_url=f"http://{host}")
        assert odd.status_code == 200 and host.split(":")[0] not in odd.get_data(as_text=True)
    normal = app.test_client().get(PAGE).get_data(as_text=True)
    assert "evil.example" not in normal and "other.invalid" not in normal
    assert all(link.startswith(app.config["PUBLIC_BASE_URL"]) for link in absolute_links(normal))
    # One entry for the one version of the page: Host values cannot fill or flush the cache.
    assert len(app.extensions["portfolio_pages"]) == 1
