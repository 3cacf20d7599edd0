"""sbx-02 "One message, four platforms": task, model answer, scoring (curriculum.md §5.2)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason, Result, Scorer, Variant, finish
from app.exercises.domain.sbx02 import HOOK_WORDS, SLOTS, Sbx02Data, recommended
from app.exercises.domain.sbx02_checks import (
    Version,
    cta_check,
    fact_check,
    given_words,
    own_words,
    rule_check,
)
from app.exercises.domain.text import longest_emoji_run, overlap, word_count
from app.sandbox.domain.platforms import FORMATS
from app.sandbox.domain.rules import limit_of, rules_for

MAX_OVERLAP = 0.5  # §5.2: word 3-gram overlap between any two versions below 0.5
MAX_EMOJI_RUN = 3  # §5.2: no emoji run longer than 3 on LinkedIn
MIN_OWN = 3  # fewer own words than this: the version only pastes the card or CTA phrases
OTHER = {"ar": "en", "en": "ar"}


def text_limit(platform: str, facts: Mapping[str, Any], on: str) -> tuple[int, str]:
    """(the platform's text limit from rules.yaml, how it counts: "x" or "chars")."""
    for rule in rules_for(platform, "feed", on):
        if rule["check"] == "text_max":
            return limit_of(rule, facts), str(rule.get("count", "chars"))
    return 0, "chars"


class Sbx02Scorer(Scorer):
    """One message card → versions for Instagram, X, LinkedIn and TikTok (+ one in the other
    language in the hard condition)."""

    exercise_id = "sbx-02"
    criteria = (
        ("platform-rules", 25),
        ("facts-kept", 20),
        ("call-to-action", 15),
        ("format-fit", 10),
        ("hashtag-band", 10),
        ("really-adapted", 10),
        ("register", 10),
    )

    @property
    def data(self) -> Sbx02Data:
        """This exercise's validated data."""
        found: Sbx02Data = self.context.data[self.exercise_id]
        return found

    def task(self, variant: Variant) -> dict[str, Any]:
        """The brand, the card drawn by the seed, the voice chart and each platform's hints."""
        cards = self.data.raw["cards"][variant.brand]
        card = cards[variant.rng("card").randrange(len(cards))]
        return self.task_for(variant, str(card["id"]))

    def task_for(self, variant: Variant, card_id: str) -> dict[str, Any]:
        """The task on a named card (the tests walk every card of every brand)."""
        raw, facts = self.data.raw, self.context.facts
        card = next(c for c in raw["cards"][variant.brand] if c["id"] == card_id)
        scenario = self.context.scenarios[variant.brand]
        lang = str(scenario.get("language") or "ar")
        voice = scenario.get("voice") or (raw.get("voice") or {}).get(variant.brand) or {}
        on = str(card["date"]["iso"])
        platforms = []
        for slot in SLOTS:
            band = raw["bands"][slot]
            high = band["high"]
            high = int(facts[high["fact"]]) if isinstance(high, Mapping) else int(high)
            limit, count = text_limit(slot, facts, on)
            rec = recommended(raw, slot, str(card["goal"]))
            platforms.append(
                {
                    "id": slot,
                    "formats": list(FORMATS[slot]),
                    "limit": limit,
                    "count": count,
                    "band": {
                        "low": int(band["low"]),
                        "high": high,
                        "source": str(band["source"]),
                        "as_of": str(band["as_of"]),
                    },
                    "recommended": rec["format"],
                    "why": dict(rec["why"]),
                }
            )
        other = raw.get("other_platform", {}).get(variant.brand, {})
        return {
            "brand": variant.brand,
            "name": dict(scenario.get("name") or {}),
            "handle": str(scenario.get("handle") or ""),
            "language": lang,
            "goal": str(card["goal"]),
            "rules_on": on,
            "hook_words": HOOK_WORDS,
            "card": {
                "id": card["id"],
                "product": {k: card[k]["product"] for k in ("ar", "en")},
                "offer": {k: card[k]["offer"] for k in ("ar", "en")},
                "price": dict(card["price"]),
                "date": {k: card["date"][k] for k in ("iso", "text")},
                "link": dict(card["link"]),
            },
            "voice": {k: voice.get(k) for k in ("adjectives", "do", "dont", "register")},
            "platforms": platforms,
            "other": {
                "language": OTHER.get(lang, "en"),
                "platform": other.get("platform", "x"),
                "why": dict(other.get("why") or {}),
            }
            if variant.hard
            else None,
        }

    def _card(self, task: Mapping[str, Any]) -> Mapping[str, Any]:
        """The full card (model fields too) behind a stored task."""
        cards = self.data.raw["cards"][task["brand"]]
        found: Mapping[str, Any] = next(c for c in cards if c["id"] == task["card"]["id"])
        return found

    def model(self, task: Mapping[str, Any], slot: str, lang: str) -> dict[str, str]:
        """The model version of one platform in one language, built from its template."""
        card, half = self._card(task), self._card(task)[lang]
        plat = next(p for p in task["platforms"] if p["id"] == slot)
        fields = {
            k: half[k] for k in ("product", "offer", "offer_short", "benefit", "context", "hook")
        }
        caption = self.data.raw["templates"][lang][slot].format(
            **fields,
            price=card["price"]["text"][lang],
            date=card["date"]["text"][lang],
            url=card["link"]["url"],
            cta=half["cta"][SLOTS.index(slot)],
        )
        low, high = plat["band"]["low"], plat["band"]["high"]
        count = min(high, max(low, (low + high) // 2))
        return {
            "caption": caption,
            "format": plat["recommended"],
            "hashtags": " ".join(half["tags"][:count]),
            "hook": half["hook"] if slot == "tiktok" else "",
        }

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model version per platform with why its format, CTA kinds and band fit."""
        lex, goal = self.data.cta, task["goal"]
        versions = [
            {
                "slot": p["id"],
                "platform": p["id"],
                **self.model(task, p["id"], task["language"]),
                "why": p["why"],
                "band": p["band"],
                "limit": p["limit"],
            }
            for p in task["platforms"]
        ]
        other = task.get("other")
        if other:
            plat = next(p for p in task["platforms"] if p["id"] == other["platform"])
            versions.append(
                {
                    "slot": "other",
                    "platform": plat["id"],
                    **self.model(task, plat["id"], other["language"]),
                    "why": other["why"],
                    "band": plat["band"],
                    "limit": plat["limit"],
                }
            )
        return {
            "goal": goal,
            "versions": versions,
            "cta_kinds": [dict(lex.labels.get(k, {})) for k in lex.goals.get(goal, ())],
            "max_overlap": MAX_OVERLAP,
            "max_emoji_run": MAX_EMOJI_RUN,
            "hook_words": HOOK_WORDS,
        }

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model versions as a submission (the form's field names)."""
        out: dict[str, Any] = {}
        for version in self.key(variant, task)["versions"]:
            slot = version["slot"]
            for field in ("caption", "format", "hashtags", "hook"):
                if field != "hook" or slot in ("tiktok", "other"):
                    out[f"{slot}-{field}"] = version[field]
            if slot == "other":
                out["other-platform"] = version["platform"]
        return out

    def versions(self, task: Mapping[str, Any], sub: Mapping[str, Any]) -> list[Version]:
        """The submitted versions: the four platforms, then the fifth when the task asks."""
        get = lambda name: str(sub.get(name) or "")[:20000]  # noqa: E731
        out = [
            Version(
                s,
                s,
                task["language"],
                get(f"{s}-caption"),
                get(f"{s}-format"),
                get(f"{s}-hashtags"),
                get(f"{s}-hook"),
            )
            for s in SLOTS
        ]
        if task.get("other"):
            platform = get("other-platform")
            out.append(
                Version(
                    "other",
                    platform if platform in SLOTS else "",
                    task["other"]["language"],
                    get("other-caption"),
                    get("other-format"),
                    get("other-hashtags"),
                    get("other-hook"),
                )
            )
        return out

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Seven criteria; the fifth version counts in rules, facts and call to action."""
        card, facts, goal = self._card(task), self.context.facts, task["goal"]
        every = self.versions(task, submission if isinstance(submission, Mapping) else {})
        main = every[: len(SLOTS)]
        plats = {p["id"]: p for p in task["platforms"]}
        n = len(every)
        rules, facts_kept, ctas = [], [], []
        rule_pts = fact_hits = cta_hits = 0.0
        for v in every:
            limit = plats.get(v.platform, {}).get("limit", 0)
            kept, why = rule_check(v, facts, task["rules_on"], limit)
            rule_pts += kept
            rules += why
            found, why = fact_check(v, card)
            fact_hits += found
            facts_kept += why
            ok, reason = cta_check(v, self.data.cta, goal)
            cta_hits += ok
            ctas.append(reason)
        given = given_words(card, self.data.cta)
        return finish(
            self.exercise,
            variant,
            [
                CriterionScore("platform-rules", 25 * rule_pts / n, 25, tuple(rules)),
                CriterionScore("facts-kept", 20 * fact_hits / (3 * n), 20, tuple(facts_kept)),
                CriterionScore("call-to-action", 15 * cta_hits / n, 15, tuple(ctas)),
                self._formats(main, plats),
                self._bands(main, plats),
                self._adapted(main, given),
                self._register(every, given),
            ],
        )

    def _formats(self, main: list[Version], plats: Mapping[str, Any]) -> CriterionScore:
        """Full for the recommended format, half for another allowed one."""
        pts, why = 0.0, []
        for v in main:
            rec = plats[v.platform]["recommended"]
            values = {"platform": v.platform, "format": v.format, "formats": [rec]}
            if v.format == rec:
                pts += 1
                why.append(Reason("format-recommended", values))
            elif v.format in FORMATS[v.platform]:
                pts += 0.5
                why.append(Reason("format-allowed", values, ok=False))
            else:
                why.append(Reason("format-unknown", {**values, "format": ""}, ok=False))
        return CriterionScore("format-fit", 10 * pts / len(main), 10, tuple(why))

    def _bands(self, main: list[Version], plats: Mapping[str, Any]) -> CriterionScore:
        """The hashtag count (caption and field together) inside each platform's band."""
        hits, why = 0, []
        for v in main:
            band, count = plats[v.platform]["band"], v.hashtag_count()
            ok = v.present and band["low"] <= count <= band["high"]
            hits += ok
            values = {
                "platform": v.platform,
                "count": count,
                "low": band["low"],
                "high": band["high"],
            }
            why.append(Reason("band-in" if ok else "band-out", values, ok=ok))
        return CriterionScore("hashtag-band", 10 * hits / len(main), 10, tuple(why))

    def _adapted(self, main: list[Version], given: set[str]) -> CriterionScore:
        """Every pair below 0.5 word 3-gram overlap; a pasted or empty version fails its pairs."""
        pasted = {v.slot for v in main if own_words(v.caption, given) < MIN_OWN}
        why = [
            Reason("pasted", {"platform": v.platform}, ok=False) for v in main if v.slot in pasted
        ]
        good, worst = 0, (-1.0, main[0], main[1])
        for a, b in combinations(main, 2):
            value = overlap(a.caption, b.caption)
            good += value < MAX_OVERLAP and a.slot not in pasted and b.slot not in pasted
            worst = max(worst, (value, a, b), key=lambda t: t[0])
        pairs = len(main) * (len(main) - 1) // 2
        value, a, b = worst
        why.insert(
            0,
            Reason(
                "adapted",
                {
                    "good": good,
                    "pairs": pairs,
                    "platforms": [a.platform, b.platform],
                    "overlap": round(100 * max(value, 0.0)),
                },
                ok=good == pairs,
            ),
        )
        return CriterionScore("really-adapted", 10 * good / pairs, 10, tuple(why))

    def _register(self, every: list[Version], given: set[str]) -> CriterionScore:
        """LinkedIn: emoji runs of 3 at most (5); TikTok: a hook of 1–10 own words (5)."""
        li = [v for v in every if v.platform == "linkedin"]
        tt = [v for v in every if v.platform == "tiktok"]
        why, li_ok, tt_ok = [], 0, 0
        for v in li:
            run = longest_emoji_run(v.caption)
            ok = v.present and run <= MAX_EMOJI_RUN and own_words(v.caption, given) >= MIN_OWN
            li_ok += ok
            code = "emoji-ok" if ok else ("emoji-run" if run > MAX_EMOJI_RUN else "li-pasted")
            why.append(
                Reason(code, {"platform": v.platform, "run": run, "limit": MAX_EMOJI_RUN}, ok)
            )
        for v in tt:
            count = word_count(v.hook)
            ok = 0 < count <= HOOK_WORDS and own_words(v.hook, given) >= 2
            tt_ok += ok
            code = "hook-ok" if ok else ("hook-empty" if not count else "hook-long")
            if not ok and 0 < count <= HOOK_WORDS:
                code = "hook-pasted"
            why.append(
                Reason(code, {"platform": v.platform, "count": count, "limit": HOOK_WORDS}, ok)
            )
        pts = 5 * li_ok / max(len(li), 1) + 5 * tt_ok / max(len(tt), 1)
        return CriterionScore("register", pts, 10, tuple(why))
