"""JSON Resume through the pages: exports validate, imports pre-fill, every field round-trips."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image
from sqlalchemy import select

from app.accounts.models import User
from app.content_runtime import library
from app.core.db import write_unit
from app.core.extensions import db
from app.portfolio import editing, services
from app.portfolio.domain import CASE_FIELDS, ITEM_FIELDS, store_sections
from app.portfolio.images import clean_image
from app.portfolio.models import CaseStudy, Portfolio
from app.portfolio.resume import problems
from app.skills.models import SkillState

FULL = Path(__file__).parents[1] / "portfolio" / "full_resume.json"
X = "x-tawasul"
SETTINGS = ("headline", "bio", "platforms", "lang", "theme", "sections")
EMPTY_ITEM = dict.fromkeys(ITEM_FIELDS, "") | {"amount": None, "consent": False, "hidden": False}
RATE = {"rate_kind": "monthly", "amount": 1500, "currency": "SAR"}
QUOTE = {"title": "رامي", "body": "خطة ممتازة للعيد", "detail": "مخبز زعتر", "consent": True}
# (kind, fields, colour of its picture or None)
ITEMS = [
    ("service", {"title": "إدارة حسابين", "body": "12 منشورًا", "detail": "شهري"} | RATE, None),
    ("sample", {"title": "Reel", "url": "https://a.example/r", "alt": "A cup of coffee"}, "red"),
    ("sample", {"title": "Draft sample", "body": "Not ready", "hidden": True}, None),
    ("testimonial", QUOTE, None),
    (
        "tool",
        {"title": "Canva", "body": "Designs", "detail": "design", "url": "https://c.example"},
        None,
    ),
]


def png(colour: str) -> bytes:
    """A small PNG drawn with Pillow."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def build_portfolio(app: Any, user_id: int) -> None:
    """A portfolio holding every field: a photo, each kind of item, a real and a simulated study."""
    with app.test_request_context():
        user = db.session.get(User, user_id)
        portfolio = services.ensure_portfolio(user)
        with write_unit(db.session) as s:
            portfolio.headline = "Content lead for cafés"
            portfolio.bio = "I plan.\n\nI **measure**."
            portfolio.platforms, portfolio.lang, portfolio.theme = "instagram,tiktok", "en", "bold"
            portfolio.sections = store_sections([("case_studies", False), ("skills", True)])
            skill = next(iter(library().skills))
            s.add(SkillState(user_id=user.id, skill=skill, level=3, p_know=0.9))
        editing.set_photo(user, portfolio, clean_image(png("navy")))
        for kind, fields, colour in ITEMS:
            picture = clean_image(png(colour)) if colour else None
            editing.save_item(user, portfolio, None, kind, fields, picture)
        real = {"title": "Summer menu", "context": "A café in Riyadh", "goal": "300 pre-orders"}
        real |= {"actions": "Ten posts\n\n  A story quiz", "results": "410", "period": "2026-03"}
        real |= {"lesson": "Mornings work", "platforms": "instagram", "tools": "Canva, CapCut"}
        editing.save_case_study(user, portfolio, None, real | {"skills": ["copywriting"]})
        figures = {"posts": 3, "reach": 1200, "period": ["2026-01-01", "2026-01-08"]}
        with write_unit(db.session) as s:
            s.add(
                CaseStudy(
                    portfolio_id=portfolio.id,
                    user_id=user.id,
                    position=1,
                    title="Riyadh café (practice)",
                    context="Brief",
                    simulated=True,
                    figures=figures,
                    skills=["content-planning"],
                    hidden=True,
                )
            )


def snapshot(app: Any, user_id: int) -> dict[str, Any]:
    """Every field the user's portfolio holds (pictures as whether there is one)."""
    with app.app_context():
        p = db.session.scalar(select(Portfolio).where(Portfolio.user_id == user_id))
        rows = sorted(editing.items_of(p), key=lambda i: (i.kind, i.position))
        found = {
            "portfolio": {k: getattr(p, k) for k in SETTINGS} | {"photo": p.photo_id is not None},
            "studies": [
                {k: getattr(c, k) for k in (*CASE_FIELDS, "simulated", "figures")}
                for c in p.case_studies
            ],
            "items": [
                {k: getattr(i, k) for k in ("kind", *ITEM_FIELDS)}
                | {"image": i.image_id is not None}
                for i in rows
            ],
        }
        db.session.remove()
    return found


def read_export(doc: dict[str, Any]) -> dict[str, Any]:
    """The same fields read back from an export by the mapping table (not by from_resume)."""
    basics, meta, skills = doc["basics"], doc["meta"][X], doc["skills"]
    codes = next(s[X]["codes"] for s in skills if s[X]["kind"] == "platforms")
    portfolio = {
        "headline": basics["label"],
        "bio": basics["summary"],
        "platforms": ",".join(codes),
    }
    portfolio |= {k: meta[k] for k in ("lang", "theme", "sections")} | {"photo": "image" in basics}
    studies, items = [], []
    for project in doc["projects"]:
        extra = project[X]
        if extra["kind"] != "case-study":
            standard = {"title": project["name"], "body": project.get("description", "")}
            items.append(item_from(extra, standard | {"url": project.get("url", "")}))
            continue
        study = {"title": project["name"], "context": project["description"]}
        study |= {k: extra.get(k, "") for k in ("goal", "results", "period", "lesson", "tools")}
        study["actions"] = extra.get("actions", "\n".join(project.get("highlights", [])))
        study |= {"platforms": ",".join(extra["platforms"]), "skills": project.get("keywords", [])}
        study |= {"hidden": extra["hidden"], "simulated": extra.get("simulated", False)}
        studies.append(study | {"figures": extra.get("figures")})
    items += [item_from(r[X], {"body": r["reference"]}) for r in doc["references"]]
    items += [item_from(s[X], {"title": s["name"]}) for s in skills if s[X]["kind"] == "tool"]
    # A stable sort by kind keeps the order within each kind, as the snapshot has it.
    return {
        "portfolio": portfolio,
        "studies": studies,
        "items": sorted(items, key=lambda i: i["kind"]),
    }


def item_from(extra: dict[str, Any], standard: dict[str, Any]) -> dict[str, Any]:
    """An item from an entry's x-tawasul object and its standard fields."""
    fields = {k: extra.get(k, EMPTY_ITEM[k]) for k in ITEM_FIELDS} | standard
    return {"kind": extra["kind"]} | fields | {"image": "image" in extra}


def export(client: Any) -> dict[str, Any]:
    """The signed-in learner's JSON Resume download, checked against the schema."""
    response = client.get("/portfolio/resume.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    doc = json.loads(response.get_data(as_text=True))
    assert problems(doc) == []
    return doc


def upload(client: Any, body: bytes) -> Any:
    """Import a resume file and follow to the builder."""
    return client.post(
        "/portfolio/resume",
        data={"resume": (io.BytesIO(body), "resume.json")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def publish(client: Any, slug: str, headline: str) -> None:
    """Publish the signed-in learner's portfolio under a slug (the builder's form)."""
    form = {"slug": slug, "status": "published", "lang": "ar", "headline": headline, "bio": "Bio"}
    assert client.post("/portfolio", data=form).status_code == 303


def test_export_of_every_kind_validates_and_holds_every_field(app, client, auth):
    """Services, samples, testimonials, tools, a real and a simulated study: valid, all there."""
    user = auth()
    build_portfolio(app, user.id)
    doc = export(client)
    assert read_export(doc) == snapshot(app, user.id)
    # An address under PUBLIC_BASE_URL (never the request's host) that the owner can open.
    image = urlsplit(doc["basics"]["image"])
    assert doc["basics"]["image"].startswith(app.config["PUBLIC_BASE_URL"] + "/p/")
    assert client.get(image.path).status_code == 200
    levels = [s["level"] for s in doc["skills"] if s[X]["kind"] == "verified-skill"]
    assert levels == ["3/4"]
    simulated = next(p for p in doc["projects"] if p["type"] == "simulated practice")
    assert simulated[X]["figures"]["reach"] == 1200 and simulated[X]["hidden"] is True


def test_importing_a_complete_resume_prefills_the_portfolio(app, client, auth):
    """Every section of full_resume.json is read; what a portfolio holds is filled in."""
    user = auth()
    page = upload(client, FULL.read_bytes()).get_data(as_text=True)
    assert page.count('class="flash flash-success"') == 1 and 'class="flash flash-info"' in page
    held = snapshot(app, user.id)
    source = json.loads(FULL.read_text(encoding="utf-8"))
    assert held["portfolio"]["headline"] == source["basics"]["label"]
    assert held["portfolio"]["bio"] == source["basics"]["summary"]
    assert held["portfolio"]["platforms"] == "instagram,x,linkedin"  # profiles; Behance is not one
    eid, opening, practice = held["studies"]
    assert eid["actions"] == "Planned 12 posts\nPre-orders doubled"
    assert (eid["period"], eid["skills"]) == (
        "2025-03 – 2025-04",
        ["content-planning", "copywriting"],
    )
    assert opening["goal"] == "200 زائر في الأسبوع الأول" and opening["results"].startswith("310")
    assert (opening["platforms"], opening["tools"], opening["hidden"]) == (
        "instagram,tiktok",
        "Canva, CapCut",
        True,
    )
    assert practice["simulated"] is False and practice["figures"] is None
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for item in held["items"]:
        by_kind.setdefault(item["kind"], []).append(item)
    (service,) = by_kind["service"]
    assert (service["rate_kind"], service["amount"], service["currency"]) == ("monthly", 450, "JOD")
    assert [s["title"] for s in by_kind["sample"]] == [
        "Ma'amoul reel",
        "Writing for Ramadan: a checklist",
    ]
    assert [(t["title"], t["detail"]) for t in by_kind["testimonial"]] == [
        ("Rami Saleh", "owner of Bakery Zaatar"),
        ("منى الخطيب", "مديرة مقهى ورد"),
    ]
    assert [t["title"] for t in by_kind["tool"]] == ["Canva", "CapCut", "Meta Business Suite"]
    publish(client, "layla", held["portfolio"]["headline"])
    public = app.test_client().get("/p/layla").get_data(as_text=True)
    assert "Pre-orders doubled" in public and "best Eid season ever" not in public


def test_reexport_after_import_keeps_every_field(app, client, auth):
    """What the import filled in is all in the next export, field by field."""
    user = auth()
    upload(client, FULL.read_bytes())
    assert read_export(export(client)) == snapshot(app, user.id)


def test_round_trip_into_a_fresh_account_gives_the_same_portfolio(app, client, auth):
    """Portfolio → export → import (new learner) → export: the same fields, bar what is earned."""
    first = auth()
    build_portfolio(app, first.id)
    original = snapshot(app, first.id)
    body = json.dumps(export(client), ensure_ascii=False).encode()
    other = app.test_client()
    second = auth(other)
    upload(other, body)
    expected = json.loads(json.dumps(original))
    expected["portfolio"]["photo"] = False  # pictures are never fetched from a file's links
    for study in expected["studies"]:
        study |= {"simulated": False, "figures": None}  # only the simulator makes those
    for item in expected["items"]:
        item["image"] = False
        if item["kind"] == "testimonial":  # consent is confirmed again by the learner
            item |= {"consent": False, "hidden": True}
    assert snapshot(app, second.id) == expected
    again = export(other)
    assert read_export(again) == expected
    third = app.test_client()
    last = auth(third)
    upload(third, json.dumps(again, ensure_ascii=False).encode())
    assert snapshot(app, last.id) == expected  # a second trip changes nothing more


def test_imported_testimonials_wait_hidden_and_simulated_claims_are_dropped(app, client, auth):
    """A file saying "consented" or "simulated" cannot show a testimonial or fake a simulation."""
    user = auth(locale="en")
    publish(client, "sara-social", "Content lead")
    ref = {"name": "Rami, bakery owner", "reference": "Layla planned our best Eid ever."}
    ref[X] = {"kind": "testimonial", "title": "Rami", "consent": True, "hidden": False}
    project = {"name": "Forged practice", "type": "simulated practice"}
    project[X] = {"kind": "case-study", "simulated": True, "figures": {"reach": 10**9}}
    page = upload(client, json.dumps({"references": [ref], "projects": [project]}).encode())
    assert "Imported testimonials stay hidden (1)" in page.get_data(as_text=True)
    held = snapshot(app, user.id)
    assert held["portfolio"]["headline"] == "Content lead"  # what the file leaves out stays
    (testimonial,) = held["items"]
    assert (testimonial["consent"], testimonial["hidden"]) == (False, True)
    (study,) = held["studies"]
    assert (study["simulated"], study["figures"]) == (False, None)
    public = app.test_client().get("/p/sara-social").get_data(as_text=True)
    assert "best Eid ever" not in public and "1000000000" not in public
