"""Image intake (clean_image) and the Open Graph share image; every fixture is drawn with Pillow."""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import struct
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFile, ImageFont, PngImagePlugin, features

from app.portfolio import images, shareimage
from app.portfolio.images import MAX_BYTES, MAX_PIXELS, CleanImage, ImageProblem, clean_image
from app.portfolio.shareimage import layout_engine, share_image, visual_runs

MARKERS = (b"PlantedMake", b"PlantedSoftware", b"PlantedComment", b"PlantedXmp", b"PlantedIcc")
ICC = b"PlantedIcc profile bytes " * 8  # Pillow stores whatever bytes it is given as a profile


def encode(img: Image.Image, fmt: str, **params: object) -> bytes:
    """The image saved in a format, with extra save options."""
    out = io.BytesIO()
    img.save(out, fmt, **params)
    return out.getvalue()


def noise(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """An RGB image of random pixels: it does not compress, so truncation hits pixel data."""
    data = random.Random(seed).randbytes(size[0] * size[1] * 3)
    return Image.frombytes("RGB", size, data)


def halves(size: tuple[int, int]) -> Image.Image:
    """Left half red, right half blue, to see where pixels end up."""
    img = Image.new("RGB", size, (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return img


def planted_exif() -> Image.Exif:
    """EXIF with a camera make, software name and a GPS position (IFD 0x8825)."""
    exif = Image.Exif()
    exif[0x010F] = "PlantedMake"
    exif[0x0131] = "PlantedSoftware"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 32.0, 24.0), 3: "E", 4: (39.0, 10.0, 12.0)})
    return exif


def png_with_size(width: int, height: int) -> bytes:
    """A small valid PNG whose IHDR is rewritten to claim another size (CRC fixed up)."""
    data = bytearray(encode(Image.new("L", (8, 8)), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def reopen(clean: CleanImage) -> Image.Image:
    """The cleaned bytes decoded again."""
    img = Image.open(io.BytesIO(clean.data))
    img.load()
    return img


def assert_no_metadata(clean: CleanImage) -> None:
    """No EXIF, GPS, ICC profile, text chunk, comment or XMP survives, in any form."""
    img = reopen(clean)
    assert not img.getexif()
    assert not img.getexif().get_ifd(0x8825)
    for key in ("exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp"):
        assert key not in img.info
    assert not getattr(img, "text", {})
    for marker in MARKERS:
        assert marker not in clean.data


# --- clean_image: accepted images ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_accepted_formats_keep_format_and_size(fmt: str, mime: str) -> None:
    """PNG, JPEG and WebP come back in the same format, at the same size when small."""
    clean = clean_image(encode(halves((40, 30)), fmt))
    assert (clean.mime, clean.width, clean.height) == (mime, 40, 30)
    img = reopen(clean)
    assert (img.format, img.size) == (fmt, (40, 30))


def test_digest_is_sha256_of_output() -> None:
    """The digest is the SHA-256 of the returned bytes, not of the upload."""
    raw = encode(halves((20, 20)), "PNG")
    clean = clean_image(raw)
    assert clean.digest == hashlib.sha256(clean.data).hexdigest()


def test_jpeg_exif_gps_comment_xmp_icc_removed() -> None:
    """A phone photo's EXIF (with GPS), comment, XMP and ICC profile are all dropped."""
    xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>PlantedXmp</x:xmpmeta>"
    raw = encode(
        halves((32, 32)),
        "JPEG",
        exif=planted_exif(),
        comment=b"PlantedComment",
        xmp=xmp,
        icc_profile=ICC,
    )
    for marker in MARKERS:  # the fixture really carries everything
        assert marker in raw
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)
    assert_no_metadata(clean_image(raw))


def test_png_text_chunks_icc_and_exif_removed() -> None:
    """tEXt, zTXt and iTXt chunks, an iCCP profile and an eXIf chunk are all dropped."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "PlantedComment")
    info.add_text("Software", "PlantedSoftware", zip=True)
    info.add_itxt("XML:com.adobe.xmp", "PlantedXmp")
    raw = encode(halves((32, 32)), "PNG", pnginfo=info, icc_profile=ICC, exif=planted_exif())
    planted = Image.open(io.BytesIO(raw))
    assert planted.info["icc_profile"] == ICC and "Comment" in planted.info
    clean = clean_image(raw)
    assert_no_metadata(clean)
    assert b"tEXt" not in clean.data and b"iCCP" not in clean.data and b"eXIf" not in clean.data


def test_webp_exif_xmp_icc_removed() -> None:
    """WebP's EXIF, XMP and ICCP chunks are dropped too."""
    xmp = b"<x:xmpmeta>PlantedXmp</x:xmpmeta>"
    raw = encode(halves((32, 32)), "WEBP", exif=planted_exif(), xmp=xmp, icc_profile=ICC)
    assert b"PlantedXmp" in raw and b"PlantedMake" in raw
    clean = clean_image(raw)
    assert_no_metadata(clean)
    assert b"EXIF" not in clean.data and b"ICCP" not in clean.data


def test_exif_orientation_is_applied() -> None:
    """Orientation 6 (rotate 90° clockwise) turns a stored 40×20 photo into an upright 20×40."""
    exif = Image.Exif()
    exif[0x0112] = 6
    clean = clean_image(encode(halves((40, 20)), "JPEG", exif=exif, quality=95))
    img = reopen(clean).convert("RGB")
    assert (clean.width, clean.height) == img.size == (20, 40)
    # The left (red) half is now on top, the right (blue) half at the bottom.
    top, bottom = img.getpixel((10, 5)), img.getpixel((10, 35))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]


def test_large_image_is_downscaled_to_max_side() -> None:
    """The longer side is brought down to max_side, keeping the aspect ratio."""
    raw = encode(Image.new("RGB", (3000, 1000), "teal"), "PNG")
    default = clean_image(raw)
    assert (default.width, default.height) == (2400, 800)
    small = clean_image(raw, max_side=300)
    assert (small.width, small.height) == reopen(small).size == (300, 100)


def test_big_jpeg_is_downscaled_portrait() -> None:
    """A tall JPEG (decoded at reduced scale) still ends exactly at max_side on its long side."""
    clean = clean_image(encode(halves((600, 1800)), "JPEG"), max_side=400)
    assert (clean.width, clean.height) == (133, 400)


def test_max_side_must_be_positive() -> None:
    """A zero max_side is a programming error, not an upload problem."""
    with pytest.raises(ValueError, match="max_side"):
        clean_image(encode(halves((4, 4)), "PNG"), max_side=0)


@pytest.mark.parametrize(
    ("kind", "fmt", "made", "expected"),
    [
        ("palette", "PNG", lambda: Image.new("P", (8, 8), 1), "RGB"),
        ("palette-trns", "PNG", lambda: transparent_palette(), "RGBA"),
        ("grey-alpha", "PNG", lambda: Image.new("LA", (8, 8), (90, 128)), "RGBA"),
        ("grey", "PNG", lambda: Image.new("L", (8, 8), 90), "RGB"),
        ("1-bit", "PNG", lambda: Image.new("1", (8, 8), 1), "RGB"),
        ("rgba", "WEBP", lambda: Image.new("RGBA", (8, 8), (1, 2, 3, 100)), "RGBA"),
        ("cmyk", "JPEG", lambda: Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "RGB"),
        ("grey-jpeg", "JPEG", lambda: Image.new("L", (8, 8), 90), "RGB"),
    ],
)
def test_modes_are_converted(
    kind: str, fmt: str, made: Callable[[], Image.Image], expected: str
) -> None:
    """Palette, grey, 1-bit and CMYK become RGB; transparency is kept as RGBA where allowed."""
    assert reopen(clean_image(encode(made(), fmt))).mode == expected, kind


def transparent_palette() -> Image.Image:
    """A palette image whose colour 0 is transparent (a tRNS chunk)."""
    img = Image.new("P", (8, 8), 0)
    img.info["transparency"] = 0
    return img


def test_sixteen_bit_grey_keeps_its_brightness() -> None:
    """A 16-bit grey PNG is scaled to 8 bits, not clipped to white."""
    clean = clean_image(encode(Image.new("I;16", (8, 8), 32768), "PNG"))
    pixel = reopen(clean).getpixel((0, 0))
    assert isinstance(pixel, tuple) and 120 <= pixel[0] <= 135


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animation_keeps_first_frame_only(fmt: str) -> None:
    """An animated PNG or WebP becomes a still of its first frame."""
    red, blue = Image.new("RGB", (16, 16), "red"), Image.new("RGB", (16, 16), "blue")
    raw = encode(red, fmt, save_all=True, append_images=[blue], duration=100, loop=0)
    assert getattr(Image.open(io.BytesIO(raw)), "n_frames", 1) == 2
    img = reopen(clean_image(raw))
    assert getattr(img, "n_frames", 1) == 1
    pixel = img.convert("RGB").getpixel((8, 8))
    assert isinstance(pixel, tuple) and pixel[0] > 200 > pixel[2]


def test_multi_picture_jpeg_becomes_plain_jpeg() -> None:
    """A multi-picture JPEG (MPO, from some cameras) is taken as its first picture."""
    raw = encode(halves((16, 16)), "MPO", save_all=True, append_images=[noise((16, 16))])
    assert Image.open(io.BytesIO(raw)).format == "MPO"
    clean = clean_image(raw)
    assert clean.mime == "image/jpeg" and reopen(clean).format == "JPEG"


# --- clean_image: refused uploads -------------------------------------------------------------


REFUSED: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty": (lambda: b"", "empty"),
    "svg": (
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "format",
    ),
    "gif": (lambda: encode(halves((8, 8)), "GIF"), "format"),
    "bmp": (lambda: encode(halves((8, 8)), "BMP"), "format"),
    "tiff": (lambda: encode(halves((8, 8)), "TIFF"), "format"),
    "ico": (lambda: encode(halves((16, 16)), "ICO"), "format"),
    "pdf": (lambda: encode(halves((8, 8)), "PDF"), "format"),
    "html": (
        lambda: b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>",
        "format",
    ),
    "random": (lambda: random.Random(7).randbytes(4096), "format"),
    "png-signature-only": (lambda: encode(halves((8, 8)), "PNG")[:12], "format"),
    "truncated-png": (lambda: cut(encode(noise((64, 64)), "PNG")), "broken"),
    "truncated-jpeg": (lambda: cut(encode(noise((64, 64)), "JPEG")), "broken"),
    "truncated-webp": (lambda: cut(encode(noise((64, 64)), "WEBP")), "broken"),
    "gif-js-polyglot": (lambda: b"GIF89a/*\x01\x00\x01\x00*/=alert(1);//", "format"),
    "svg-with-xml-prolog": (
        lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "format",
    ),
    "jpeg-magic-then-html": (lambda: b"\xff\xd8\xff\xe0<html><script>alert(1)</script>", "broken"),
}


def cut(data: bytes) -> bytes:
    """The first 60% of the bytes: headers intact, pixel data missing."""
    return data[: len(data) * 6 // 10]


@pytest.mark.parametrize("name", REFUSED)
def test_refused_uploads(name: str) -> None:
    """Other formats, non-images, empty and damaged files are refused with the right code."""
    made, code = REFUSED[name]
    with pytest.raises(ImageProblem) as caught:
        clean_image(made())
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("fmt", images.FORMATS)
@pytest.mark.parametrize(
    "tail",
    [
        b"<html><script>alert(1)</script></html>",  # an image that is also a web page
        b"PK\x03\x04PlantedZip" + b"\0" * 40,  # GIFAR: an archive appended to a picture
        b"<?php system($_GET['c']); ?>",  # served as PHP by a misconfigured server
    ],
    ids=["html", "zip", "php"],
)
def test_polyglot_tails_do_not_survive(fmt: str, tail: bytes) -> None:
    """Bytes appended after a valid picture are dropped: only re-encoded pixels are kept."""
    raw = encode(halves((16, 16)), fmt) + tail
    clean = clean_image(raw)
    assert tail[:12] not in clean.data and reopen(clean).format == fmt


def test_other_decoders_never_read_the_header() -> None:
    """A GIF claiming 6000×6000 is "format", not "too-many-pixels": no GIF parser looked at it."""
    raw = bytearray(encode(halves((8, 8)), "GIF"))
    raw[6:10] = struct.pack("<HH", 6000, 6000)  # the logical screen size in the GIF header
    assert Image.open(io.BytesIO(bytes(raw))).size == (6000, 6000)
    with pytest.raises(ImageProblem) as caught:
        clean_image(bytes(raw))
    assert caught.value.code == "format"


def test_too_large_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """More than 5 MB is refused from its length alone: Pillow is never called."""

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("decoded an oversized upload")

    raw = encode(halves((8, 8)), "PNG")
    raw += b"\0" * (MAX_BYTES + 1 - len(raw))
    monkeypatch.setattr(Image, "open", must_not_open)
    with pytest.raises(ImageProblem) as caught:
        clean_image(raw)
    assert caught.value.code == "too-large"


def test_header_claiming_36_megapixels_is_refused_before_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A PNG whose header says 6000×6000 is refused from the header, with no pixel decoded."""

    def must_not_load(self: object) -> None:
        raise AssertionError("decoded pixels of an oversized image")

    raw = png_with_size(6000, 6000)
    assert len(raw) < 200
    assert MAX_PIXELS < 6000 * 6000
    monkeypatch.setattr(ImageFile.ImageFile, "load", must_not_load)
    with pytest.raises(ImageProblem) as caught:
        clean_image(raw)
    assert caught.value.code == "too-many-pixels"


def test_pillow_bomb_error_is_too_many_pixels() -> None:
    """A header past Pillow's own bomb limit (it raises at open) gets the same code."""
    with pytest.raises(ImageProblem) as caught:
        clean_image(png_with_size(20_000, 20_000))
    assert caught.value.code == "too-many-pixels"


def test_pillow_bomb_warning_as_error_is_too_many_pixels() -> None:
    """With warnings turned into errors, Pillow's bomb warning still maps to too-many-pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ImageProblem) as caught:
            clean_image(png_with_size(10_000, 10_000))
    assert caught.value.code == "too-many-pixels"


def test_damaged_bytes_never_escape_as_other_errors() -> None:
    """Flipped bytes anywhere in valid files give a clean image or an ImageProblem, nothing else."""
    rng = random.Random(2026)
    for fmt in images.FORMATS:
        good = encode(noise((24, 24), seed=3), fmt)
        for _ in range(40):
            bad = bytearray(good)
            for _ in range(rng.randint(1, 4)):
                bad[rng.randrange(len(bad))] = rng.randrange(256)
            with contextlib.suppress(ImageProblem):
                clean_image(bytes(bad))


# --- share_image ------------------------------------------------------------------------------

ARABIC_TITLE = "مديرة تواصل اجتماعي لمقاهي جدة #قهوة @cafe 2026"
BRAND = Image.new("RGB", (1, 1), shareimage.BRAND).getpixel((0, 0))


def card(data: bytes) -> Image.Image:
    """The share image decoded, after checking it is a 1200×630 PNG."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(data))
    assert (img.format, img.size) == ("PNG", (1200, 630))
    return img.convert("RGB")


def ink(img: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """Bounding box (in card coordinates) of what is not background inside `box`."""
    area = img.crop(box)
    found = ImageChops.difference(area, Image.new("RGB", area.size, BRAND)).getbbox()
    return (
        None
        if found is None
        else (found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1])
    )


@pytest.mark.parametrize(
    ("title", "subtitle", "footer", "rtl"),
    [
        (ARABIC_TITLE, "مقاهي جدة — محتوى يومي", "tawasul · /p/slug", True),
        ("Social media manager for Jeddah cafés", "Daily content", "tawasul · /p/slug", False),
        ("", "", "", True),
        ("", "", "", False),
        ("ع" * 10_000, "word " * 2_000, "x" * 10_000, True),
        ("w" * 10_000, "", "", False),
        ("🎉🚀 قهوة ☕️ 👩🏽‍💻", "😀" * 50, "🇸🇦", True),
        ("a\x00b\x07c\x1b[31m\r\n\t\u202e\u2066\ufeff\ud800", "\u0301" * 40, "\x7f\x85", False),
        ("Привет 世界 Ελληνικά ﷽ \U000e0041", "١٢٣ 456 (قوس) [x]", "%٪ 1,000.5$", True),
    ],
)
def test_share_image_is_a_1200_by_630_png(
    title: str, subtitle: str, footer: str, rtl: bool
) -> None:
    """Arabic, English, empty, huge, emoji and control-character input all give a valid card."""
    card(share_image(title, subtitle, footer, rtl=rtl))


def test_layout_engine_follows_raqm_feature(monkeypatch: pytest.MonkeyPatch) -> None:
    """RAQM is used when Pillow has it, and the basic layout otherwise."""
    expected = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    assert layout_engine() == expected
    monkeypatch.setattr(features, "check", lambda name: False)
    assert layout_engine() == ImageFont.Layout.BASIC


def test_basic_layout_fallback_still_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without RAQM, Arabic is drawn unshaped but nothing crashes."""
    monkeypatch.setattr(shareimage, "layout_engine", lambda: ImageFont.Layout.BASIC)
    img = card(share_image(ARABIC_TITLE, "سطر", "tawasul", rtl=True))
    assert ink(img, (0, 40, 1200, 340)) is not None


@pytest.mark.skipif(not features.check("raqm"), reason="Pillow built without libraqm")
def test_raqm_shapes_arabic() -> None:
    """Joined letters are narrower than isolated ones: the drawn word is shaped, not spelled out."""
    word = "تواصل"
    engine = ImageFont.Layout.RAQM
    font = ImageFont.truetype(
        str(shareimage.FONT_DIR / "noto-sans-arabic-arabic-700.woff2"), 64, layout_engine=engine
    )
    isolated = sum(font.getlength(letter, direction="rtl") for letter in word)
    assert font.getlength(word, direction="rtl") < isolated


def test_rtl_text_sits_right_and_ltr_text_sits_left() -> None:
    """Right-to-left titles are flush right, left-to-right ones flush left."""
    rtl = ink(card(share_image("مرحبا", "", "", rtl=True)), (0, 40, 1200, 340))
    ltr = ink(card(share_image("Hello", "", "", rtl=False)), (0, 40, 1200, 340))
    assert rtl is not None and ltr is not None
    assert rtl[0] > 600 and rtl[2] > 1080
    assert ltr[0] < 120 and ltr[2] < 600


def test_long_titles_stay_inside_the_margins() -> None:
    """Wrapping measures real glyphs: a 10,000-character title never runs off the card."""
    for rtl, title in ((True, "ك" * 10_000), (False, "W" * 10_000), (False, "wide " * 2_000)):
        box = ink(card(share_image(title, title, title, rtl=rtl)), (0, 20, 1200, 520))
        assert box is not None and box[0] >= 70 and box[2] <= 1130


def test_bundled_fonts_alone_draw_arabic_and_latin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without system fonts, the bundled subsets still draw Latin next to Arabic (not dropped)."""
    monkeypatch.setattr(shareimage, "SYSTEM_DIR", tmp_path)
    arabic = ink(card(share_image("مرحبا", "", "", rtl=True)), (0, 40, 1200, 340))
    mixed = ink(card(share_image("مرحبا cafe #2026", "", "", rtl=True)), (0, 40, 1200, 340))
    assert arabic is not None and mixed is not None
    assert mixed[0] < arabic[0] - 150 and abs(mixed[2] - arabic[2]) < 5


def test_unrenderable_characters_are_dropped() -> None:
    """Emoji and control characters leave no empty boxes: the card equals the one without them."""
    assert share_image("🎉\x00", "😀", "\x07", rtl=True) == share_image("", "", "", rtl=True)
    assert share_image("a\x00b🎉 c", "", "", rtl=False) == share_image("ab c", "", "", rtl=False)


@pytest.mark.parametrize(
    ("line", "rtl", "expected"),
    [
        ("مرحبا hello", True, [("hello", False), ("مرحبا ", True)]),
        ("hello مرحبا", False, [("hello ", False), ("مرحبا", True)]),
        ("جدة 2026", True, [("2026", False), ("جدة ", True)]),
        ("صفحة 1,000 شخص", True, [(" شخص", True), ("1,000", False), ("صفحة ", True)]),
        ("Price 50% off", False, [("Price 50% off", False)]),
    ],
)
def test_visual_runs_follow_the_bidi_rules(
    line: str, rtl: bool, expected: list[tuple[str, bool]]
) -> None:
    """Mixed Arabic, Latin and digits come out in the order a browser shows them."""
    assert visual_runs(line, rtl=rtl) == expected
