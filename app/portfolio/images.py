"""Safe intake for images learners upload: checked, re-encoded from pixels only, no metadata (pure).

An upload is never stored as sent. Size limits are checked before anything is decoded; only
PNG, JPEG and WebP decoders may run; and the output is a fresh image built from pixel data, so
EXIF (GPS position, camera serial), XMP, ICC profiles, PNG text chunks and comments are gone.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
FORMATS = ("PNG", "JPEG", "WEBP")
MIMES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
JPEG_QUALITY = 85
WEBP_QUALITY = 85

# Everything Pillow raises for damaged data it has agreed to decode: truncated streams (OSError),
# bad chunk/marker structure (SyntaxError, struct.error), bad values (ValueError), short reads
# (EOFError), and zlib streams inside PNG chunks.
_BROKEN = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)
# Pillow's own bomb guard. The warning only raises when warnings are turned into errors (e.g.
# `python -W error`); our MAX_PIXELS is far below Pillow's limit, so it refuses those images anyway.
_BOMB = (Image.DecompressionBombError, Image.DecompressionBombWarning)


class ImageProblem(ValueError):
    """An upload we refuse; `.code` says why in one word for the form error message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded image ready to store: bytes, their MIME type, size and SHA-256."""

    data: bytes
    mime: str
    width: int
    height: int
    digest: str


def clean_image(raw: bytes, *, max_side: int = 2400) -> CleanImage:
    """Check an upload and return it re-encoded, metadata-free, at most `max_side` on a side."""
    if max_side < 1:
        raise ValueError("max_side must be positive")
    if not raw:
        raise ImageProblem("empty")
    if len(raw) > MAX_BYTES:
        raise ImageProblem("too-large", f"{len(raw)} bytes")
    try:
        # `formats` keeps every other decoder (SVG is not one, but GIF, TIFF, BMP, PSD, ICO,
        # EPS... are) away from untrusted bytes. open() only reads the header.
        img = Image.open(io.BytesIO(raw), formats=list(FORMATS))
    except _BOMB as exc:
        raise ImageProblem("too-many-pixels", str(exc)) from exc
    except UnidentifiedImageError as exc:
        raise ImageProblem("format") from exc
    except _BROKEN as exc:
        raise ImageProblem("broken", str(exc)) from exc
    with img:
        width, height = img.size
        # The size comes from the header: refuse before a single pixel is decompressed.
        if width * height > MAX_PIXELS:
            raise ImageProblem("too-many-pixels", f"{width}x{height}")
        # A multi-picture JPEG (phones, 3D cameras) opens as "MPO": it is a JPEG first frame.
        fmt = "JPEG" if img.format == "MPO" else str(img.format)
        if fmt not in FORMATS:
            raise ImageProblem("format")
        try:
            if fmt == "JPEG":
                # Let libjpeg decode big photos at 1/2, 1/4 or 1/8 scale: a quarter of the memory.
                img.draft(None, _fit(img.size, max_side))
            img.load()  # first frame only, for animated PNG and WebP
            upright = ImageOps.exif_transpose(img)
            pixels = _pixels_for(upright, fmt)
            pixels.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        except _BOMB as exc:
            raise ImageProblem("too-many-pixels", str(exc)) from exc
        except _BROKEN as exc:
            raise ImageProblem("broken", str(exc)) from exc
    # A new image from raw pixel bytes has an empty `info`: Pillow's encoders fall back to
    # `info` for ICC profiles, transparency and more, so nothing from the upload can leak.
    fresh = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    data = _encode(fresh, fmt)
    return CleanImage(
        data=data,
        mime=MIMES[fmt],
        width=fresh.width,
        height=fresh.height,
        digest=hashlib.sha256(data).hexdigest(),
    )


def _fit(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """The size after shrinking (never growing) so that the longer side is at most `max_side`."""
    width, height = size
    scale = min(1.0, max_side / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _pixels_for(img: Image.Image, fmt: str) -> Image.Image:
    """The image in a mode the output format stores well: RGB, or RGBA when it has alpha."""
    if img.mode.startswith("I"):
        # 16-bit greyscale PNG: a plain convert() clips every value above 255 to white.
        img = img.convert("I").point(lambda v: v / 256).convert("L")
    alpha = fmt != "JPEG" and img.has_transparency_data
    mode = "RGBA" if alpha else "RGB"
    # convert() handles palette (with its tRNS), L, LA, 1 and CMYK; it returns a copy either way.
    return img.convert(mode)


def _encode(img: Image.Image, fmt: str) -> bytes:
    """Encode with explicit, metadata-free settings for each format."""
    out = io.BytesIO()
    if fmt == "JPEG":
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif fmt == "WEBP":
        img.save(out, "WEBP", quality=WEBP_QUALITY)
    else:
        img.save(out, "PNG")
    return out.getvalue()
