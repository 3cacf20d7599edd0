"""Hashed static names (app/core/manifest.py) on a throwaway folder: no Flask involved."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

from app.core.manifest import HASH_LENGTH, Manifest, compressed, hashed_name, rewrite_css

CSS = """@font-face { src: url(../fonts/a.woff2) format('woff2'); }
.x { background: url("../img/b.svg#icon"); }
.y { background: url('data:image/png;base64,AAAA'); }
.z { background: url(https://example.org/c.png); }
.w { background: url(../img/missing.png); }
"""


def make_folder(root: Path) -> Path:
    """A static folder: one stylesheet pointing at a font, an image and things it must skip."""
    for name, content in {
        "css/site.css": CSS.encode(),
        "fonts/a.woff2": b"font-one",
        "img/b.svg": b"<svg/>",
        "js/app.js": b"console.log(1)",
        ".hidden/secret.txt": b"not served",
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def hex_of(content: bytes) -> str:
    """The first HASH_LENGTH hex digits of the SHA-256 (the spec of the name, computed here)."""
    return hashlib.sha256(content).hexdigest()[:HASH_LENGTH]


def test_hashed_name_puts_the_content_hash_before_the_extension():
    """dir/stem.ext → dir/stem.<hash>.ext; a name without extension gets the hash at the end."""
    assert hashed_name("js/app.js", b"abc") == f"js/app.{hex_of(b'abc')}.js"
    assert hashed_name("LICENSE", b"abc") == f"LICENSE.{hex_of(b'abc')}"
    assert hashed_name("js/app.js", b"abc") != hashed_name("js/app.js", b"abd")


def test_stylesheet_points_at_hashed_targets_and_leaves_the_rest(tmp_path):
    """Relative url()s are renamed (fragment kept); data:, other origins and unknowns are not."""
    manifest = Manifest(make_folder(tmp_path))
    css = manifest.by_name["css/site.css"]
    assert css.body is not None
    body = css.body.decode()
    assert f"url(../fonts/a.{hex_of(b'font-one')}.woff2)" in body
    assert f'url("../img/b.{hex_of(b"<svg/>")}.svg#icon")' in body
    assert "url('data:image/png;base64,AAAA')" in body
    assert "url(https://example.org/c.png)" in body
    assert "url(../img/missing.png)" in body
    # The stylesheet's name is the hash of what is served: the rewritten text.
    assert css.hashed == f"css/site.{hex_of(css.body)}.css"
    assert manifest.by_name["js/app.js"].body is None  # other files are served from disk


def test_changing_a_font_renames_the_font_and_the_stylesheet(tmp_path):
    """A new font under the same name gives both files new names; the script keeps its own."""
    folder = make_folder(tmp_path)
    before = Manifest(folder)
    (folder / "fonts/a.woff2").write_bytes(b"font-two")
    after = Manifest(folder)
    for name in ("fonts/a.woff2", "css/site.css"):
        assert before.url_name(name) != after.url_name(name), name
    assert before.url_name("js/app.js") == after.url_name("js/app.js")
    assert before.signature != after.signature


def test_lookup_knows_hashed_and_plain_names_and_nothing_else(tmp_path):
    """Hashed name → (asset, True); plain → (asset, False); a stale hash or a dot-file → None."""
    manifest = Manifest(make_folder(tmp_path))
    hashed = manifest.url_name("js/app.js")
    assert re.fullmatch(rf"js/app\.[0-9a-f]{{{HASH_LENGTH}}}\.js", hashed)
    asset, is_hashed = manifest.lookup(hashed)
    assert asset is not None and asset.name == "js/app.js" and is_hashed
    asset, is_hashed = manifest.lookup("js/app.js")
    assert asset is not None and not is_hashed
    digits = hashed.split(".")[1]
    stale = hashed.replace(digits, "0" * HASH_LENGTH if digits != "0" * HASH_LENGTH else "1" * 10)
    assert manifest.lookup(stale) == (None, False)
    assert manifest.lookup(".hidden/secret.txt") == (None, False)
    assert manifest.url_name("nope.css") == "nope.css"


def test_rewrite_css_resolves_references_against_the_stylesheets_folder():
    """`../x` from css/ is x at the root, `y` is css/y; the query survives the rename."""
    asked: list[str] = []

    def rename(name: str) -> str | None:
        asked.append(name)
        return name.replace(".", ".h.", 1)

    out = rewrite_css("a{b:url(../x.png?v=2)} c{d:url( y.gif )}", "css/s.css", rename)
    assert asked == ["x.png", "css/y.gif"]
    assert out == "a{b:url(../x.h.png?v=2)} c{d:url(y.h.gif)}"


def test_only_text_that_shrinks_is_gzipped(tmp_path):
    """The stylesheet gets a gzip form that decodes to its body; the font and script do not."""
    manifest = Manifest(make_folder(tmp_path))
    css = manifest.by_name["css/site.css"]
    assert css.gzipped is not None and gzip.decompress(css.gzipped) == css.body
    assert manifest.by_name["fonts/a.woff2"].gzipped is None  # not a text format
    assert manifest.by_name["js/app.js"].gzipped is None  # 14 bytes: gzip would add bytes
    assert compressed("a.css", b"x") is None
