"""Score one reply by the rubric (rubric.py has the table, weights and the honesty rules)."""

from __future__ import annotations

from app.inbox.domain.reply_text import (
    asks_personal_data,
    echoes,
    find,
    language_of,
    shows_personal_data,
)
from app.inbox.domain.rubric import (
    CARING,
    HARD_FAIL_CAP,
    LANGUAGE_CAP,
    NAMED_FAILURE_CAP,
    PRIVATE_NEEDED,
    PUBLIC_CHANNELS,
    REPLY_EXPECTED,
    TEXT_ACTIONS,
    TEXT_CRITERIA,
    WEIGHTS,
    Context,
    Criterion,
    Message,
    Reading,
    Reply,
    ReplyScore,
    read,
)


def _level(share: float) -> int:
    """A credit share (0..1) as a 0–3 level."""
    return max(0, min(3, round(share * 3)))


def _timeliness(message: Message, reply: Reply, c: Criterion) -> None:
    """Inside the deadline: 3; within twice it: 2; within a day: 1; later or never: 0."""
    hours = reply.elapsed_hours
    if hours is None:
        c.cap(0, "never")
    elif hours > max(24.0, 2 * message.sla_hours):
        c.cap(0, "late-day")
    elif hours > 2 * message.sla_hours:
        c.cap(1, "late-twice")
    elif hours > message.sla_hours:
        c.cap(2, "late")


def _empathy(message: Message, r: Reading, c: Criterion) -> None:
    """The specific issue named, with apology, empathy or thanks; not canned or echoed."""
    if r.named:
        c.cap(0, "named-failure")
        return
    if message.kind in CARING:
        level = 3 if r.key and r.tone else 2 if r.key or (r.tone and r.facts) else int(r.tone)
        if not r.key:
            c.reasons.append("issue-not-named")
        if not r.tone:
            c.reasons.append("no-empathy")
        c.cap(level, "empathy")
    elif message.kind == "praise":
        c.cap(3 if r.thanks else 1, "thanks" if r.thanks else "no-thanks")
    else:
        c.cap(3 if r.facts or r.key else 2 if r.tone or r.thanks else 1, "question")
    if r.apologies >= 3:
        c.cap(1, "apology-stuffed")
    if r.filler and not r.key:
        c.cap(1, "canned")
    if echoes(r.text.plain, message.text):
        c.cap(1, "echo")


def _accuracy(message: Message, r: Reading, c: Criterion) -> None:
    """The message's brief facts stated; no offer the brief lacks, no stray figure, no blame."""
    if r.invented:
        c.cap(0, "invented")
    if "blame" in r.named:
        c.cap(0, "blame")
    if message.facts and not r.facts:
        c.cap(1, "facts-missing")
    if r.figures:
        c.cap(1, "stray-figure")


def _resolution(message: Message, r: Reading, c: Criterion) -> None:
    """A concrete next step and when; for a question or a correction, the answer itself."""
    if message.kind in ("question", "misinformation") and r.facts:
        return
    if r.next_step:
        c.cap(3 if r.when else 2, "next-step" if r.when else "no-time")
    elif r.facts:
        c.cap(2, "explained")  # the facts answer it; a next step would close it
    elif r.private:
        c.cap(1, "private-only")
    else:
        c.cap(0, "no-next-step")


def _channel(
    message: Message, reply: Reply, ctx: Context, r: Reading, c: Criterion, public: bool
) -> bool:
    """Personal data kept out of public, private when needed, at most two public replies."""
    asked = public and asks_personal_data(r.text, ctx.lists)
    if asked:
        c.cap(0, "asked-personal-data")
    if public and reply.earlier_public + 1 > 2:
        c.cap(0, "too-many-public")
    if public and message.expected in PRIVATE_NEEDED and not r.private:
        c.cap(1, "not-moved-private")
    if public and shows_personal_data(reply.text):
        c.cap(0, "shows-personal-data")
    return asked


def _voice(message: Message, reply: Reply, ctx: Context, r: Reading, c: Criterion) -> bool:
    """The voice chart's banned phrases, the length band and the customer's language."""
    if find(ctx.banned, r.text) or find(ctx.lists["avoid"], r.text):
        c.cap(0, "banned-phrase")
    band = ctx.bands.get(message.platform) or {}
    n = len(r.text.words)
    if band and not band.get("min_words", 0) <= n <= band.get("max_words", 10_000):
        c.cap(2, "length")
    other = ctx.same_language and language_of(reply.text) not in ("", message.lang)
    if other:
        c.cap(1, "language")
    return other


def _escalation(message: Message, reply: Reply, c: Criterion) -> bool:
    """The right role told of a safety, legal or press risk; True when safety went unescalated."""
    told = reply.action == "forward" or bool(reply.role)
    if shows_personal_data(reply.text):
        c.cap(0, "shows-personal-data")
    if message.escalate_to:
        if not told:
            c.cap(0, "not-escalated")
            return message.kind == "safety"
        role = "spokesperson" if reply.action == "forward" else reply.role
        if role != message.escalate_to:
            c.cap(1, "wrong-role")
    elif told:
        c.cap(2, "needless-escalation")
    return False


def score_reply(message: Message, reply: Reply, ctx: Context) -> ReplyScore:
    """Score one action on one message by the rubric (pure; no external service)."""
    crit = {name: Criterion(name) for name in WEIGHTS}
    writes = reply.action in TEXT_ACTIONS and bool(reply.text.strip())
    r = read(message, reply if writes else Reply(reply.action), ctx)
    expects_text = message.expected in REPLY_EXPECTED
    public = writes and message.channel in PUBLIC_CHANNELS
    hard: list[str] = []
    caps: list[str] = []

    row = ctx.credit.get(message.expected, {})
    # A role named beside a reply escalates too: the best of replying and escalating counts.
    credit = max(row.get(reply.action, 0.0), row.get("escalate", 0.0) if reply.role else 0.0)
    crit["triage"].cap(_level(credit), "action")
    if message.expected not in REPLY_EXPECTED and reply.action == "none":
        crit["timeliness"].applies = False
    elif not credit:
        crit["timeliness"].cap(0, "wrong-action")  # no credit for speed on the wrong action
    else:
        _timeliness(message, reply, crit["timeliness"])
    role = "spokesperson" if reply.action == "forward" else reply.role
    told = role == message.escalate_to != ""
    substance = r.facts or r.next_step or r.private or told or not (message.facts or message.key)
    answered = writes and substance and not r.elsewhere
    if writes and not answered:
        crit["triage"].cap(0, "not-an-answer")
        crit["timeliness"].cap(0, "not-an-answer")
    if not expects_text:
        for name in TEXT_CRITERIA:
            crit[name].applies = False
        if public:
            crit["channel"].cap(0, "fed")
    elif not writes:
        for name in TEXT_CRITERIA:
            crit[name].cap(0, "no-reply")
    else:
        _empathy(message, r, crit["empathy"])
        _accuracy(message, r, crit["accuracy"])
        _resolution(message, r, crit["resolution"])
        if r.elsewhere:
            for name, level in (("empathy", 0), ("accuracy", 0), ("resolution", 1)):
                crit[name].cap(level, "elsewhere")
        if _voice(message, reply, ctx, r, crit["voice"]):
            caps.append("language")
    if message.kind == "praise":
        crit["resolution"].applies = False
    if _channel(message, reply, ctx, r, crit["channel"], public):
        hard.append("asked-personal-data")
    if _escalation(message, reply, crit["escalation"]):
        hard.append("safety-not-escalated")
    if message.kind in ("complaint",) and reply.action in ("delete", "block"):
        hard.append("criticism-deleted")
    if r.named or r.invented:
        caps.append("named-failure")

    total = sum(WEIGHTS[n] for n, c in crit.items() if c.applies)
    got = sum(WEIGHTS[n] * c.level / 3 for n, c in crit.items() if c.applies)
    points = round(100 * got / total) if total else 0
    if "named-failure" in caps:
        points = min(points, NAMED_FAILURE_CAP)
    if "language" in caps:
        points = min(points, LANGUAGE_CAP)
    if hard:
        points = min(points, HARD_FAIL_CAP)
    return ReplyScore(points, tuple(crit.values()), tuple(hard), tuple(caps), bool(answered))
