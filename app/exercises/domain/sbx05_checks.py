"""sbx-05 criteria: each turns the calendar rows into points and reasons (pure).

Shares need a real calendar: below the condition's minimum number of posts a share criterion
is scaled by rows ÷ minimum (one perfect post is not a perfect two-week plan), and says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.exercises.domain.cta import CtaLexicon
from app.exercises.domain.engine import CriterionScore, Reason, clamp
from app.exercises.domain.sbx05_data import day_of, minutes, within
from app.sandbox.domain.platforms import FORMATS, WEEKDAYS
from app.sandbox.domain.rules import x_length

LISTED = 8  # row-level reasons shown per criterion; the rest are counted


@dataclass(frozen=True)
class Row:
    """One calendar row as scored: its label (the "Post n" the form shows) and clean values."""

    label: int
    day: dt.date | None
    at: int | None
    platform: str
    format: str
    pillar: str
    goal: str
    cta: str
    caption: str


def rows_of(submission: Mapping[str, Any], task: Mapping[str, Any]) -> list[Row]:
    """The submitted rows (anything odd is treated as missing, never raised on)."""
    listed = submission.get("rows") if isinstance(submission, Mapping) else None
    start, end = day_of(task.get("start")), day_of(task.get("end"))
    out = []
    for i, raw in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(raw, Mapping) or i >= 40:
            continue
        day = day_of(raw.get("date"))
        if day is None or start is None or end is None or not start <= day <= end:
            day = None
        n = raw.get("n")
        label = n + 1 if isinstance(n, int) and 0 <= n < 40 else i + 1
        text = {k: str(raw.get(k) or "")[:5000] for k in ("cta", "caption")}
        short = {
            k: str(raw.get(k) or "").strip()[:40] for k in ("platform", "format", "pillar", "goal")
        }
        out.append(Row(label, day, minutes(raw.get("time")), **short, **text))
    return out


def scale(rows: list[Row], task: Mapping[str, Any]) -> tuple[float, list[Reason]]:
    """(factor, reason) for calendars shorter than the condition's minimum."""
    need = int(task.get("min_rows") or 1)
    if len(rows) >= need:
        return 1.0, []
    return len(rows) / need, [Reason("sbx05.scaled", {"count": len(rows), "min": need}, False)]


def listed(misses: list[Reason]) -> list[Reason]:
    """The first row-level reasons and a count of the rest (stored results stay small)."""
    extra = len(misses) - LISTED
    return misses[:LISTED] + ([Reason("sbx05.more", {"count": extra}, False)] if extra > 0 else [])


def _share(
    cid: str,
    top: int,
    code: str,
    hits: int,
    rows: list[Row],
    task: Mapping[str, Any],
    misses: list[Reason],
) -> CriterionScore:
    """Points for a share of rows, scaled for a short calendar, with the row-level misses."""
    if not rows:
        return CriterionScore(cid, 0, top, (Reason("sbx05.empty", {}, False),))
    factor, scaled = scale(rows, task)
    head = Reason(code, {"hits": hits, "count": len(rows)}, hits == len(rows))
    points = top * hits / len(rows) * factor
    return CriterionScore(cid, clamp(points, top), top, (head, *scaled, *listed(misses)))


def goal_and_cta(rows: list[Row], task: Mapping[str, Any]) -> CriterionScore:
    """Every row has a goal and a call to action."""
    misses = []
    for r in rows:
        if not r.goal:
            misses.append(Reason("sbx05.row-no-goal", {"row": r.label}, False))
        if not r.cta.strip():
            misses.append(Reason("sbx05.row-no-cta", {"row": r.label}, False))
    hits = sum(1 for r in rows if r.goal and r.cta.strip())
    return _share("goal-and-cta", 20, "sbx05.goal-cta-share", hits, rows, task, misses)


def goal_cta_fit(rows: list[Row], task: Mapping[str, Any], lexicon: CtaLexicon) -> CriterionScore:
    """The call to action is of a kind the goal accepts (the CTA lexicon)."""
    misses, hits = [], 0
    for r in rows:
        if r.goal and lexicon.fits(r.goal, r.cta):
            hits += 1
        elif r.goal and r.cta.strip():
            misses.append(Reason("sbx05.row-cta-misfit", {"row": r.label, "goal": r.goal}, False))
        else:
            misses.append(Reason("sbx05.row-no-pair", {"row": r.label}, False))
    return _share("goal-cta-consistency", 20, "sbx05.fit-share", hits, rows, task, misses)


def format_valid(rows: list[Row], task: Mapping[str, Any]) -> CriterionScore:
    """The format exists on the row's platform."""
    misses, hits = [], 0
    for r in rows:
        if r.format and r.format in FORMATS.get(r.platform, ()):
            hits += 1
        elif not r.format:
            misses.append(Reason("sbx05.row-no-format", {"row": r.label}, False))
        else:
            values = {"row": r.label, "platform": r.platform, "format": r.format}
            misses.append(Reason("sbx05.row-format", values, False))
    return _share("format-valid", 10, "sbx05.format-share", hits, rows, task, misses)


def caption_limits(rows: list[Row], task: Mapping[str, Any]) -> CriterionScore:
    """Each caption is there and within its platform's limit (X counted the way X counts)."""
    limits: Mapping[str, int] = task.get("limits") or {}
    misses, hits = [], 0
    for r in rows:
        text = r.caption.strip()
        limit = int(limits.get(r.platform, 0))
        length = x_length(text) if r.platform == "x" else len(text)
        title = int(limits.get("youtube-title", 0))
        if not text:
            misses.append(Reason("sbx05.row-caption-empty", {"row": r.label}, False))
        elif not limit or length > limit:
            values = {"row": r.label, "platform": r.platform, "length": length, "limit": limit}
            misses.append(Reason("sbx05.row-caption-long", values, False))
        elif r.platform == "youtube" and len(text.split("\n", 1)[0]) > title:
            values = {"row": r.label, "length": len(text.split("\n", 1)[0]), "limit": title}
            misses.append(Reason("sbx05.row-title-long", values, False))
        else:
            hits += 1
    return _share("caption-limits", 10, "sbx05.caption-share", hits, rows, task, misses)


def posting_rate(rows: list[Row], task: Mapping[str, Any]) -> CriterionScore:
    """Each platform within its weekly band, no day over the cap, team capacity kept."""
    top = 10
    if not rows:
        return CriterionScore("posting-rate", 0, top, (Reason("sbx05.empty", {}, False),))
    start = day_of(task.get("start")) or dt.date.min
    bands: Mapping[str, Any] = task.get("bands") or {}
    dated = [r for r in rows if r.day is not None]
    week = {id(r): min(1, (r.day - start).days // 7) for r in dated if r.day}
    used = {r.platform for r in rows if r.platform in task.get("platforms", ())}
    platforms = list(task.get("platforms", ())) if task.get("exact") else sorted(used)
    reasons: list[Reason] = []
    ok_pairs, pairs = 0, 0
    for platform in platforms:
        low, high = bands.get(platform, (0, 0))
        for w in (0, 1):
            count = sum(1 for r in dated if r.platform == platform and week[id(r)] == w)
            fine = low <= count <= high
            pairs, ok_pairs = pairs + 1, ok_pairs + fine
            code = (
                "sbx05.band-ok"
                if fine
                else ("sbx05.band-low" if count < low else "sbx05.band-high")
            )
            values = {"platform": platform, "week": w + 1, "count": count, "low": low, "high": high}
            reasons.append(Reason(code, values, fine))
    points = top * ok_pairs / pairs if pairs else 0.0
    cap = int(task.get("max_per_day") or 0)
    for day, count in sorted(Counter(r.day for r in dated).items()):
        if cap and count > cap:
            points -= 2.5
            reasons.append(
                Reason("sbx05.day-over", {"date": str(day), "count": count, "max": cap}, False)
            )
    capacity = task.get("capacity") or {}
    videos = set(task.get("video_formats") or ())
    for w in (0, 1) if capacity else ():
        posts = sum(1 for r in dated if week[id(r)] == w)
        filmed = sum(1 for r in dated if week[id(r)] == w and r.format in videos)
        for code, count, most in (
            ("sbx05.capacity-posts", posts, int(capacity.get("posts_per_week", 0))),
            ("sbx05.capacity-videos", filmed, int(capacity.get("videos_per_week", 0))),
        ):
            points -= 2.5 if count > most else 0
            reasons.append(
                Reason(code, {"week": w + 1, "count": count, "max": most}, count <= most)
            )
    factor, scaled = scale(rows, task)
    return CriterionScore("posting-rate", clamp(points * factor, top), top, (*scaled, *reasons))


def pillar_mix(rows: list[Row], task: Mapping[str, Any]) -> CriterionScore:
    """Promotional share within the brief's target; every required pillar used."""
    top = 15
    if not rows:
        return CriterionScore("pillar-mix", 0, top, (Reason("sbx05.empty", {}, False),))
    promotional = {p["id"] for p in task.get("pillars", ()) if p.get("promotional")}
    target = task.get("promo") or {"min": 0.0, "max": 1.0}
    low, high = float(target["min"]), float(target["max"])
    share = sum(1 for r in rows if r.pillar in promotional) / len(rows)
    if share > high:
        promo = 9 * max(0.0, 1 - (share - high) / 0.3)  # 30 points over the target: nothing
    elif share < low:
        promo = 9 * share / low if low else 9.0
    else:
        promo = 9.0
    percent = {"percent": round(share * 100), "low": round(low * 100), "high": round(high * 100)}
    code = (
        "sbx05.promo-high"
        if share > high
        else ("sbx05.promo-low" if share < low else "sbx05.promo-ok")
    )
    reasons = [Reason(code, percent, low <= share <= high)]
    required = list(task.get("required_pillars", ()))
    used = {r.pillar for r in rows}
    for pillar in required:
        if pillar not in used:
            reasons.append(Reason(f"sbx05.pillar-missing.{pillar}", {}, False))
    covered = sum(1 for p in required if p in used)
    factor, scaled = scale(rows, task)
    points = (promo + (6 * covered / len(required) if required else 6.0)) * factor
    return CriterionScore("pillar-mix", clamp(points, top), top, (*reasons, *scaled))


def ramadan_day(task: Mapping[str, Any], day: dt.date) -> Mapping[str, Any] | None:
    """The Ramadan fasting row for a date (fajr, maghrib), or None outside Ramadan."""
    for row in (task.get("ramadan") or {}).get("fasting", ()):
        if str(row["from"]) <= str(day) <= str(row["to"]):
            return row
    return None


def blocks(r: Row, task: Mapping[str, Any], food: bool) -> Reason | None:
    """The blocked window a dated, timed row falls in, as a reason, or None."""
    if r.day is None or r.at is None:
        return None
    clock = f"{r.at // 60:02d}:{r.at % 60:02d}"
    fast = ramadan_day(task, r.day)
    if fast:
        fajr, maghrib = minutes(fast["fajr"]) or 0, minutes(fast["maghrib"]) or 0
        if food and fajr <= r.at < maghrib:
            values = {
                "row": r.label,
                "time": clock,
                "fajr": fast["fajr"],
                "maghrib": fast["maghrib"],
            }
            return Reason("sbx05.row-blocked-food", values, False)
        for w in (task.get("ramadan") or {}).get("blocked", ()):
            if within(r.at, w):
                return Reason("sbx05.row-blocked-iftar", {"row": r.label, "time": clock}, False)
    weekday = WEEKDAYS[r.day.weekday()]
    for b in task.get("blocked", ()):
        if (weekday in b.get("weekdays", ()) or str(r.day) in b.get("dates", ())) and within(
            r.at, b
        ):
            return Reason(f"sbx05.row-blocked-{b['id']}", {"row": r.label, "time": clock}, False)
    return None
