"""Pictures, the share image, counted outbound links, the live preview and owner analytics."""

from __future__ import annotations

import html
from typing import Any

import nh3
from flask import Response as FlaskResponse
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.registry import access
from app.core.security import CSP
from app.portfolio import editing, services, stats
from app.portfolio.page import cached_public
from app.portfolio.read import version_of
from app.portfolio.shareimage import share_image
from app.portfolio.text import learner_html
from app.portfolio.views import bp, read_builder, readable, render_public
from app.portfolio.views_edit import _uploaded, image_message

# A picture may only be shown, never run: no scripts, no plugins, no same-origin rights.
IMAGE_CSP = "; ".join(
    [
        "default-src 'none'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "sandbox",
    ]
)


def _picture(data: bytes, mime: str, etag: str, name: str) -> Response:
    """An image response revalidated by ETag on every use (so unpublishing is immediate)."""
    response = FlaskResponse(data, mimetype=mime)
    # A name we made (never the uploaded one), with the extension of the bytes' real type.
    extension = mime.removeprefix("image/").replace("jpeg", "jpg")
    response.headers["Content-Disposition"] = f'inline; filename="{name}.{extension}"'
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Security-Policy"] = IMAGE_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response.make_conditional(request)


@bp.route("/p/<slug>/images/<int:image_id>")
@access("public")
def image(slug: str, image_id: int) -> Response:
    """A picture the portfolio shows, to whoever may read the portfolio."""
    portfolio, _owner = readable(slug)
    found = editing.image_for(portfolio, image_id)
    if found is None:
        abort(404)
    return _picture(found.data, found.mime, found.digest, f"picture-{image_id}")


@bp.route("/p/<slug>/share.png")
@access("public")
def share_png(slug: str) -> Response:
    """The 1200×630 picture link previews show (drawn once per version of the portfolio)."""
    portfolio, _owner = readable(slug)
    cache: dict[tuple[int, str], bytes] = current_app.extensions.setdefault("share_images", {})
    version = (portfolio.id, portfolio.updated_at.isoformat())
    if version not in cache:
        # The bio as readers see it (Markdown rendered, tags dropped): its first line.
        text = html.unescape(nh3.clean(learner_html(portfolio.bio), tags=set()))
        first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
        footer = f"تواصل · Tawasul · /p/{portfolio.slug}"
        if len(cache) > 256:
            cache.clear()
        cache[version] = share_image(
            portfolio.headline, first_line, footer, rtl=portfolio.lang == "ar"
        )
    return _picture(cache[version], "image/png", f"{version[0]}-{version[1]}", "share")


@bp.route("/p/<slug>/go/<int:item_id>")
@access("public")
def go(slug: str, item_id: int) -> Response:
    """Follow a link the page shows, counting the click (see SECURITY.md: not an open redirect)."""
    portfolio, owner = readable(slug)
    found = editing.shown_link(portfolio, item_id)
    if found is None:
        abort(404)
    item, target = found
    if not owner and not stats.is_bot(request.user_agent.string):
        stats.record(portfolio.id, portfolio.user_id, "click", str(item.id))
    return redirect(target, code=302)


@bp.route("/portfolio/photo", methods=["POST"])
@access("signed-in")
def photo() -> Response | tuple[str, int]:
    """Upload, replace or remove the portfolio's photo."""
    portfolio = services.ensure_portfolio(current_user)
    if request.form.get("remove") == "y":
        editing.set_photo(current_user, portfolio, None)
        flash(_("Photo removed."), "success")
        return redirect(url_for("portfolio.builder", _anchor="photo-heading"), code=303)
    picture, problem = _uploaded("photo")
    if picture is None:
        flash(image_message(problem or "") if problem else _("Choose a picture first."), "error")
        return redirect(url_for("portfolio.builder", _anchor="photo-heading"), code=303)
    editing.set_photo(current_user, portfolio, picture)
    flash(_("Photo saved."), "success")
    return redirect(url_for("portfolio.builder", _anchor="photo-heading"), code=303)


class Preview:
    """The saved portfolio with the builder's typed (unsaved) fields laid over it."""

    def __init__(self, portfolio: Any, typed: dict[str, Any]) -> None:
        """Keep the portfolio and the fields to show instead of its own."""
        self._portfolio, self._typed = portfolio, typed

    def __getattr__(self, name: str) -> Any:
        """A typed value when there is one, else the saved one."""
        return self._typed[name] if name in self._typed else getattr(self._portfolio, name)


@bp.route("/portfolio/preview", methods=["GET", "POST"])
@access("signed-in")
def preview() -> Response:
    """The public page as it would look with what the builder holds now (nothing saved)."""
    portfolio = services.draft_for(current_user)  # writes nothing, even before a first save
    shown: Any = portfolio
    if request.method == "POST":
        fields, errors = read_builder(request.form)
        fields = {k: v for k, v in fields.items() if k not in errors and k != "slug"}
        shown = Preview(portfolio, fields)
    version = version_of(portfolio.slug) if portfolio.id and shown is portfolio else None
    if version is not None and version.id == portfolio.id:
        # The saved portfolio as it is: rendered once per version, like the public page.
        html = cached_public(version, preview=True)
    else:
        html = render_public(shown, True, preview=True)
    response = current_app.make_response(html)
    # Only the builder (same origin) may frame the preview.
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Content-Security-Policy"] = CSP.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    )
    return response


@bp.route("/portfolio/stats")
@access("signed-in")
def analytics() -> str:
    """Views per day, referring sites, link clicks and messages (no visitor is identified)."""
    portfolio = services.portfolio_of(current_user)
    figures = stats.summary(portfolio) if portfolio is not None else None
    return render_template("portfolio/stats.html", p=portfolio, figures=figures)
