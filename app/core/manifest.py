"""Content-hashed names for the files under static/ (pure: no Flask, tested on a temp folder).

`css/app.css` becomes `css/app.<10 hex>.css`, the hex being the start of the SHA-256 of what
is served. A stylesheet's `url()` references are rewritten to the hashed names of their
targets before it is hashed, so changing a font renames the font *and* the stylesheet: a
browser holding last year's immutable copy of either never sees a mixed pair.
"""

from __future__ import annotations

import gzip
import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HASH_LENGTH = 10
# Text formats worth sending compressed (fonts and images are compressed formats already).
COMPRESSIBLE = (".css", ".js", ".svg", ".txt", ".md", ".json")
# url(x), url('x') or url("x"); the reference itself has no quote, bracket or space.
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)""")


def hashed_name(name: str, content: bytes) -> str:
    """`dir/stem.ext` → `dir/stem.<hash>.ext` (a name without extension gets the hash last)."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    folder, base = posixpath.split(name)
    stem, dot, ext = base.rpartition(".")
    new = f"{stem}.{digest}.{ext}" if dot and stem else f"{base}.{digest}"
    return posixpath.join(folder, new)


def rewrite_css(css: str, css_name: str, rename: Callable[[str], str | None]) -> str:
    """Point each relative `url()` of the stylesheet `css_name` at its target's hashed name.

    `rename` maps a static name (relative to the static folder) to its hashed name, or None
    for a file it does not know, whose reference is then left as written.
    """

    def swap(match: re.Match[str]) -> str:
        """One url() as it should read."""
        ref = match[2]
        if ref.startswith(("data:", "#", "/")) or "://" in ref:
            return match[0]  # inline data, a fragment, another origin or an absolute path
        path, sep, rest = _split_suffix(ref)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(css_name), path))
        new = rename(target)
        if new is None:
            return match[0]
        # Only the last path segment changes, so the reference stays relative as written.
        head = path[: path.rfind("/") + 1]
        return f"url({match[1]}{head}{posixpath.basename(new)}{sep}{rest}{match[1]})"

    return CSS_URL.sub(swap, css)


def compressed(name: str, content: bytes) -> bytes | None:
    """Gzip of a text file, made once at startup (None if not text or not worth it).

    Only static files are compressed: they hold no secret, so compression cannot leak one
    (BREACH), which is why pages, carrying CSRF tokens, are left as they are.
    """
    if not name.endswith(COMPRESSIBLE):
        return None
    packed = gzip.compress(content, compresslevel=9, mtime=0)
    return packed if len(packed) < len(content) * 0.9 else None


def _split_suffix(ref: str) -> tuple[str, str, str]:
    """Split `a.woff2?v=1#x` into the path, the first `?`/`#` and what follows it."""
    cut = min((i for i in (ref.find("?"), ref.find("#")) if i >= 0), default=-1)
    return (ref, "", "") if cut < 0 else (ref[:cut], ref[cut], ref[cut + 1 :])


@dataclass(frozen=True)
class Asset:
    """One static file: its names, where it lives and, for a stylesheet, the rewritten bytes."""

    name: str
    hashed: str
    path: Path
    body: bytes | None  # None: serve the file on disk as it is
    etag: str
    gzipped: bytes | None = None  # the same bytes gzip-encoded, when that is smaller


class Manifest:
    """Every file under a static folder, by original name and by hashed name."""

    def __init__(self, folder: Path) -> None:
        """Hash the folder now (a few hundred KB: well under a millisecond per file)."""
        self.folder = folder
        self.signature = folder_signature(folder)
        self.by_name: dict[str, Asset] = {}
        names = {p.relative_to(folder).as_posix(): p for p in _files(folder)}
        for name in sorted(names):
            self._add(name, names, set())
        self.by_hashed = {asset.hashed: asset for asset in self.by_name.values()}

    def _add(self, name: str, names: dict[str, Path], seen: set[str]) -> Asset | None:
        """Hash one file, after the files its stylesheet refers to (cycles are left unhashed)."""
        if name in self.by_name:
            return self.by_name[name]
        if name not in names or name in seen:
            return None
        seen.add(name)
        path = names[name]
        content = path.read_bytes()
        body = None
        if name.endswith(".css"):

            def rename(target: str) -> str | None:
                """The hashed name of a file the stylesheet refers to."""
                asset = self._add(target, names, seen)
                return asset.hashed if asset else None

            rewritten = rewrite_css(content.decode("utf-8"), name, rename).encode("utf-8")
            content = body = rewritten
        hashed = hashed_name(name, content)
        asset = Asset(
            name, hashed, path, body, hashed.rsplit("/", 1)[-1], compressed(name, content)
        )
        self.by_name[name] = asset
        return asset

    def url_name(self, name: str) -> str:
        """The hashed name to put in a page for `name` (unknown names are left as they are)."""
        asset = self.by_name.get(name)
        return asset.hashed if asset else name

    def lookup(self, requested: str) -> tuple[Asset | None, bool]:
        """The asset a requested name serves and whether the name was the hashed one.

        A hashed-looking name whose hash is not the current one finds nothing (a 404): that
        name promised other bytes than the file now holds.
        """
        if requested in self.by_hashed:
            return self.by_hashed[requested], True
        return self.by_name.get(requested), False


def _files(folder: Path) -> list[Path]:
    """The files to serve: everything under the folder except dot-files and dot-folders."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(part.startswith(".") for part in parts):
            found.append(path)
    return found


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times: cheap to take, changes when any file does."""
    entries = []
    for path in _files(folder):
        stat = path.stat()
        entries.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))
