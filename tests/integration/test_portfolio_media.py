"""Portfolio pictures, share image, counted links, owner analytics, email notice, page cache."""

from __future__ import annotations

import io
import re
import time

from PIL import Image
from sqlalchemy import select

from app.core.extensions import db
from app.portfolio.models import Portfolio, PortfolioImage, PortfolioItem, PortfolioStat

PROFILE = {"headline": "مديرة محتوى", "bio": "نص", "slug": "sara-social", "lang": "ar"}
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36"}


def jpeg_with_gps() -> bytes:
    """A small JPEG carrying GPS coordinates in its EXIF block."""
    picture = Image.new("RGB", (64, 48), "#8a5a3c")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (24.0, 42.0, 0.0)  # latitude
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def publish(client, auth, status="published", **extra):
    """Sign a learner in and save their portfolio with a status; returns the public path."""
    user = auth()
    assert client.post("/portfolio", data=PROFILE | {"status": status} | extra).status_code == 303
    return "/p/sara-social", user


def test_photo_is_cleaned_and_served_safely(app, client, auth):
    """A JPEG loses its GPS data and is served with nosniff, a sandbox CSP and an ETag."""
    url, _user = publish(client, auth)
    raw = jpeg_with_gps()
    assert b"PhoneMaker" in raw
    sent = client.post("/portfolio/photo", data={"photo": (io.BytesIO(raw), "me.jpg")})
    assert sent.status_code == 303
    with app.app_context():
        image = db.session.scalar(select(PortfolioImage))
        image_id, stored = image.id, image.data
    assert b"PhoneMaker" not in stored and not Image.open(io.BytesIO(stored)).getexif()
    visitor = app.test_client()
    page = visitor.get(url).get_data(as_text=True)
    assert f"{url}/images/{image_id}" in page
    served = visitor.get(f"{url}/images/{image_id}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    again = visitor.get(
        f"{url}/images/{image_id}", headers={"If-None-Match": served.headers["ETag"]}
    )
    assert again.status_code == 304 and not again.get_data()


def test_svg_and_oversized_pictures_are_refused(app, client, auth):
    """SVG and files over 5 MB are refused with a message; nothing is stored."""
    publish(client, auth)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for data, name in ((svg, "x.svg"), (b"\xff\xd8" + b"0" * (5 * 1024 * 1024), "big.jpg")):
        response = client.post(
            "/portfolio/photo", data={"photo": (io.BytesIO(data), name)}, follow_redirects=True
        )
        assert response.status_code == 200 and 'class="flash flash-error"' in response.get_data(
            as_text=True
        )
    sample = {"title": "منشور", "alt": "وصف الصورة", "image": (io.BytesIO(svg), "x.svg")}
    refused = client.post("/portfolio/items/new/sample", data=sample)
    assert refused.status_code == 400 and "منشور" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(PortfolioImage)) is None


def test_pictures_follow_the_page_visibility(app, client, auth):
    """A draft's pictures are the owner's only; another portfolio's picture is not served."""
    url, _user = publish(client, auth, status="draft")
    client.post("/portfolio/photo", data={"photo": (io.BytesIO(jpeg_with_gps()), "me.jpg")})
    with app.app_context():
        image_id = db.session.scalar(select(PortfolioImage.id))
    assert client.get(f"{url}/images/{image_id}").status_code == 200
    assert app.test_client().get(f"{url}/images/{image_id}").status_code == 404
    other = app.test_client()
    auth(other)
    other.post("/portfolio", data=PROFILE | {"slug": "other-one", "status": "published"})
    assert app.test_client().get(f"/p/other-one/images/{image_id}").status_code == 404


def test_share_image_is_1200_by_630_and_only_for_readable_pages(app, client, auth):
    """The share picture is a 1200×630 PNG named in og:image; a draft has none for visitors."""
    url, _user = publish(client, auth)
    page = app.test_client().get(url).get_data(as_text=True)
    assert re.search(
        r'<meta property="og:image" content="http://[^"]+/p/sara-social/share.png">', page
    )
    shot = app.test_client().get(f"{url}/share.png")
    assert shot.status_code == 200 and shot.mimetype == "image/png"
    assert Image.open(io.BytesIO(shot.get_data())).size == (1200, 630)
    client.post("/portfolio", data=PROFILE | {"status": "draft"})
    assert app.test_client().get(f"{url}/share.png").status_code == 404


def test_views_referrers_and_clicks_are_counted_without_visitor_data(app, client, auth):
    """Visitors count (not the owner, not bots); referrers keep the host only; no IP is kept."""
    url, _user = publish(client, auth)
    client.post(
        "/portfolio/items/new/tool", data={"title": "Canva", "url": "https://canva.example/x"}
    )
    visitor = app.test_client()
    visitor.get(url, headers=BROWSER | {"Referer": "https://www.linkedin.com/in/sara?x=secret"})
    visitor.get(url, headers=BROWSER)
    visitor.get(url, headers={"User-Agent": "Googlebot/2.1"})
    client.get(url, headers=BROWSER)  # the owner's own visit
    with app.app_context():
        item_id = db.session.scalar(select(PortfolioItem.id))
    hop = visitor.get(f"{url}/go/{item_id}", headers=BROWSER)
    assert hop.status_code == 302 and hop.headers["Location"] == "https://canva.example/x"
    assert visitor.get(f"{url}/go/999999").status_code == 404
    with app.app_context():
        stats = {(s.metric, s.key): s.count for s in db.session.scalars(select(PortfolioStat))}
    assert stats == {("view", ""): 2, ("ref", "linkedin.com"): 1, ("click", str(item_id)): 1}
    assert not any("127.0.0.1" in key or "secret" in key for _metric, key in stats)
    report = client.get("/portfolio/stats").get_data(as_text=True)
    assert "linkedin.com" in report and "Canva" in report


def test_message_email_goes_to_the_owner_only_when_asked(app, client, auth, mailbox):
    """With the option on, the owner gets an email through SMTP; the visitor never sees it."""
    url, user = publish(client, auth, notify_email="y")
    visitor = app.test_client()
    token = re.search(
        r'name="token" value="([^"]+)"', visitor.get(url).get_data(as_text=True)
    ).group(1)
    time.sleep(3.1)  # the form's minimum fill time
    message = {
        "name": "مقهى الورد",
        "email": "hello@cafe.example",
        "message": "نحتاجك في رمضان",
        "token": token,
    }
    sent = visitor.post(url + "/contact", data=message, follow_redirects=True)
    assert sent.status_code == 200 and user.email not in sent.get_data(as_text=True)
    (mail,) = mailbox.to(user.email)
    assert "نحتاجك في رمضان" in mail.get_payload(decode=True).decode()
    client.post("/portfolio", data=PROFILE | {"status": "published"})  # option off
    mailbox.clear()
    time.sleep(0.1)
    visitor.post(url + "/contact", data=message)
    assert mailbox.to(user.email) == []


def test_anonymous_page_cache_follows_every_change(app, client, auth):
    """A cached page changes with the portfolio at once, and each visitor gets a form token."""
    url, _user = publish(client, auth)
    first = app.test_client().get(url).get_data(as_text=True)
    assert "@@" not in first and "مديرة محتوى" in first
    client.post("/portfolio/items/new/tool", data={"title": "CapCut"})
    assert "CapCut" in app.test_client().get(url).get_data(as_text=True)
    client.post("/portfolio", data=PROFILE | {"status": "published", "headline": "عنوان جديد"})
    assert "عنوان جديد" in app.test_client().get(url).get_data(as_text=True)
    client.post("/portfolio", data=PROFILE | {"status": "draft"})
    assert app.test_client().get(url).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Portfolio.status)) == "draft"
