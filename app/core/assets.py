"""Static files under content-hashed names, cached by browsers for a year (issue 19, part 7).

Every `url_for('static', filename=...)` emits the hashed name (a URL default, so no template
changes), and the static view serves that name with `Cache-Control: immutable`: a returning
visitor asks for nothing, and a changed file gets a new name instead of a stale copy. The
plain names still work, revalidated on each use, for what must keep a fixed address (the
badge image inside issued credentials). A hashed name whose hash is not the current one is
a 404, not a redirect: that name promised bytes the server no longer has, so handing an old
page today's script or stylesheet could break it in ways a missing file does not, and a
redirect would make every made-up hash a live alias of the file for caches to store.
Text files (the stylesheets, scripts, SVG) are gzipped once at startup and sent so to
browsers that accept it: app.css goes from 26 KB to 6 KB on a new visitor's first page.
"""

from __future__ import annotations

import io
import mimetypes
import threading
import time
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, request, send_file

from app.core.manifest import Manifest, folder_signature

IMMUTABLE = "public, max-age=31536000, immutable"
# Plain names: kept by the browser but revalidated each time (a 304 while the ETag holds).
REVALIDATE = "no-cache"
EXTENSION = "tawasul_assets"
# Caches of rendered HTML (app.extensions keys) that hold static URLs: emptied when a rebuild
# renames files, or they would keep serving pages that point at names that are now 404s.
PAGE_CACHES = ("portfolio_pages",)


class Assets:
    """The current manifest; in development, rebuilt when a static file changes."""

    def __init__(self, folder: Path, watch: bool, interval: float = 1.0) -> None:
        """Hash the folder; with `watch`, look for changes at most every `interval` seconds."""
        self.folder, self.watch, self.interval = folder, watch, interval
        self.manifest = Manifest(folder)
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def current(self) -> Manifest:
        """The manifest, rebuilt first if watching and a file was added, removed or edited."""
        if self.watch and time.monotonic() - self._checked >= self.interval:
            with self._lock:
                self._checked = time.monotonic()
                if folder_signature(self.folder) != self.manifest.signature:
                    self.manifest = Manifest(self.folder)
                    for key in PAGE_CACHES:
                        current_app.extensions.pop(key, None)
        return self.manifest


def assets() -> Assets:
    """The running app's assets."""
    found: Assets = current_app.extensions[EXTENSION]
    return found


def hashed_static_url(endpoint: str, values: dict[str, Any]) -> None:
    """URL default: `static` URLs name the file's current hashed version."""
    if endpoint == "static" and isinstance(values.get("filename"), str):
        values["filename"] = assets().current().url_name(values["filename"])


def serve_static(filename: str) -> Response:
    """A static file by hashed name (immutable) or plain name (revalidated); else 404."""
    asset, hashed = assets().current().lookup(filename)
    if asset is None:
        abort(404)
    # A rewritten stylesheet changes when a font does, its own file's date does not: the
    # ETag alone then decides (a bare If-Modified-Since must not get a 304 for old text).
    last_modified = None if asset.body is not None else asset.path.stat().st_mtime
    mimetype = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
    if asset.gzipped is not None and request.accept_encodings["gzip"] > 0:
        # Its own ETag: the encoded bytes are another representation of the file.
        response = send_file(
            io.BytesIO(asset.gzipped),
            mimetype=mimetype,
            etag=asset.etag + "-gzip",
            last_modified=last_modified,
        )
        response.headers["Content-Encoding"] = "gzip"
    elif asset.body is not None:
        response = send_file(
            io.BytesIO(asset.body), mimetype=mimetype, etag=asset.etag, last_modified=last_modified
        )
    else:
        response = send_file(asset.path, etag=asset.etag, last_modified=last_modified)
    if asset.gzipped is not None:
        response.vary.add("Accept-Encoding")  # on both forms, so caches keep them apart
    response.headers["Cache-Control"] = IMMUTABLE if hashed else REVALIDATE
    response.headers.pop("Expires", None)
    return response


def init_assets(app: Flask) -> None:
    """Hash the static folder and take over the `static` endpoint's URLs and responses."""
    if app.static_folder is None:
        return
    watch = app.debug or app.config.get("ENV_NAME") == "development"
    app.extensions[EXTENSION] = Assets(Path(app.static_folder), watch=watch)
    app.url_defaults(hashed_static_url)
    app.view_functions["static"] = serve_static
