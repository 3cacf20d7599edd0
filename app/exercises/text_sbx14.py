"""sbx-14 "Ad review and optimisation" messages: every reason and form-error code, and the
names of decisions, metrics and policy rules, worded for the work and result pages."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.ads.domain.policy_rules import load_policy
from app.sandbox.labels import PLATFORM_NAMES


class RuleName:
    """A policy rule's name in the page language, as the checker's data words it."""

    def __init__(self, rule_id: str) -> None:
        """Keep the rule id; the name is looked up when shown."""
        self.rule_id = rule_id

    def __str__(self) -> str:
        """The name in the current locale (the id when the policy has no such rule)."""
        rule = next((r for r in load_policy().rules if r.id == self.rule_id), None)
        return rule.text("name", str(get_locale() or "ar")) if rule else self.rule_id


DECISION_NAMES = {
    "scale": _l("Scale: raise the budget"),
    "keep": _l("Keep it running as it is"),
    "fix-creative": _l("Fix the creative"),
    "pause": _l("Pause"),
    "wait": _l("Wait: too early to judge"),
}
METRIC_NAMES = {
    "cpr": _l("cost per result"),
    "frequency": _l("frequency"),
    "results": _l("results"),
    "ctr": _l("click-through rate"),
    "spend": _l("spend"),
}
RULE_NAMES = {rule.id: RuleName(rule.id) for rule in load_policy().rules}
NAMES = {
    "decision": DECISION_NAMES,
    "gold": DECISION_NAMES,
    "metric": METRIC_NAMES,
    "rules": RULE_NAMES,
    "platform": PLATFORM_NAMES,
}
MESSAGES = {
    # flags
    "flag.summary": _l(
        "Precision: %(precision)s%% of your flags were right. Recall: you found %(recall)s%% of "
        "the problems."
    ),
    "flag.clean": _l("Draft %(n)s: rightly left as clean."),
    "flag.right": _l("Draft %(n)s: every problem found (%(rules)s)."),
    "flag.missed": _l("Draft %(n)s: missed %(rules)s."),
    "flag.extra": _l("Draft %(n)s: flagged %(rules)s, which the draft does not break."),
    # rewrites
    "fix.ok": _l("Rewrite %(k)s (draft %(n)s) passes the policy checker and keeps its facts."),
    "fix.none": _l("Rewrite %(k)s is missing, or rewrites a draft already rewritten."),
    "fix.clean-draft": _l(
        "Rewrite %(k)s is of draft %(n)s, which had no problem: choose a draft that breaks a rule."
    ),
    "fix.still-breaks": _l("Rewrite %(k)s (draft %(n)s) still breaks: %(rules)s."),
    "fix.facts-lost": _l(
        "Rewrite %(k)s (draft %(n)s) drops facts the ad must keep, so it earns nothing even "
        "if the checker passes it: %(facts)s."
    ),
    # decisions
    "decision.right": _l("Ad set %(n)s: %(decision)s matches the rule key."),
    "decision.partial": _l(
        "Ad set %(n)s: you chose %(decision)s; the rule key says %(gold)s. Your choice earns "
        "%(share)s%% of the points as an acceptable alternative."
    ),
    "decision.wrong": _l("Ad set %(n)s: you chose %(decision)s; the rule key says %(gold)s."),
    "decision.none": _l("Ad set %(n)s: no decision; the rule key says %(gold)s."),
    # rationales
    "why.cites": _l("Ad set %(n)s: the rationale cites the deciding metric, %(metric)s."),
    "why.misses": _l(
        "Ad set %(n)s: the rationale does not cite the deciding metric, %(metric)s, by name or "
        "figure."
    ),
    "why.stuffed": _l(
        "Ad set %(n)s: the rationale names every metric (metrics named: %(count)s), so it does "
        "not say which one decided. Cite %(metric)s and why it decides."
    ),
    "why.crowded": _l(
        "Ad set %(n)s: the rationale cites %(metric)s, but among nearly every other metric "
        "(metrics named: %(count)s), so it earns half: say which one decides, and why."
    ),
    "why.short": _l("Ad set %(n)s: write the rationale out in at least %(least)s characters."),
    # the key's reasoning, shown with the model answer
    "key.scale": _l(
        "Cost per result is %(cpr)s %(currency)s, at or under %(band)s %(currency)s (%(pct)s%% "
        "of the %(target)s %(currency)s target), and frequency is within the limit: give it "
        "more budget, in steps."
    ),
    "key.keep": _l(
        "Cost per result is %(cpr)s %(currency)s, at or under %(band)s %(currency)s (%(pct)s%% "
        "of the %(target)s %(currency)s target), and frequency is within the limit: keep it "
        "running as it is."
    ),
    "key.pause": _l(
        "Cost per result is %(cpr)s %(currency)s, above %(band)s %(currency)s (%(pct)s%% of "
        "the target), while frequency is still low: the audience or the offer does not work, "
        "so pause it."
    ),
    "key.fix-creative": _l(
        "Frequency is %(frequency)s, above the limit of %(limit)s: the same people keep seeing "
        "the same ad and tire of it. Replace the image or video before judging its cost."
    ),
    "key.wait": _l(
        "Results so far: %(results)s, fewer than the %(least)s needed to judge. Delivery is "
        "still unstable in the learning phase, so wait before changing anything."
    ),
    # form errors
    "form.flag-both": _l("Tick either “no problem” or the rules it breaks, not both."),
    "form.flag-missing": _l("Tick the rules this draft breaks, or “no problem”."),
    "form.choice-unknown": _l("Choose one of the options in the list."),
    "form.fix-twice": _l("Choose a different draft for each rewrite."),
    "form.fix-no-draft": _l("Choose the draft you are rewriting."),
    "form.fix-no-text": _l("Write the rewritten text."),
    "form.decision-missing": _l("Choose a decision for this ad set."),
}
