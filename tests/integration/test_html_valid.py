"""Every page the server renders is valid HTML (Nu Html Checker), in Arabic and in English.

The bytes the server sends are collected with the Flask test client (not the browser's
re-serialised DOM), written to tmp_path, and checked in one JVM run of vnu.jar.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support import PASSWORD

from app.content.library import load_library

# A Java run of the checker: CI runs it once, on PostgreSQL + Redis (.ci/run).
pytestmark = pytest.mark.vnu
ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
LANGUAGES = ("ar", "en")
# Every track and lesson of the repository's content, so new lessons are checked too.
CONTENT = load_library(ROOT)[0]

# (name, method, path, form data, expected status)
Request = tuple[str, str, str, dict[str, str] | None, int]

ANONYMOUS: list[Request] = [
    ("landing", "GET", "/", None, 200),
    ("login", "GET", "/login", None, 200),
    ("register", "GET", "/register", None, 200),
    ("check-inbox", "GET", "/register/check-inbox", None, 200),
    ("forgot", "GET", "/forgot", None, 200),
    ("privacy", "GET", "/privacy", None, 200),
    ("not-found", "GET", "/no-such-page", None, 404),
    ("verify-invalid", "GET", "/verify", None, 400),
    ("reset-invalid", "GET", "/reset", None, 400),
    ("email-confirm-invalid", "GET", "/account/email/confirm", None, 400),
    (
        "register-errors",
        "POST",
        "/register",
        {"email": "not-an-email", "display_name": "", "password": "short"},
        400,
    ),
    ("login-errors", "POST", "/login", {"email": "nobody@example.com", "password": "wrong"}, 400),
    ("forgot-errors", "POST", "/forgot", {"email": ""}, 400),
    ("resend-errors", "POST", "/verify/resend", {"email": "x"}, 400),
]
LEARNER: list[Request] = [
    ("learner-home", "GET", "/", None, 200),
    ("account", "GET", "/account/", None, 200),
    ("settings", "GET", "/account/settings", None, 200),
    ("password", "GET", "/account/password", None, 200),
    ("email", "GET", "/account/email", None, 200),
    ("sessions", "GET", "/account/sessions", None, 200),
    ("delete", "GET", "/account/delete", None, 200),
    ("settings-errors", "POST", "/account/settings", {"display_name": "", "locale": "xx"}, 400),
    (
        "password-errors",
        "POST",
        "/account/password",
        {"current": "wrong", "password": "short", "confirm": "other"},
        400,
    ),
    ("email-errors", "POST", "/account/email", {"new_email": "bad", "password": ""}, 400),
    ("delete-errors", "POST", "/account/delete", {"password": ""}, 400),
    ("admin-refused", "GET", "/admin/", None, 403),
    ("catalogue", "GET", "/learn", None, 200),
    *[(f"track-{tid}", "GET", f"/learn/{tid}", None, 200) for tid in CONTENT.tracks],
    *[(f"lesson-{lid}", "GET", f"/lessons/{lid}", None, 200) for lid in sorted(CONTENT.lessons)],
    ("glossary", "GET", "/glossary", None, 200),
    (
        "search",
        "GET",
        "/learn/search?q=%D8%A7%D9%84%D9%85%D9%86%D8%B5%D8%A7%D8%AA+LinkedIn",
        None,
        200,
    ),
    ("search-empty", "GET", "/learn/search?q=zzzz", None, 200),
    ("diagnostic-intro", "GET", "/quiz/diagnostic", None, 200),
    ("skills-empty", "GET", "/skills", None, 200),
    ("review-empty", "GET", "/review", None, 200),
    ("history-empty", "GET", "/quiz/history", None, 200),
]
# Pages reached after taking the diagnostic (their URLs are made at run time).
DYNAMIC = (
    "quiz-take",
    "quiz-result",
    "retake-take",
    "learner-home-due",
    "skills-with-evidence",
    "skill-why",
    "review-due",
    "history",
)
# A/B test pages (render_abtests), in the order one learner visits them.
ABTEST_PAGES = (
    "sandbox-abtests",
    "sandbox-abtest-declare-errors",
    "sandbox-abtest",
    "sandbox-abtest-running",
    "sandbox-abtest-results",
    "sandbox-abtest-call-errors",
    "sandbox-abtest-working",
)
# Ads manager pages (render_ads), in the order one learner visits them.
ADS_PAGES = (
    "ads-empty",
    "ads-new",
    "ads-new-errors",
    "ads-estimate",
    "ads-draft",
    "ads-edit",
    "ads-results",
    "ads-report",
    "ads-list",
)
# Sandbox pages, visited in this order by one learner (URLs made at run time).
SANDBOX = (
    "sandbox-empty",
    "sandbox-account",
    "sandbox-brief",
    "sandbox-compose",
    "sandbox-compose-check",
    "sandbox-compose-errors",
    "sandbox-post-draft",
    "sandbox-post-edit-errors",
    "sandbox-stale-clock",
    "sandbox-post-published",
    "sandbox-calendar-week",
    "sandbox-calendar-month",
    "sandbox-analytics",
    "sandbox-report",
    "sandbox-replay",
    *ABTEST_PAGES,
    *ADS_PAGES,
    "portfolio-builder-new",
    "portfolio-builder-errors",
    "portfolio-builder",
    "portfolio-public-owner",
    "portfolio-public",
    "portfolio-contact-errors",
    "portfolio-public-minimal",
    "portfolio-public-bold",
    "portfolio-messages",
    "portfolio-item-new",
    "portfolio-item-errors",
    "portfolio-item-edit",
    "portfolio-case-new",
    "portfolio-case-errors",
    "portfolio-case-simulated",
    "portfolio-preview",
    "portfolio-stats",
)
ADMIN: list[Request] = [
    ("admin-users", "GET", "/admin/", None, 200),
    ("admin-content", "GET", "/admin/content", None, 200),
    ("admin-reports", "GET", "/admin/reports", None, 200),
    ("admin-numbers", "GET", "/admin/numbers", None, 200),
    ("admin-audit-empty", "GET", "/admin/audit", None, 200),
    ("admin-search-none", "GET", "/admin/?q=zzzz", None, 200),
]
# Admin pages about the learner who took the diagnostic and used the sandbox (made at run time).
ADMIN_DYNAMIC = (
    "admin-user",
    "admin-search",
    "admin-disable-confirm",
    "admin-user-disabled",
    "admin-enable-confirm",
    "admin-audit",
    "login-disabled",
)
CANARY = '<!DOCTYPE html><html lang="en"><title>canary</title><p><blink>x</blink></p></html>'
EXPECTED_PAGES = len(LANGUAGES) * (
    len(ANONYMOUS) + len(LEARNER) + len(ADMIN) + len(DYNAMIC) + len(SANDBOX) + len(ADMIN_DYNAMIC)
)


def need(condition: bool, reason: str) -> None:
    """Skip with a visible reason on a developer machine; fail when CI=true."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI requires it: {reason}", pytrace=False)
    pytest.skip(reason)


def run_vnu(files: list[Path]) -> list[dict[str, Any]]:
    """Validate all files in one JVM run and return vnu's messages (JSON on stderr)."""
    java = shutil.which("java")
    need(java is not None, "java is not installed (apt-get install default-jre-headless)")
    need(VNU_JAR.is_file(), f"vnu.jar is missing at {VNU_JAR}: run npm ci --ignore-scripts")
    out = subprocess.run(
        [
            str(java),
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return list(json.loads(out.stderr)["messages"])


def assert_valid_html(files: list[Path], folder: Path) -> None:
    """Fail with file:line and message for every vnu error in `files`.

    A canary page with a known error proves vnu really read and checked the files.
    """
    canary = folder / "zz-canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    messages = run_vnu([*files, canary])
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    canary_errors = [m for m in errors if m.get("url", "").endswith("/zz-canary.html")]
    assert canary_errors, f"vnu reported nothing for the broken canary page: {messages[:5]}"
    errors = [m for m in errors if m not in canary_errors]
    report = "\n".join(
        f"{Path(re.sub(r'^file:', '', m.get('url', '?'))).name}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}\n    {m.get('extract', '').strip()[:200]}"
        for m in errors
    )
    assert not errors, f"vnu: {len(errors)} error(s) in {len(files)} pages\n{report}"


def test_every_page_is_valid_html(
    app: Any, users: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """All anonymous, learner and admin pages, in both languages, pass vnu with no error."""
    files: list[Path] = []
    problems: list[str] = []

    def render(
        client: Any,
        label: str,
        lang: str,
        requests: list[Request],
        headers: dict[str, str] | None = None,
    ) -> None:
        for name, method, path, data, status in requests:
            response = client.open(path, method=method, data=data, headers=headers or {})
            body = response.get_data(as_text=True)
            if response.status_code != status:
                problems.append(
                    f"{label}/{name}: {method} {path} gave {response.status_code}, "
                    f"expected {status}"
                )
                continue
            if f'<html lang="{lang}"' not in body:
                problems.append(f"{label}/{name}: {method} {path} is not rendered in {lang!r}")
            file = tmp_path / f"{lang}-{label}-{name}.html"
            file.write_text(body, encoding="utf-8")
            files.append(file)

    def signed_in(role: str, lang: str) -> Any:
        user = users.create(role=role, locale=lang, email=f"{role}-{lang}@example.com")
        client = app.test_client()
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        return client

    for lang in LANGUAGES:
        render(app.test_client(), "anonymous", lang, ANONYMOUS, {"Accept-Language": lang})
        # The signed-in user's saved locale wins over the browser's language.
        other = "en" if lang == "ar" else "ar"
        render(signed_in("learner", lang), "learner", lang, LEARNER, {"Accept-Language": other})
        admin = signed_in("admin", lang)
        render(admin, "admin", lang, ADMIN, {"Accept-Language": other})
        learner = signed_in("quizzer", lang)
        take = learner.post("/quiz/diagnostic").headers["Location"]
        headers = {"Accept-Language": other}
        render(learner, "learning", lang, [("quiz-take", "GET", take, None, 200)], headers)
        result = learner.post(take, data={}).headers["Location"]
        retake = learner.post(result + "/retake").headers["Location"]
        dynamic: list[Request] = [
            ("quiz-result", "GET", result, None, 200),
            ("retake-take", "GET", retake, None, 200),
            ("learner-home-due", "GET", "/", None, 200),
            ("skills-with-evidence", "GET", "/skills", None, 200),
            ("skill-why", "GET", "/skills/copywriting", None, 200),
            ("review-due", "GET", "/review", None, 200),
            ("history", "GET", "/quiz/history", None, 200),
        ]
        render(learner, "learning", lang, dynamic, headers)
        render_sandbox(learner, lang, headers, render)
        render_admin(admin, app.test_client(), lang, headers, render)

    assert not problems, "\n".join(problems)
    assert len(files) == EXPECTED_PAGES, f"rendered {len(files)} pages, expected {EXPECTED_PAGES}"

    assert_valid_html(files, tmp_path)
    with capsys.disabled():
        print(f"\nvnu: {len(files)} pages, 0 errors")


def render_admin(
    admin: Any, anonymous: Any, lang: str, headers: dict[str, str], render: Any
) -> None:
    """The admin's pages about a learner with data: detail, search, disable, audit log."""
    email = f"quizzer-{lang}@example.com"
    with admin.application.app_context():
        from app.admin.services import user_by_email

        found = user_by_email(email)
        assert found is not None
        user_id = found.id
    base = f"/admin/users/{user_id}"
    render(admin, "admin", lang, [("admin-user", "GET", base, None, 200)], headers)
    render(admin, "admin", lang, [("admin-search", "GET", "/admin/?q=quizzer", None, 200)], headers)
    confirm = [("admin-disable-confirm", "GET", f"{base}/disable", None, 200)]
    render(admin, "admin", lang, confirm, headers)
    assert admin.post(f"{base}/disable").status_code == 303
    disabled: list[Request] = [
        ("admin-user-disabled", "GET", base, None, 200),
        ("admin-enable-confirm", "GET", f"{base}/enable", None, 200),
        ("admin-audit", "GET", "/admin/audit", None, 200),
    ]
    render(admin, "admin", lang, disabled, headers)
    login = [("login-disabled", "POST", "/login", {"email": email, "password": PASSWORD}, 403)]
    render(anonymous, "anonymous", lang, login, {"Accept-Language": lang})


def sandbox_form(action: str, **extra: str) -> dict[str, str]:
    """A composer submission for X and Instagram."""
    data = {
        "title": "قهوة الصباح",
        "link": "https://cafe.example/m",
        "campaign": "c",
        "action": action,
    }
    for platform, fmt, aspect in (("x", "feed", "16:9"), ("instagram", "feed", "4:5")):
        data |= {
            f"p-{platform}-include": "1",
            f"p-{platform}-format": fmt,
            f"p-{platform}-text": "جرّبوا قهوتنا ☕ @tawasul https://cafe.example",
            f"p-{platform}-hashtags": "#قهوة #a #b #c #d #e",
            f"p-{platform}-media_count": "1",
            f"p-{platform}-aspect": aspect,
            f"p-{platform}-goal": "traffic",
        }
    return data | extra


def render_sandbox(client: Any, lang: str, headers: dict[str, str], render: Any) -> None:
    """Walk the sandbox: start, compose (check, errors, save), approve, publish, read."""
    render(client, "sandbox", lang, [("sandbox-empty", "GET", "/sandbox", None, 200)], headers)
    base = client.post("/sandbox/start", data={"scenario": "riyadh-cafe"}).headers["Location"]
    pages: list[Request] = [
        ("sandbox-account", "GET", base, None, 200),
        ("sandbox-brief", "GET", f"{base}/brief", None, 200),
        ("sandbox-compose", "GET", f"{base}/compose", None, 200),
        ("sandbox-compose-check", "POST", f"{base}/compose", sandbox_form("check"), 200),
        ("sandbox-compose-errors", "POST", f"{base}/compose", sandbox_form("save", title=""), 400),
    ]
    render(client, "sandbox", lang, pages, headers)
    client.post(f"{base}/compose", data=sandbox_form("save", **{"p-instagram-hashtags": "#قهوة"}))
    with client.application.app_context():
        from sqlalchemy import select

        from app.core.extensions import db
        from app.sandbox.models import SandboxPost

        account_id = int(base.rsplit("/", 1)[1])
        ids = db.session.scalars(
            select(SandboxPost.id).where(SandboxPost.account_id == account_id)
        ).all()
    draft, other = f"{base}/posts/{ids[0]}", f"{base}/posts/{ids[1]}"
    typed = {"format": "feed", "text": "نص جديد", "goal": "fame", "media_count": "0"}
    render(
        client,
        "sandbox",
        lang,
        [
            ("sandbox-post-draft", "GET", draft, None, 200),
            ("sandbox-post-edit-errors", "POST", f"{draft}/edit", typed, 400),
        ],
        headers,
    )
    client.post(other + "/review", data={"action": "submit"})
    client.post(other + "/review", data={"action": "approve"})
    client.post(other + "/schedule", data={"when": "2027-02-01T21:00"})
    shown = re.search(r'name="clock" value="([^"]+)"', client.get(base).get_data(as_text=True))
    assert shown, "the advance form carries no clock"
    step = {"amount": "3", "unit": "days", "clock": shown.group(1)}
    client.post(f"{base}/advance", data=step)
    pages = [
        ("sandbox-stale-clock", "POST", f"{base}/advance", step, 409),
        ("sandbox-post-published", "GET", other, None, 200),
        ("sandbox-calendar-week", "GET", f"{base}/calendar", None, 200),
        ("sandbox-calendar-month", "GET", f"{base}/calendar?view=month&week=-1", None, 200),
        ("sandbox-analytics", "GET", f"{base}/analytics", None, 200),
        ("sandbox-report", "GET", f"{base}/report", None, 200),
        ("sandbox-replay", "GET", f"{other}/replay?at=2027-02-01T09:00", None, 200),
    ]
    render(client, "sandbox", lang, pages, headers)
    render_abtests(client, lang, headers, render, base)
    render_ads(client, lang, headers, render, base)
    slug = f"sara-{lang}"
    form = {"headline": "مديرة محتوى", "bio": "**مرحبًا** [site](https://a.example)", "lang": lang}
    pages = [
        ("portfolio-builder-new", "GET", "/portfolio", None, 200),
        (
            "portfolio-builder-errors",
            "POST",
            "/portfolio",
            form | {"slug": "x", "status": "draft"},
            400,
        ),
    ]
    render(client, "portfolio", lang, pages, headers)
    client.post("/portfolio", data=form | {"slug": slug, "status": "draft"})
    client.post(f"/portfolio/case-studies/sandbox/{account_id}")
    fill_sections(client)
    pages = [
        ("portfolio-builder", "GET", "/portfolio", None, 200),
        ("portfolio-public-owner", "GET", f"/p/{slug}", None, 200),
    ]
    render(client, "portfolio", lang, pages, headers)
    client.post("/portfolio", data=form | {"slug": slug, "status": "published"})
    visitor = client.application.test_client()
    render(
        visitor,
        "portfolio",
        lang,
        [("portfolio-public", "GET", f"/p/{slug}", None, 200)],
        {"Accept-Language": lang},
    )
    for theme in ("minimal", "bold"):
        client.post("/portfolio", data=form | {"slug": slug, "status": "published", "theme": theme})
        name = f"portfolio-public-{theme}"
        render(
            visitor,
            "portfolio",
            lang,
            [(name, "GET", f"/p/{slug}", None, 200)],
            {"Accept-Language": lang},
        )
    bad = {"name": "", "email": "nope", "message": "hi", "token": "forged"}
    render(
        visitor,
        "portfolio",
        lang,
        [("portfolio-contact-errors", "POST", f"/p/{slug}/contact", bad, 400)],
        {"Accept-Language": lang},
    )
    render(
        client,
        "portfolio",
        lang,
        [("portfolio-messages", "GET", "/portfolio/messages", None, 200)],
        headers,
    )
    render(client, "portfolio", lang, editor_pages(client, form | {"slug": slug}), headers)


def render_abtests(client: Any, lang: str, headers: dict[str, str], render: Any, base: str) -> None:
    """Two drafts that differ in the first line: the list, a refused declaration, the test,
    the test running, its results before the call, a refused call and the working."""
    from sqlalchemy import select

    from app.core.extensions import db
    from app.sandbox.models import SandboxPost

    for first in ("صباح القهوة", "سؤال اليوم"):
        form = sandbox_form("save", **{"p-x-include": "", "p-instagram-text": f"{first}\nقهوة"})
        assert client.post(f"{base}/compose", data=form).status_code == 303
    with client.application.app_context():
        a, b = db.session.scalars(select(SandboxPost.id).order_by(SandboxPost.id.desc())).all()[:2][
            ::-1
        ]
    declare = {"post_a": str(a), "post_b": str(b), "attribute": "cta", "metric": "engaged"}
    declare |= {"duration_days": "7", "sample": "1000", "direction": ""}
    tests = f"{base}/abtests"
    render(
        client,
        "sandbox",
        lang,
        [
            ("sandbox-abtests", "GET", tests, None, 200),
            ("sandbox-abtest-declare-errors", "POST", tests, declare, 422),
        ],
        headers,
    )
    made = client.post(tests, data=declare | {"attribute": "first-line"}).headers["Location"]
    render(client, "sandbox", lang, [("sandbox-abtest", "GET", made, None, 200)], headers)
    client.post(f"{made}/lock")
    render(client, "sandbox", lang, [("sandbox-abtest-running", "GET", made, None, 200)], headers)
    shown = re.search(r'name="clock" value="([^"]+)"', client.get(made).get_data(as_text=True))
    assert shown, "a running test's page carries the clock form"
    client.post(f"{base}/advance", data={"amount": "7", "unit": "days", "clock": shown[1]})
    call = {"call": "inconclusive", "next_step": "نعيد الاختبار بعينة أكبر"}
    pages: list[Request] = [
        ("sandbox-abtest-results", "GET", f"{made}/results", None, 200),
        ("sandbox-abtest-call-errors", "POST", f"{made}/call", {"call": "a"}, 422),
    ]
    render(client, "sandbox", lang, pages, headers)
    client.post(f"{made}/call", data=call)
    working = [("sandbox-abtest-working", "GET", f"{made}/results", None, 200)]
    render(client, "sandbox", lang, working, headers)


def render_ads(client: Any, lang: str, headers: dict[str, str], render: Any, base: str) -> None:
    """The ads manager: empty list, the form, its errors and estimate, a draft, a campaign's
    results after the clock moves, its printable report and the list with figures."""
    from datetime import date, timedelta

    from security.ads_cases import ads_form

    page = client.get(base).get_data(as_text=True)
    shown = re.search(r'name="clock" value="([^"]+)"', page)
    assert shown, "the account page carries the clock form"
    first = date.fromisoformat(shown[1][:10]) + timedelta(days=1)
    form = ads_form(first) | {"is_test": "1", "b_primary_text": "قهوة باردة", "b_aspect": "4:5"}
    ads = f"{base}/ads"
    pages: list[Request] = [
        ("ads-empty", "GET", ads, None, 200),
        ("ads-new", "GET", f"{ads}/new", None, 200),
        ("ads-new-errors", "POST", f"{ads}/new", form | {"name": "", "budget": "1"}, 422),
        ("ads-estimate", "POST", f"{ads}/new", form | {"action": "estimate"}, 200),
    ]
    render(client, "sandbox", lang, pages, headers)
    made = client.post(f"{ads}/new", data=form).headers["Location"]
    drafts: list[Request] = [
        ("ads-draft", "GET", made, None, 200),
        ("ads-edit", "GET", f"{made}/edit", None, 200),
    ]
    render(client, "sandbox", lang, drafts, headers)
    assert client.post(f"{made}/launch").status_code == 303
    client.post(f"{base}/advance", data={"amount": "4", "unit": "days", "clock": shown[1]})
    ran: list[Request] = [
        ("ads-results", "GET", made, None, 200),
        ("ads-report", "GET", f"{made}/report", None, 200),
        ("ads-list", "GET", ads, None, 200),
    ]
    render(client, "sandbox", lang, ran, headers)


def fill_sections(client):
    """One item of every kind (a sample with its picture), and a real-world case study."""
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "#8a5a3c").save(picture, "PNG")
    picture.seek(0)
    items = {
        "service": {
            "title": "إدارة شهرية",
            "amount": "3500",
            "currency": "SAR",
            "rate_kind": "monthly",
        },
        "sample": {
            "title": "منشور",
            "alt": "كوب قهوة",
            "url": "https://a.example/p",
            "image": (picture, "s.png"),
        },
        "testimonial": {
            "title": "نورة",
            "detail": "مشرفة",
            "body": "عمل رائع ومنظم جدًا.",
            "consent": "y",
        },
        "tool": {"title": "Canva", "detail": "يومي", "url": "https://canva.example"},
    }
    for kind, data in items.items():
        assert client.post(f"/portfolio/items/new/{kind}", data=data).status_code == 303, kind
    story = {
        "title": "نادي",
        "results": "امتلأت الفعاليات",
        "period": "خريف 2025",
        "platforms": ["instagram"],
    }
    assert client.post("/portfolio/case-studies/new", data=story).status_code == 303


def editor_pages(client, profile):
    """The item and case-study editors, the live preview and the analytics page."""
    from sqlalchemy import select

    from app.core.extensions import db
    from app.portfolio.models import CaseStudy, PortfolioItem

    with client.application.app_context():
        # The newest rows are this language's learner's (each language has its own).
        newest = PortfolioItem.id.desc()
        item = db.session.scalar(
            select(PortfolioItem.id).where(PortfolioItem.kind == "sample").order_by(newest)
        )
        simulated = db.session.scalar(
            select(CaseStudy.id).where(CaseStudy.simulated).order_by(CaseStudy.id.desc())
        )
    return [
        ("portfolio-item-new", "GET", "/portfolio/items/new/service", None, 200),
        ("portfolio-item-errors", "POST", "/portfolio/items/new/service", {"amount": "x"}, 400),
        ("portfolio-item-edit", "GET", f"/portfolio/items/{item}", None, 200),
        ("portfolio-case-new", "GET", "/portfolio/case-studies/new", None, 200),
        ("portfolio-case-errors", "POST", "/portfolio/case-studies/new", {"title": ""}, 400),
        ("portfolio-case-simulated", "GET", f"/portfolio/case-studies/{simulated}", None, 200),
        ("portfolio-preview", "POST", "/portfolio/preview", profile | {"status": "published"}, 200),
        ("portfolio-stats", "GET", "/portfolio/stats", None, 200),
    ]
