"""T16: hypothesis fuzzing of every form (every POST route of the census): never a 500.

Each POST endpoint gets a strategy: its field names (with valid values mixed in, so deeper
paths run) filled with hostile text (random Unicode, control characters, huge strings, numbers
past every limit, dates out of range), random extra fields and random file bytes. An endpoint
without a strategy fails the census test, so a new form is fuzzed from the day it lands.
Fuzzing runs on SQLite only (the PostgreSQL run skips it) with FUZZ_EXAMPLES per form.
"""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from flask import url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pages import census
from support import PASSWORD

from app.core.registry import access_class
from security.fuzz_world import build_world

one_engine = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL", "").strip()),
    reason="fuzzing runs on one engine (SQLite); the PostgreSQL run skips it",
)

FUZZ_EXAMPLES = int(os.environ.get("TAWASUL_FUZZ_EXAMPLES", "20"))
# Answers a form may give to hostile input: a page (re-rendered with errors), a redirect, a
# named refusal. Never 5xx.
NAMED = {200, 302, 303, 400, 403, 404, 409, 410, 413, 422, 429}

BUILDER = ["headline", "bio", "slug", "lang", "status", "theme", "platforms", "indexable"]
ITEM = ["title", "body", "detail", "url", "alt", "hidden", "rate_kind", "amount", "currency"]
CASE = ["title", "context", "goal", "actions", "results", "period", "lesson", "tools"]
VERSION = ["format", "text", "goal", "pillar", "cta", "hashtags", "trend", "aspect"]
VERSION += ["media_count", "media_description", "alt_text", "hook"]
# The exercises' work forms: sbx-02's versions (the world's form attempt) and the desk's step.
SBX02 = [
    f"{s}-{f}"
    for s in ("instagram", "x", "linkedin", "tiktok", "other")
    for f in ("caption", "format", "hashtags")
]
SBX02 += ["tiktok-hook", "other-hook", "other-platform", "action", "token"]
DESK_STEP = ["step", "card", "choice", "tags", "platform", "format", "tie_in", "cta", "caption"]
COMPOSE = ["title", "campaign", "link", "action"]
COMPOSE += [f"p-{p}-{f}" for p in ("x", "instagram", "tiktok") for f in [*VERSION, "include"]]

# Field names of each POST endpoint's form (quiz answers are added from the world's items).
AD_SETUP = [
    "name",
    "family",
    "objective",
    "budget_kind",
    "budget",
    "start",
    "end",
    "city",
    "radius_km",
    "age_min",
    "age_max",
    "languages",
    "interests",
    "placements",
    "is_test",
    "category",
    "partnership",
    "a_primary_text",
    "a_headline",
    "a_cta",
    "a_media_description",
    "a_aspect",
    "b_primary_text",
    "b_aspect",
    "action",
]
FIELDS: dict[str, list[str]] = {
    "accounts.change_email": ["new_email", "password"],
    "accounts.change_password": ["current", "password", "confirm", "sign_out_others"],
    "accounts.confirm_email": [],
    "accounts.delete": ["password", "understand"],
    "accounts.end_other_sessions": [],
    "accounts.end_session": [],
    "accounts.forgot": ["email"],
    "accounts.login": ["email", "password", "remember", "next"],
    "accounts.logout": [],
    "accounts.register": ["email", "display_name", "password"],
    "accounts.resend_verification": ["email"],
    "accounts.reset": ["password", "confirm"],
    "accounts.settings": ["display_name", "locale", "target_role"],
    "accounts.verify": [],
    "admin.end_user_sessions": ["back"],
    "admin.end_user_session": [],
    "admin.set_disabled": [],
    "courses.complete": [],
    "credentials.hide": ["hidden"],
    "credentials.other_language": [],
    "credentials.verify_again": ["token"],
    "exercises.begin": ["condition"],
    "exercises.save": SBX02,
    "exercises.step": DESK_STEP,
    "main.language": ["lang", "next"],
    "portfolio.builder": [*BUILDER, "notify_email"],
    "portfolio.contact": ["name", "email", "message", "token", "website", "k"],
    "portfolio.create_link": ["label", "days"],
    "portfolio.delete_case_study": ["confirm"],
    "portfolio.delete_item": ["confirm"],
    "portfolio.edit_case_study": [*CASE, "platforms", "skills", "hidden"],
    "portfolio.edit_item": [*ITEM, "consent"],
    "portfolio.from_sandbox": [],
    "portfolio.move_case_study": ["step"],
    "portfolio.move_item": ["step"],
    "portfolio.new_case_study": [*CASE, "platforms", "skills", "hidden"],
    "portfolio.new_item": [*ITEM, "consent"],
    "portfolio.photo": ["remove"],
    "portfolio.preview": BUILDER,
    "portfolio.report": ["reason", "token", "k"],
    "portfolio.resume_import": [],
    "portfolio.revoke_link": [],
    "portfolio.save_sections": ["order", "shown", "move"],
    "portfolio.unpublish": ["reason"],
    "quizzes.diagnostic": [],
    "quizzes.retake": [],
    "quizzes.skill_check": [],
    "quizzes.start_lesson": [],
    "quizzes.start_track": [],
    "quizzes.submit": [],
    "ads.create": AD_SETUP,
    "ads.update": AD_SETUP,
    "ads.launch": [],
    "ads.pause": [],
    "ads.resume": [],
    "inbox.alert": ["role", "note"],
    "inbox.item": ["action", "role", "text", "clock", "do"],
    "inbox.pause": [],
    "inbox.resume": [],
    "sandbox.abtest_call": ["call", "next_step"],
    "sandbox.advance": ["amount", "unit", "clock"],
    "sandbox.compose": COMPOSE,
    "sandbox.declare": [
        "post_a",
        "post_b",
        "attribute",
        "metric",
        "duration_days",
        "sample",
        "direction",
    ],
    "sandbox.edit": VERSION,
    "sandbox.lock_abtest": [],
    "sandbox.review": ["action", "comment", "back"],
    "sandbox.schedule": ["when", "move", "back", "week"],
    "sandbox.start": ["scenario"],
    "skills.answer": ["next"],
    "skills.choose_role": ["role"],
}
# File fields, filled with random bytes (T7 covers crafted files).
FILES = {
    "portfolio.photo": "photo",
    "portfolio.new_item": "image",
    "portfolio.edit_item": "image",
    "portfolio.resume_import": "resume",
}
QUIZ_FORMS = {"quizzes.submit", "skills.answer"}
# Routes whose URL picks the form: every choice is fuzzed (URL variable -> values).
# URL variables that take another world object than the one of the same name.
ARG_KEYS = {
    "exercises.work": {"attempt_id": "exercise_attempt"},
    "exercises.save": {"attempt_id": "exercise_attempt"},
    "exercises.step": {"attempt_id": "desk_attempt"},
    "exercises.result": {"attempt_id": "exercise_attempt"},
    "inbox.item": {"key": "inbox_key"},
    "admin.end_user_session": {"key": "admin_session_key"},
}
VARIANTS = {
    "portfolio.new_item": ("kind", ("service", "sample", "testimonial", "tool")),
    "admin.set_disabled": ("verb", ("disable", "enable")),
}
NEW_PASSWORD = "a long unusual passphrase 9"
# A valid form per endpoint where one exists: half the examples are this form with one or two
# fields made hostile, so the fuzzing also reaches the code behind the first check.
# "{...}" values are filled from the world (the learner's objects).
BASE: dict[str, dict[str, str]] = {
    "accounts.change_email": {"new_email": "new@example.com", "password": PASSWORD},
    "accounts.change_password": {
        "current": PASSWORD,
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    },
    "accounts.register": {
        "email": "new@example.com",
        "display_name": "ن",
        "password": NEW_PASSWORD,
    },
    "accounts.settings": {"display_name": "سارة", "locale": "ar", "target_role": ""},
    "main.language": {"lang": "en", "next": "/"},
    "portfolio.builder": {"headline": "h", "bio": "b", "slug": "sara-x", "lang": "ar"},
    "portfolio.preview": {"headline": "h", "bio": "b", "lang": "ar", "theme": "classic"},
    "portfolio.contact": {
        "name": "مقهى",
        "email": "cafe@example.com",
        "message": "نحتاجك",
        "token": "{contact_token}",
    },
    "portfolio.report": {"reason": "spam", "token": "{contact_token}"},
    "portfolio.create_link": {"label": "client", "days": "7"},
    "portfolio.new_item": {"title": "منشور", "alt": "صورة كوب", "url": "https://x.example"},
    "portfolio.edit_item": {"title": "Canva", "detail": "daily"},
    "portfolio.new_case_study": {"title": "حملة", "results": "+20%", "period": "2026-05"},
    "portfolio.edit_case_study": {"title": "حملة", "results": "+20%", "period": "2026-05"},
    "portfolio.save_sections": {"order": "tools", "move": "tools:up"},
    "exercises.begin": {"condition": "standard"},
    "credentials.verify_again": {"token": "{verify_token}"},
    "exercises.step": {
        "step": "decision",
        "card": "{desk_card}",
        "choice": "go",
        "tags": "{desk_tag}",
    },
    "exercises.save": {
        "action": "save",
        "token": "{exercise_attempt_token}",
        "instagram-caption": "زورونا اليوم",
        "instagram-format": "reel",
        "x-caption": "زورونا",
        "x-format": "feed",
    },
    "inbox.alert": {"role": "spokesperson", "note": "المتحدث الرسمي"},
    "inbox.item": {"action": "private", "text": "نعتذر، راسلناك على الخاص", "clock": "{clock}"},
    "sandbox.abtest_call": {"call": "inconclusive", "next_step": "نعيد الاختبار"},
    "sandbox.advance": {"amount": "1", "unit": "hours", "clock": "{clock}"},
    "sandbox.declare": {
        "post_a": "{abtest_post_a}",
        "post_b": "{abtest_post_b}",
        "attribute": "first-line",
        "metric": "engaged",
        "duration_days": "7",
        "sample": "500",
        "direction": "",
    },
    "sandbox.compose": {
        "title": "t",
        "action": "save",
        "p-x-include": "1",
        "p-x-format": "feed",
        "p-x-text": "hi",
        "p-x-goal": "awareness",
        "p-x-media_count": "0",
    },
    "sandbox.edit": {"format": "feed", "text": "قهوة", "goal": "awareness", "media_count": "0"},
    "sandbox.review": {"action": "submit"},
    "sandbox.schedule": {"when": "2030-01-01T10:00"},
    "sandbox.start": {"scenario": "riyadh-cafe"},
    "skills.choose_role": {"role": "social-media-manager"},
}

# Values a field accepts, so examples also get past the first check.
HINTS: dict[str, list[str]] = {
    "email": ["learner@example.com", "a@b.co"],
    "new_email": ["new@example.com"],
    "password": [PASSWORD, "correct horse battery staple 2"],
    "current": [PASSWORD],
    "confirm": [PASSWORD, "y"],
    "lang": ["ar", "en"],
    "locale": ["ar", "en"],
    "status": ["draft", "published", "unlisted"],
    "theme": ["classic"],
    "platforms": ["x", "instagram", "x,instagram"],
    "step": ["up", "down"],
    "action": ["save", "check", "submit", "approve", "reject", "publish", "withdraw"],
    "unit": ["hours", "days"],
    "amount": ["1", "24", "100"],
    "format": ["feed", "reel", "story", "thread"],
    "goal": ["awareness", "engagement", "traffic", "sales"],
    "aspect": ["4:5", "16:9", "9:16", "1:1"],
    "when": ["2030-01-01T10:00", "2026-12-04T09:00"],
    "move": ["1", "-1", "tools:up", "contact:down"],
    "back": ["calendar", ""],
    "scenario": ["riyadh-cafe", "food-bank"],
    "order": ["tools", "contact", "services"],
    "shown": ["tools", "samples"],
    "skills": ["copywriting", "social-analytics"],
    "rate_kind": ["hourly", "project"],
    "currency": ["SAR", "EGP"],
    "days": ["7", "30", ""],
    "next": ["/", "//evil.example", "/review"],
    "slug": ["sara-social", "a", "-"],
    "url": ["https://example.com/x", "javascript:alert(1)"],
    "period": ["2025-01 – 2025-03", "May 2026"],
}
for _flag in ("remember", "understand", "hidden", "indexable", "notify_email", "consent", "remove"):
    HINTS[_flag] = ["y"]
for _name in ("sign_out_others", "website"):
    HINTS[_name] = ["y", ""]

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\nBcc: victim@example.com",
    "\u202e\u2066\ufeff",
    "٣٤٥",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-99999999999999999999",
    "9" * 400,
    "9" * 5000,  # past int()'s 4300-digit limit
    "²",  # str.isdigit() says yes, int() says no
    "①",
    "2030-13-45T25:61",
    "0000-00-00T00:00",
    "9999-12-31T23:59",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "%s%n{0}{{7*7}}",
    "' OR 1=1 --",
    "ـ" * 5000,
    "x" * 70_000,
]
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPECIAL),
    st.integers().map(str),
    st.builds(lambda c, n: c * n, st.characters(codec="utf-8"), st.integers(100, 20_000)),
)


def value_for(name: str) -> st.SearchStrategy[str]:
    """A value for one field: hostile text, or a valid one when we know some."""
    hints = HINTS.get(name)
    return st.one_of(st.sampled_from(hints), HOSTILE_TEXT) if hints else HOSTILE_TEXT


def form_for(
    names: list[str], file_field: str | None, base: dict[str, str]
) -> st.SearchStrategy[dict[str, Any]]:
    """A form: any subset of the fields (some repeated), random extra fields, maybe a file;
    or the valid base form with one or two fields made hostile."""
    known = st.fixed_dictionaries(
        {}, optional={name: st.lists(value_for(name), min_size=1, max_size=3) for name in names}
    )
    extra = st.dictionaries(
        st.text(min_size=1, max_size=12), st.lists(HOSTILE_TEXT, max_size=2), max_size=3
    )

    def merge(parts: tuple[dict[str, Any], dict[str, Any], bytes | None]) -> dict[str, Any]:
        form, more, upload = parts
        data: dict[str, Any] = {**more, **form}
        if file_field and upload is not None:
            data[file_field] = (io.BytesIO(upload), "upload.png")
        return data

    upload = st.none() | st.binary(max_size=2048) if file_field else st.none()
    random_form = st.tuples(known, extra, upload).map(merge)
    if not base:
        return random_form
    spoiled = st.dictionaries(
        st.sampled_from(sorted({*base, *names})),
        st.lists(HOSTILE_TEXT, min_size=1, max_size=2),
        min_size=1,
        max_size=2,
    )
    near_valid = spoiled.map(lambda bad: {**{k: [v] for k, v in base.items()}, **bad})
    return st.one_of(random_form, near_valid)


def test_every_post_route_has_a_fuzz_strategy(app):
    """The census's POST endpoints and the fuzz table agree: a new form must be added here."""
    posts = {r.endpoint for r in app.url_map.iter_rules() if "POST" in (r.methods or ())}
    posts &= set(census(app))
    assert sorted(posts - set(FIELDS)) == [], "POST routes without a fuzz strategy"
    assert sorted(set(FIELDS) - posts) == [], "fuzz strategies for routes that are gone"


# Fixed hostile values every field gets, on every engine (PostgreSQL refuses NUL in text).
FIXED = {
    "nul-and-controls": "a\x00b\x01\x1b[31m\r\n\u202e" + "ـ" * 300,
    "superscript-digit": "²",
    "circled-digit": "①",
    "5000-digits": "9" * 5000,
    "huge-text": "ع" * 100_000,
}


@pytest.mark.parametrize("value", FIXED)
@pytest.mark.parametrize("endpoint", sorted(FIELDS))
def test_fixed_hostile_value_in_every_field(app, users, endpoint: str, value: str) -> None:
    """Each fixed hostile value in every field of every form: a named answer, never a 500."""
    client, urls, names, _base = signed_in_for(app, users, endpoint)
    for url in urls:
        response = client.post(url, data=dict.fromkeys(names, FIXED[value]))
        assert response.status_code in NAMED, (response.status_code, url)


# Query parameters pages read (and one they do not), for the GET leg.
QUERY = ["q", "page", "week", "view", "platform", "at", "next", "k", "lang", "unknown"]
# Pages whose answer does not depend on input, with why they are left out.
NOT_INPUT = {"main.readyz": "503 until the test database carries the migration head"}
QUERY_VALUES = {**FIXED, "20-digits": "99999999999999999999", "negative": "-99999999999999999999"}


def get_endpoints() -> list[str]:
    """Every endpoint of ours that answers GET with a page (not the static files)."""
    from conftest import TEST_INSTANCE

    from app import create_app

    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    probe = create_app(config | {"INSTANCE_PATH": TEST_INSTANCE})
    found = {r.endpoint for r in probe.url_map.iter_rules() if "GET" in (r.methods or ())}
    return sorted(found - {"static", *NOT_INPUT})


@pytest.mark.parametrize("endpoint", get_endpoints())
def test_hostile_query_strings_on_every_page(app, users, endpoint: str) -> None:
    """Each hostile value in every query parameter pages read: a named answer, never a 500."""
    client, urls, names, _base = signed_in_for(app, users, endpoint, "GET")
    for value in QUERY_VALUES.values():
        for url in urls:
            response = client.get(url, query_string=dict.fromkeys(names, value[:3000]))
            assert response.status_code < 500, (response.status_code, url, value[:20])


def base_form(endpoint: str, world: dict[str, Any]) -> dict[str, str]:
    """The endpoint's valid form, with "{name}" values taken from the world."""
    return {k: v.format(**world) for k, v in BASE.get(endpoint, {}).items()}


def signed_in_for(
    app: Any, users: Any, endpoint: str, method: str = "POST"
) -> tuple[Any, list[str], list[str], dict[str, str]]:
    """A client signed in as the route's kind of caller, the route's URLs over a learner's
    real objects, the form's field names and its valid base form."""
    learner, admin = users.create(), users.create(role="admin")
    kind = access_class(app.view_functions[endpoint])
    client = app.test_client()
    if kind != "public":
        who = admin if kind == "admin" else learner
        login = client.post("/login", data={"email": who.email, "password": PASSWORD})
        assert login.status_code == 303
    world = build_world(app, learner, admin)
    rule = next(
        r for r in app.url_map.iter_rules() if r.endpoint == endpoint and method in r.methods
    )
    name, choices = VARIANTS.get(endpoint, ("", ("",)))
    with app.test_request_context():
        urls = [
            url_for(
                endpoint,
                **{arg: world[ARG_KEYS.get(endpoint, {}).get(arg, arg)] for arg in rule.arguments}
                | ({name: c} if name else {}),
            )
            for c in choices
        ]
    names = list(FIELDS.get(endpoint, QUERY))
    if endpoint in QUIZ_FORMS:
        names += [f"q-{item}" for item in world["quiz_items"]]
        lib = app.extensions["tawasul_content"].library
        for item in world["quiz_items"]:
            spec = lib.items[item].spec
            parts = [*spec.get("options", []), *spec.get("pairs", [])]
            names += [f"q-{item}-{part['id']}" for part in parts if isinstance(part, dict)]
    return client, urls, names, base_form(endpoint, world)


def post_endpoints() -> list[str]:
    """Every endpoint in the fuzz table (the census test keeps it complete)."""
    return sorted(FIELDS)


@one_engine
@pytest.mark.parametrize("endpoint", post_endpoints())
def test_form_never_answers_5xx(app, users, endpoint: str) -> None:
    """Random and hostile values in every field of the form: a named answer, never a 500."""
    client, urls, names, base = signed_in_for(app, users, endpoint)
    seen: dict[int, int] = {}

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(form_for(names, FILES.get(endpoint), base), st.sampled_from(urls))
    def fuzz(data: dict[str, Any], url: str) -> None:
        response = client.post(url, data=data, content_type="multipart/form-data")
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code in NAMED, (response.status_code, endpoint)

    fuzz()
    print(f"T16 {endpoint}: {sum(seen.values())} examples, statuses {dict(sorted(seen.items()))}")
