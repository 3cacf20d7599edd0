"""Static files through the app: hashed names in pages, immutable caching, plain names kept."""

from __future__ import annotations

import gzip
import re
import time

import pytest
from conftest import app_config
from security.prod import production_app

from app import create_app
from app.core.assets import EXTENSION, IMMUTABLE, Assets
from app.core.manifest import HASH_LENGTH
from app.credentials.issue import IMAGE

HASHED_URL = re.compile(rf"^/static/.+\.[0-9a-f]{{{HASH_LENGTH}}}\.[a-z0-9]+$")
BASE = "https://127.0.0.1"  # production accepts only PUBLIC_BASE_URL's host
STATIC_REF = re.compile(r"""(?:href|src)="(/static/[^"]+)\"""")


def static_refs(html: str) -> list[str]:
    """Every /static/ address a page links to."""
    return STATIC_REF.findall(html)


def follow(client, url):
    """Fetch a static URL and check it is served for a year; its url() targets too, recursively."""
    response = client.get(url, base_url=BASE)
    assert response.status_code == 200, url
    assert response.headers["Cache-Control"] == IMMUTABLE, url
    assert "Expires" not in response.headers
    seen = [url]
    if url.endswith(".css"):
        folder = url.rsplit("/", 1)[0]
        for ref in re.findall(r"url\(([^)'\"]+)\)", response.get_data(as_text=True)):
            if not ref.startswith("data:"):
                target = re.sub(r"[^/]+/\.\./", "", f"{folder}/{ref}")
                assert HASHED_URL.match(target), (url, ref)
                seen += follow(client, target)
    return seen


@pytest.mark.parametrize("env", ["testing", "production"])
def test_pages_link_hashed_files_served_immutable(app, database_url, mailbox, env):
    """Home and login link only hashed names; each (fonts inside the CSS too) is immutable."""
    application = app if env == "testing" else production_app(database_url, mailbox)
    client = application.test_client()
    fetched: set[str] = set()
    for page in ("/", "/login"):
        refs = static_refs(client.get(page, base_url=BASE).get_data(as_text=True))
        assert refs, page
        for ref in refs:
            assert HASHED_URL.match(ref), (page, ref)
            fetched.update(follow(application.test_client(), ref))
    # The stylesheet, the icon and the fonts it names: nothing served under its plain name.
    assert any(u.endswith(".css") for u in fetched) and any(u.endswith(".woff2") for u in fetched)


def test_plain_name_revalidates_wrong_hash_is_404_and_etag_gives_304(client):
    """A plain name is no-cache; a made-up hash and a path escape are 404; ETag → 304."""
    plain = client.get("/static/css/app.css")
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "no-cache"
    # Its fonts' names are inside it: only the ETag, not the file's date, says it is unchanged.
    assert "Last-Modified" not in plain.headers
    hashed = static_refs(client.get("/").get_data(as_text=True))[0]
    assert client.get(hashed).data == plain.data  # same bytes (fonts rewritten) by either name
    digits = hashed.rsplit(".", 2)[1]
    wrong = hashed.replace(digits, "0" * HASH_LENGTH if digits != "0" * HASH_LENGTH else "1" * 10)
    assert client.get(wrong).status_code == 404
    assert client.get("/static/../app/config.py").status_code == 404
    again = client.get(hashed, headers={"If-None-Match": client.get(hashed).headers["ETag"]})
    assert again.status_code == 304


def test_text_files_go_gzipped_to_browsers_that_accept_it(client):
    """Same bytes once decoded, own ETag, Vary on both forms; fonts are never re-compressed."""
    css = static_refs(client.get("/").get_data(as_text=True))[0]
    plain = client.get(css)
    packed = client.get(css, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2
    assert packed.headers["ETag"] != plain.headers["ETag"]
    for response in (plain, packed):
        assert "Accept-Encoding" in response.headers["Vary"]
        assert response.headers["Cache-Control"] == IMMUTABLE
    font = re.search(r"url\(\.\./(fonts/[^)]+\.woff2)\)", plain.get_data(as_text=True))
    assert font is not None
    woff = client.get(f"/static/{font[1]}", headers={"Accept-Encoding": "gzip"})
    assert woff.status_code == 200 and "Content-Encoding" not in woff.headers


def test_static_files_carry_no_cookie_even_when_signed_in(client, auth):
    """No Set-Cookie and no Vary: Cookie, so a sign-in does not void the cached copies."""
    auth()
    assert "no-store" in client.get("/account/").headers["Cache-Control"]
    for ref in static_refs(client.get("/").get_data(as_text=True)):
        response = client.get(ref)
        assert response.status_code == 200, ref
        assert "Set-Cookie" not in response.headers, ref
        assert "cookie" not in response.headers.get("Vary", "").lower(), ref


def test_credential_badge_keeps_its_plain_address(client):
    """Issued credentials name /static/credentials/badge.svg: it must keep answering."""
    assert client.get(IMAGE).status_code == 200


def test_watching_rebuilds_names_when_a_file_changes(app, tmp_path):
    """In development a changed file gets a new name on the next look (no restart)."""
    (tmp_path / "a.js").write_text("one", encoding="utf-8")
    watched = Assets(tmp_path, watch=True, interval=0)
    frozen = Assets(tmp_path, watch=False)
    with app.app_context():
        first = watched.current().url_name("a.js")
        time.sleep(0.01)  # a new modification time even on coarse clocks
        (tmp_path / "a.js").write_text("two!", encoding="utf-8")
        assert watched.current().url_name("a.js") != first
        assert frozen.current().url_name("a.js") == first


def test_development_watches_the_folder_and_other_configs_do_not(app, database_url, mailbox):
    """`make run` (development) picks up edited files; testing and production hash once."""
    dev = create_app({**app_config(database_url, mailbox), "ENV_NAME": "development"})
    prod = production_app(database_url, mailbox)
    assert dev.config["ENV_NAME"] == "development" and dev.extensions[EXTENSION].watch
    assert not app.extensions[EXTENSION].watch and not prod.extensions[EXTENSION].watch
