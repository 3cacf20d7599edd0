"""T7: hostile uploads through every upload route (photo, sample screenshot, JSON Resume).

Every hostile file must end in a named, translated refusal (the form re-rendered with what was
typed, or a flashed message) or in a stored picture re-encoded from pixels: never a 500, never
the uploaded bytes, never the uploaded name. Case studies take no picture (no file field).
"""

from __future__ import annotations

import html
import io
import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask_babel import force_locale
from PIL import Image
from sqlalchemy import func, select

from app.core.extensions import db
from app.portfolio.models import CaseStudy, PortfolioImage, PortfolioItem

SCRIPT = b"<script>alert(document.domain)</script>"
HTML = b"<!doctype html><html><body>" + SCRIPT + b"<img src=x onerror=alert(1)></body></html>"


def encode(img: Image.Image, fmt: str, **params: object) -> bytes:
    """The image saved in a format."""
    out = io.BytesIO()
    img.save(out, fmt, **params)
    return out.getvalue()


def png() -> bytes:
    """A small valid PNG, stored uncompressed (so a re-encoding cannot equal it by chance)."""
    return encode(Image.new("RGB", (24, 16), "#3c8a5a"), "PNG", compress_level=0)


def jpeg() -> bytes:
    """A small valid JPEG."""
    return encode(Image.new("RGB", (24, 16), "#8a5a3c"), "JPEG")


def gps_jpeg() -> bytes:
    """A JPEG whose EXIF carries a GPS position and a camera make."""
    exif = Image.Exif()
    exif[0x010F] = "PlantedMake"
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 32.0, 24.0), 3: "E", 4: (39.0, 10.0, 12.0)})
    return encode(Image.new("RGB", (24, 16), "#8a5a3c"), "JPEG", exif=exif)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header claims another size (a decompression bomb's header)."""
    data = bytearray(encode(Image.new("L", (8, 8)), "PNG"))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def jpeg_claiming(width: int, height: int) -> bytes:
    """A tiny valid JPEG whose frame header (SOF0) claims another size."""
    data = bytearray(jpeg())
    at = data.index(b"\xff\xc0") + 5  # marker, length (2), precision (1), then height, width
    data[at : at + 4] = struct.pack(">HH", height, width)
    return bytes(data)


def png_with_html_chunk() -> bytes:
    """A PNG carrying a web page in a text chunk (a comment field some tools display)."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", HTML.decode())
    return encode(Image.new("RGB", (24, 16), "#3c8a5a"), "PNG", pnginfo=info)


def gifar() -> bytes:
    """A JPEG with a zip archive (a Java .jar, say) appended: the classic GIFAR shape."""
    archive = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("META-INF/MANIFEST.MF", "Main-Class: Planted\n")
        zipped.writestr("index.html", HTML)
    return jpeg() + archive.getvalue()


@dataclass(frozen=True)
class Hostile:
    """A hostile file: its bytes, the name it is sent under, and the refusal code (or None)."""

    make: Callable[[], bytes]
    filename: str
    refused: str | None  # the clean_image code, or None when a re-encoded picture is stored
    marker: bytes = b""  # bytes that must never reach the stored picture


HOSTILE: dict[str, Hostile] = {
    "html-renamed-png": Hostile(lambda: HTML, "cute.png", "format"),
    "html-as-jpeg-mime-prefix": Hostile(lambda: b"\xff\xd8\xff\xe0" + HTML, "x.jpg", "broken"),
    "png-html-polyglot": Hostile(lambda: png() + HTML, "poly.png", None, SCRIPT),
    "jpeg-js-polyglot": Hostile(lambda: jpeg() + b"\n;alert(1)//" + SCRIPT, "p.jpg", None, SCRIPT),
    "gifar-jpeg-zip": Hostile(gifar, "gifar.jpg", None, b"PK\x03\x04"),
    "gif-js-polyglot": Hostile(
        lambda: b"GIF89a/*\x01\x00\x01\x00*/=alert(1);//", "x.gif", "format"
    ),
    "svg-script": Hostile(
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' + SCRIPT + b"</svg>",
        "x.svg",
        "format",
    ),
    "svg-named-png": Hostile(
        lambda: (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>'
            b"alert(1)</script></svg>"
        ),
        "x.png",
        "format",
    ),
    "double-ext-png-html": Hostile(png, "x.png.html", None),
    "double-ext-html-png": Hostile(lambda: HTML, "x.html.png", "format"),
    "php-jpg": Hostile(
        lambda: jpeg() + b"<?php system($_GET['c']); ?>", "x.jpg.php", None, b"<?php"
    ),
    "traversal-name": Hostile(png, "../../etc/passwd.png", None),
    "nul-and-backslash-name": Hostile(png, "..\\..\\x.png\x00.html", None),
    "pdf": Hostile(lambda: encode(Image.new("RGB", (8, 8)), "PDF"), "x.png", "format"),
    "tiff": Hostile(lambda: encode(Image.new("RGB", (8, 8)), "TIFF"), "x.png", "format"),
    "bomb-36-megapixels": Hostile(lambda: png_claiming(6000, 6000), "bomb.png", "too-many-pixels"),
    "bomb-400-megapixels": Hostile(
        lambda: png_claiming(20_000, 20_000), "bomb.png", "too-many-pixels"
    ),
    "jpeg-bomb-header": Hostile(
        lambda: jpeg_claiming(60_000, 60_000), "bomb.jpg", "too-many-pixels"
    ),
    "png-html-text-chunk": Hostile(png_with_html_chunk, "chunk.png", None, SCRIPT),
    "over-5-mb": Hostile(lambda: png() + b"\0" * (5 * 1024 * 1024), "big.png", "too-large"),
    "exif-gps": Hostile(gps_jpeg, "me.jpg", None, b"PlantedMake"),
    "truncated-jpeg": Hostile(
        lambda: encode(Image.effect_noise((64, 64), 90).convert("RGB"), "JPEG")[:900],
        "cut.jpg",
        "broken",
    ),
    "truncated-png": Hostile(
        lambda: encode(Image.effect_noise((64, 64), 90), "PNG")[:2500], "cut.png", "broken"
    ),
    "png-signature-only": Hostile(lambda: png()[:40], "cut.png", "format"),
    "empty-file": Hostile(lambda: b"", "empty.png", "empty"),
}


def expected_message(app, code: str) -> str:
    """The Arabic message the form shows for a refusal code (checked to be translated)."""
    from app.portfolio.views_edit import image_message

    with app.test_request_context(), force_locale("ar"):
        arabic = image_message(code)
    with app.test_request_context(), force_locale("en"):
        assert image_message(code) != arabic, f"{code}: message not translated"
    return html.escape(arabic, quote=False)


def stored(app) -> list[PortfolioImage]:
    """Every stored picture."""
    with app.app_context():
        rows = list(db.session.scalars(select(PortfolioImage)))
        db.session.expunge_all()
        return rows


def check_stored(app, client, case: Hostile, raw: bytes) -> None:
    """One stored picture: re-encoded, metadata-free, served as an image that cannot run."""
    (picture,) = stored(app)
    assert picture.data != raw
    assert SCRIPT not in picture.data and b"<" not in picture.data[:64]
    if case.marker:
        assert case.marker in raw and case.marker not in picture.data
    img = Image.open(io.BytesIO(picture.data))
    assert img.format in ("PNG", "JPEG", "WEBP") and picture.mime == f"image/{img.format.lower()}"
    assert not img.getexif()
    served = client.get(f"/p/sara-social/images/{picture.id}")
    assert served.status_code == 200
    assert served.mimetype == picture.mime and served.get_data() == picture.data
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert "default-src 'none'" in served.headers["Content-Security-Policy"]
    extension = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[img.format]
    disposition = f'inline; filename="picture-{picture.id}.{extension}"'
    assert served.headers["Content-Disposition"] == disposition
    assert case.filename.encode() not in picture.data


def start(client, auth) -> None:
    """A signed-in learner with a published portfolio (so pictures can be fetched)."""
    auth()
    profile = {"headline": "مديرة محتوى", "bio": "نص", "slug": "sara-social", "lang": "ar"}
    assert client.post("/portfolio", data=profile | {"status": "published"}).status_code == 303


def send_photo(app, client, raw: bytes, name: str):
    """Upload as the portfolio photo; the refusal is flashed on the builder."""
    return client.post(
        "/portfolio/photo", data={"photo": (io.BytesIO(raw), name)}, follow_redirects=True
    )


def send_new_sample(app, client, raw: bytes, name: str):
    """Upload as a new content sample's screenshot."""
    form = {"title": "منشور رمضان", "alt": "صورة كوب قهوة", "image": (io.BytesIO(raw), name)}
    return client.post("/portfolio/items/new/sample", data=form)


def send_edited_sample(app, client, raw: bytes, name: str):
    """Replace an existing sample's screenshot (the sample made first, without a picture)."""
    made = client.post("/portfolio/items/new/sample", data={"title": "منشور رمضان"})
    assert made.status_code == 303
    with app.app_context():
        item_id = db.session.scalar(select(func.max(PortfolioItem.id)))
    form = {"title": "منشور رمضان", "alt": "صورة كوب قهوة", "image": (io.BytesIO(raw), name)}
    return client.post(f"/portfolio/items/{item_id}", data=form)


ROUTES = {"photo": send_photo, "new-sample": send_new_sample, "edit-sample": send_edited_sample}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_picture(app, client, auth, route: str, name: str):
    """Each hostile file through each picture route: a named Arabic refusal or a clean picture."""
    case = HOSTILE[name]
    raw = case.make()
    start(client, auth)
    response = ROUTES[route](app, client, raw, case.filename)
    page = response.get_data(as_text=True)
    assert response.status_code < 500, page[:300]
    if case.refused is None:
        assert response.status_code in (200, 303), page[:300]
        check_stored(app, client, case, raw)
        return
    assert stored(app) == []
    assert expected_message(app, case.refused) in page
    if route == "photo":
        assert response.status_code == 200 and 'class="flash flash-error"' in page
    else:
        # The editor comes back with what was typed, and the picture's error beside its field.
        assert response.status_code == 400
        assert "منشور رمضان" in page and "صورة كوب قهوة" in page


@pytest.mark.parametrize("route", ROUTES)
def test_request_over_the_body_limit_is_413(app, client, auth, route: str):
    """A 20 MB upload is cut off by MAX_CONTENT_LENGTH: our translated 413 page, nothing kept."""
    start(client, auth)
    raw = png() + b"\0" * (20 * 1024 * 1024)
    response = ROUTES[route](app, client, raw, "huge.png")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    with app.test_request_context(), force_locale("ar"):
        from app.core.errors import MESSAGES

        assert html.escape(str(MESSAGES[413][1]), quote=False) in page
    assert stored(app) == []


# --- JSON Resume import -----------------------------------------------------------------------

VALID = {"basics": {"label": "مديرة محتوى"}, "projects": [{"name": "حملة رمضان"}]}


def nested(depth: int) -> bytes:
    """A valid resume whose extra property nests `depth` lists deep."""
    return b'{"basics": {"label": "x", "x-tawasul": ' + b"[" * depth + b"]" * depth + b"}}"


@dataclass(frozen=True)
class Resume:
    """A hostile resume file and what must happen: refused (which message) or imported."""

    make: Callable[[], bytes]
    outcome: str  # "size", "json" or "schema" (flashed, nothing imported), or "imported"
    filename: str = "resume.json"


# The refusal messages (their words before any detail), as the import flashes them.
MESSAGES = {
    "size": "Choose a JSON Resume file (.json) of at most 200 KB.",
    "json": "This file is not valid JSON (%(where)s).",
    "schema": "This file does not follow JSON Resume 1.2.1: %(problems)s",
}


def arabic(app, msgid: str) -> str:
    """The Arabic words of a message before its first placeholder (checked to differ)."""
    from flask_babel import gettext

    with app.test_request_context(), force_locale("ar"):
        text = gettext(msgid).split("%(")[0]
    assert text and text != msgid.split("%(")[0], f"not translated: {msgid}"
    return html.escape(text, quote=False)


RESUMES: dict[str, Resume] = {
    "png-named-json": Resume(png, "json"),
    "html-named-json": Resume(lambda: HTML, "json", "resume.json.html"),
    "not-utf8": Resume(lambda: b'{"basics": {"label": "\xff\xfe"}}', "json"),
    "empty": Resume(lambda: b"", "size"),
    "truncated": Resume(lambda: json.dumps(VALID).encode()[:20], "json"),
    "over-200-kb": Resume(lambda: b'{"a": "' + b"x" * 210_000 + b'"}', "size"),
    "nested-100000-deep": Resume(lambda: nested(100_000), "json"),
    "nested-2000-deep": Resume(lambda: nested(2000), "json"),
    "objects-3000-deep": Resume(lambda: b'{"a":' * 3000 + b"1" + b"}" * 3000, "json"),
    "huge-integer": Resume(
        lambda: b'{"basics": {"label": "x"}, "n": ' + b"9" * 5000 + b"}", "json"
    ),
    "top-level-array": Resume(lambda: b"[1, 2, 3]", "schema"),
    "wrong-types": Resume(
        lambda: json.dumps({"basics": 5, "projects": {"name": 1}, "skills": "x"}).encode(),
        "schema",
    ),
    "nan-and-infinity": Resume(lambda: b'{"basics": {"label": NaN}, "x": Infinity}', "json"),
    "many-small-objects": Resume(
        lambda: b'{"projects": [' + b",".join([b"{}"] * 60_000) + b"]}", "imported"
    ),
    "lone-surrogates-and-nul": Resume(
        lambda: (
            b'{"basics": {"label": "a\\ud800b\\u0000c", "summary": "\\udfff\\u202e"},'
            b' "projects": [{"name": "t\\ud83d"}]}'
        ),
        "imported",
    ),
    "script-in-fields": Resume(
        lambda: json.dumps(
            {"basics": {"label": "<script>alert(1)</script>"}, "projects": [{"name": "<b>x"}]}
        ).encode(),
        "imported",
    ),
}


def counts(app) -> tuple[int, int]:
    """(case studies, items) stored."""
    with app.app_context():
        return (
            db.session.scalar(select(func.count(CaseStudy.id))),
            db.session.scalar(select(func.count(PortfolioItem.id))),
        )


@pytest.mark.parametrize("name", RESUMES)
def test_hostile_resume_file(app, client, auth, name: str):
    """Each hostile JSON Resume file ends in a flashed error, or in an import of clean text."""
    case = RESUMES[name]
    start(client, auth)
    response = client.post(
        "/portfolio/resume",
        data={"resume": (io.BytesIO(case.make()), case.filename)},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:300]
    if case.outcome in MESSAGES:
        assert 'class="flash flash-error"' in page
        assert arabic(app, MESSAGES[case.outcome]) in page
        assert counts(app) == (0, 0)
        return
    assert 'class="flash flash-success"' in page
    with app.app_context():
        texts = [s.title for s in db.session.scalars(select(CaseStudy))]
    for text in texts:
        assert text.encode("utf-8") and "\x00" not in text
    assert "<script>alert(1)</script>" not in page
