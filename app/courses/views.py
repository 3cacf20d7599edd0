"""Catalogue, track pages, lesson pages, completion and search."""

from __future__ import annotations

from collections.abc import Collection

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.accounts.forms import ConfirmForm
from app.content import search as lesson_search
from app.content.glossary import entries as glossary_entries
from app.content.model import Lesson, LessonText, Library
from app.content.practice import for_lesson
from app.content_runtime import library, renderer, search_index, takeable
from app.core.i18n import current_language as lang
from app.core.memo import Memo, render_kept
from app.core.registry import access
from app.courses import services

bp = Blueprint("courses", __name__, template_folder="templates")


def progress() -> Collection[str]:
    """Ids of the signed-in user's completed lessons, or nothing for visitors."""
    return services.completed_ids(current_user) if current_user.is_authenticated else set()


@bp.route("/learn")
@access("public")
def catalogue() -> str:
    """Every track with the learner's progress."""
    lib = library()
    tracks = lib.ordered_tracks()
    done = progress()
    signed_in = bool(current_user.is_authenticated)
    # The body shows, per track, how many of its lessons are done: that is its whole key.
    finished = tuple(sum(1 for lid in t.lesson_ids if lid in done) for t in tracks)
    body = render_kept(
        CATALOGUES,
        (lib.serial, signed_in, finished),
        "courses/_catalogue_body.html",
        lambda: {"tracks": tracks, "lib": lib, "done": done},
    )
    return render_template("courses/catalogue.html", tracks=tracks, body=body)


# Catalogue bodies as last drawn, per language, content and lessons done in each track.
CATALOGUES = Memo(256)


@bp.route("/learn/<track_id>")
@access("public")
def track(track_id: str) -> str:
    """A track's modules and lessons with their status."""
    lib = library()
    if track_id not in lib.tracks:
        abort(404)
    items = [i for i in lib.items.values() if i.track == track_id and not i.diagnostic]
    return render_template(
        "courses/track.html",
        track=lib.tracks[track_id],
        lib=lib,
        done=progress(),
        has_test=len(items) >= 5,
    )


@bp.route("/lessons/<lesson_id>")
@access("public")
def lesson(lesson_id: str) -> str:
    """A lesson: objectives, body, sources, navigation, completion and practice links."""
    lib = library()
    item = lib.lessons.get(lesson_id)
    if item is None:
        abort(404)
    text = item.text(lang())
    order = list(lib.tracks[item.track].lesson_ids) if item.track in lib.tracks else [item.id]
    at = order.index(item.id) if item.id in order else 0
    return render_template(
        "courses/lesson.html",
        lesson=item,
        text=text,
        article=article(item, text, lib),
        lib=lib,
        done={item.id}
        if current_user.is_authenticated and services.is_complete(current_user, item.id)
        else set(),
        previous=order[at - 1] if at > 0 else None,
        following=order[at + 1] if at + 1 < len(order) else None,
        quiz_count=len([i for i in lib.items_for_lesson(item.id) if not i.diagnostic]),
        practice=for_lesson(item, lib.exercises, takeable()),
    )


def article(item: Lesson, text: LessonText, lib: Library) -> Markup:
    """The lesson's shared part, rendered once per lesson and language per process."""
    key = (item.id, text.lang, lang())
    cache = current_app.extensions.setdefault("tawasul_articles", {})
    if key not in cache:
        # A template rendered with autoescape on; course HTML inside it was cleaned by nh3.
        cache[key] = Markup(  # safe: autoescaped template  # noqa: S704  # nosec B704
            render_template(
                "courses/_article.html",
                lesson=item,
                text=text,
                lib=lib,
                body=renderer().render(text.body, text.lang),
                fallback=text.lang != lang(),
            )
        )
    return cache[key]


@bp.route("/lessons/<lesson_id>/complete", methods=["POST"])
@access("signed-in")
def complete(lesson_id: str) -> Response:
    """Mark a lesson complete and go on to the next one."""
    if lesson_id not in library().lessons or not ConfirmForm().validate_on_submit():
        abort(404 if lesson_id not in library().lessons else 400)
    services.complete_lesson(current_user, lesson_id)
    flash(_("Lesson marked complete."), "success")
    return redirect(url_for("courses.lesson", lesson_id=lesson_id), code=303)


@bp.route("/learn/search")
@access("public")
def search() -> str:
    """Search lessons in both languages (Arabic spelling variants match)."""
    query = request.args.get("q", "")[:200]
    hits = lesson_search.search(search_index(), query) if query.strip() else []
    return render_template("courses/search.html", query=query, hits=hits, lib=library())


@bp.route("/glossary")
@access("public")
def glossary() -> str:
    """Every term the lessons use, with both languages and where it is taught."""
    lib = library()
    cache = current_app.extensions.setdefault("tawasul_glossary", {})
    if lang() not in cache:
        cache[lang()] = glossary_entries(lib, lang())
    return render_template("courses/glossary.html", entries=cache[lang()], lib=lib)
