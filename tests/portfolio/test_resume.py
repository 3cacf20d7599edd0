"""JSON Resume mapping (pure): every portfolio field survives export → import, checked."""

from __future__ import annotations

import json
from pathlib import Path

from app.portfolio.resume import ITEM_FIELDS, from_resume, problems, to_resume, validator

FULL = Path(__file__).with_name("full_resume.json")
PERSON = {"name": "Sara", "email": "sara@example.com", "url": "https://tawasul.example/p/sara"}
PORTFOLIO = {
    "headline": "مديرة محتوى لمقاهي الرياض",
    "bio": "أكتب **قصصًا** تبيع.\nSecond line.",
    "platforms": "instagram,x,snapchat",
    "lang": "ar",
    "theme": "bold",
    "sections": "case_studies,services,samples,!skills,credentials,testimonials,tools,contact",
    "photo": "https://tawasul.example/p/sara/images/1",
    "updated": "2026-05-01T09:30:00",
}
REAL = {
    "title": "إطلاق قائمة الصيف",
    "context": "مقهى في حي الملقا",
    "goal": "300 طلب مسبق",
    "actions": "خطة من 10 منشورات\n\n  مسابقة في القصص",
    "results": "410 طلبات",
    "period": "2026-03 – 2026-04",
    "lesson": "التصوير الصباحي أفضل",
    "platforms": "instagram,tiktok",
    "tools": "Canva,CapCut",
    "skills": ["content-planning", "copywriting"],
    "hidden": True,
}
SIMULATED = REAL | {"title": "Riyadh café (practice)", "period": "", "hidden": False}
SIMULATED |= {"simulated": True, "figures": {"reach": 1200, "period": ["2026-01-01", "2026-01-08"]}}


def item(kind: str, **fields: object) -> dict[str, object]:
    """An item as the service layer passes it: every field, empty unless given."""
    empty: dict[str, object] = dict.fromkeys(ITEM_FIELDS, "")
    defaults = {"amount": None, "consent": False, "hidden": False}
    return {"kind": kind, "image": ""} | empty | defaults | fields


ITEMS = [
    item(
        "service", title="إدارة حسابين", body="12 منشورًا", detail="شهري", url="https://a.example/s"
    )
    | {"rate_kind": "monthly", "amount": 1500, "currency": "SAR", "hidden": False},
    item("sample", title="Reel", body="20 s", detail="TikTok", url="https://a.example/r")
    | {"alt": "كوب قهوة على طاولة", "image": "https://tawasul.example/p/sara/images/2"},
    item("sample", title="Hidden draft", hidden=True),
    item("testimonial", title="رامي", body="خطة ممتازة للعيد", detail="صاحب مخبز, عمّان")
    | {"consent": True},
    item("tool", title="Canva", body="للتصاميم", detail="design", url="https://canva.com"),
]


def test_export_is_valid_and_every_field_comes_back():
    """A portfolio with every kind of entry exports valid JSON Resume and imports to the same."""
    doc = to_resume(PORTFOLIO, [REAL, SIMULATED], ITEMS, [("التخطيط", 3)], PERSON)
    assert problems(doc) == []
    back = from_resume(json.loads(json.dumps(doc, ensure_ascii=False)))
    assert {k: back[k] for k in ("headline", "bio", "platforms", "lang", "theme", "sections")} == {
        k: PORTFOLIO[k] for k in ("headline", "bio", "platforms", "lang", "theme", "sections")
    }
    assert back["studies"][0] == REAL
    # The simulated one comes back real-world: the same words, no simulated flag, no figures.
    assert back["studies"][1] == {k: SIMULATED[k] for k in REAL}
    expected = [{k: v for k, v in i.items() if k != "image"} for i in ITEMS]
    expected[3] |= {"consent": False, "hidden": True}  # quoted words wait for the learner
    assert sorted(back["items"], key=lambda i: i["kind"]) == sorted(
        expected, key=lambda i: str(i["kind"])
    )


def test_export_places_fields_where_json_resume_readers_look():
    """Standard fields carry what they can: label, summary, projects, references, skills."""
    doc = to_resume(PORTFOLIO, [REAL, SIMULATED], ITEMS, [("التخطيط", 3)], PERSON)
    basics, projects = doc["basics"], doc["projects"]
    assert basics["label"] == PORTFOLIO["headline"] and basics["image"] == PORTFOLIO["photo"]
    assert projects[0]["highlights"] == ["خطة من 10 منشورات", "مسابقة في القصص"]
    assert (projects[0]["startDate"], projects[0]["endDate"]) == ("2026-03", "2026-04")
    assert projects[1]["type"] == "simulated practice"
    assert projects[1]["x-tawasul"]["figures"]["reach"] == 1200
    assert [p["type"] for p in projects[2:]] == ["service", "content sample", "content sample"]
    assert doc["references"][0]["name"] == "رامي، صاحب مخبز, عمّان"
    skills = {s["name"]: s for s in doc["skills"]}
    assert skills["منصات التواصل"]["keywords"] == ["Instagram", "X", "Snapchat"]
    assert skills["التخطيط"]["level"] == "3/4" and skills["Canva"]["keywords"] == ["design"]
    assert doc["meta"]["lastModified"] == PORTFOLIO["updated"]


def test_the_fixture_fills_every_section_of_the_schema():
    """full_resume.json is valid and fills every top-level section, location and profiles."""
    data = json.loads(FULL.read_text(encoding="utf-8"))
    assert problems(data) == []
    for section in validator().schema["properties"]:
        assert data[section], section
    assert data["basics"]["location"]["city"] and data["basics"]["profiles"]


def test_resumes_from_other_tools_prefill_what_fits():
    """Profiles → platforms, dates → period, "Name, role" → testimonial, Tools → tools."""
    data = {
        "basics": {"profiles": [{"network": "Twitter"}, {"network": "Behance"}, {"url": 5}]},
        "projects": [{"name": "Launch", "startDate": "2025-03", "endDate": "2025-04"}],
        "references": [
            {"name": "Rami Saleh, owner", "reference": "Great"},
            {"name": "منى الخطيب، مديرة مقهى", "reference": "ممتازة"},
            {"name": "Sam — editor", "reference": "Sharp"},
            {"name": "Anonymous", "reference": "Good"},
        ],
        "publications": [{"name": "Article", "publisher": "Blog", "url": "https://b.example/a"}],
        "skills": [
            {"name": "Tools", "keywords": ["Canva", "CapCut"]},
            {"name": "SEO", "level": "4"},
        ],
    }
    back = from_resume(data)
    assert back["platforms"] == "x"
    assert back["studies"][0]["period"] == "2025-03 – 2025-04"
    people = [(i["title"], i["detail"]) for i in back["items"] if i["kind"] == "testimonial"]
    assert people == [
        ("Rami Saleh", "owner"),
        ("منى الخطيب", "مديرة مقهى"),
        ("Sam", "editor"),
        ("Anonymous", ""),
    ]
    sample = next(i for i in back["items"] if i["kind"] == "sample")
    assert [sample[k] for k in ("title", "detail", "url")] == [
        "Article",
        "Blog",
        "https://b.example/a",
    ]
    assert [i["title"] for i in back["items"] if i["kind"] == "tool"] == ["Canva", "CapCut"]


def test_imported_values_are_checked_not_trusted():
    """Bad links, codes and rates are dropped; text is cleaned and cut; junk extras ignored."""
    extra = {"kind": "service", "rate_kind": "yearly", "currency": "BTC", "amount": True}
    data = {
        "projects": [
            {
                "name": "S\x00vc " + "x" * 300,
                "type": "service",
                "url": "javascript:alert(1)",
                "x-tawasul": extra,
            },
            {
                "name": "Rate",
                "type": "service",
                "x-tawasul": {"amount": "١٥٠٠", "rate_kind": "hourly"},
            },
            {"name": "Too much", "type": "service", "x-tawasul": {"amount": 2_000_000}},
            {"name": "Squared", "type": "service", "x-tawasul": {"amount": "²"}},
            {"name": "Odd extras", "x-tawasul": ["not", "an", "object"], "keywords": [1, "ok"]},
            {"name": "   "},
        ],
        "meta": {"x-tawasul": {"lang": "fr", "sections": "tools,nonsense"}},
    }
    back = from_resume(data)
    first, rate, too_much, squared = back["items"]
    assert first["title"] == "Svc " + "x" * 156 and first["url"] == ""
    assert (first["rate_kind"], first["currency"], first["amount"]) == ("", "", None)
    assert (rate["amount"], rate["rate_kind"]) == (1500, "hourly")  # Arabic-Indic digits
    assert too_much["amount"] is None and squared["amount"] is None
    assert [s["title"] for s in back["studies"]] == ["Odd extras"]
    assert back["studies"][0]["skills"] == ["ok"] and back["lang"] == ""
    assert back["sections"].startswith("tools,services,") and "nonsense" not in back["sections"]


def test_a_study_claiming_to_be_simulated_imports_as_real_world():
    """Figures and the simulated flag are export-only: nothing in a file can make them."""
    project = {"name": "Forged", "type": "simulated practice"}
    project["x-tawasul"] = {"kind": "case-study", "simulated": True, "figures": {"reach": 10**9}}
    study = from_resume({"projects": [project]})["studies"][0]
    assert "simulated" not in study and "figures" not in study


def test_consent_in_a_file_never_shows_a_testimonial():
    """An imported testimonial is hidden and unconsented whatever the file says."""
    ref = {"name": "Rami", "reference": "Great work on our Eid campaign"}
    ref["x-tawasul"] = {"kind": "testimonial", "title": "Rami", "consent": True, "hidden": False}
    found = from_resume({"references": [ref]})["items"][0]
    assert (found["consent"], found["hidden"]) == (False, True)
