"""The inbox as it stands at the account's clock: which messages have arrived, and their state.

A bank message is read from the scenario and gets a row only when the learner acts on it; its
arrival time is seeded by the account, so the list is computed, not stored.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.accounts.models import User
from app.core.extensions import db
from app.inbox.domain.items import arrival, deadline, follow_up_of
from app.inbox.errors import ItemNotFound
from app.inbox.models import InboxItem
from app.sandbox.models import SandboxAccount
from app.sandbox.services import scenario_of

ARRIVALS_CACHED = 4096  # accounts whose bank arrival times stay in memory


@dataclass(frozen=True, slots=True)
class State:
    """What the list needs of an inbox row (read as plain columns: the list reads them all)."""

    key: str
    origin: str
    message: str
    arrives_at: datetime
    handled_at: datetime | None
    score: int | None


@dataclass(frozen=True, slots=True)
class Item:
    """One message in one account's inbox, with its times and what the learner did.

    `state` is set when the learner has acted on it; `row` (the whole row, with drafts and
    feedback) only on an item read alone by item_of.
    """

    key: str
    message: Mapping[str, Any]
    origin: str
    arrives_at: datetime
    due_at: datetime
    state: State | None
    row: InboxItem | None = None

    def status(self, clock: datetime) -> str:
        """ "done", "open" (deadline ahead) or "missed" (deadline passed, not handled)."""
        if self.state is not None and self.state.handled_at is not None:
            return "done"
        return "open" if clock <= self.due_at else "missed"


def _bank(account: SandboxAccount) -> dict[str, Mapping[str, Any]]:
    """The scenario's message bank by id."""
    return {str(m["id"]): m for m in scenario_of(account).get("inbox") or []}


def _message_of(bank: Mapping[str, Mapping[str, Any]], row: State) -> Mapping[str, Any] | None:
    """The message a row stands for (a follow-up is built from its parent bank message)."""
    base = bank.get(row.message)
    if base is None:
        return None
    return follow_up_of(base) if row.origin == "followup" else base


_STATE = (
    InboxItem.key,
    InboxItem.origin,
    InboxItem.message,
    InboxItem.arrives_at,
    InboxItem.handled_at,
    InboxItem.score,
)


def _states(account: SandboxAccount) -> dict[str, State]:
    """The account's inbox rows by key, as plain columns (a third of the ORM's cost)."""
    query = select(*_STATE).where(InboxItem.account_id == account.id)
    return {r[0]: State(*r) for r in db.session.execute(query)}


def _bank_items(account: SandboxAccount) -> tuple[Item, ...]:
    """Every bank message of the account as an item not yet acted on, built once per
    (scenario, seed, start) and app: every inbox page reads all of them."""
    from flask import current_app

    cache = current_app.extensions.setdefault("tawasul_inbox_arrivals", {})
    ident = (account.scenario_id, account.seed, account.started)
    found = cache.get(ident)
    if found is None:
        if len(cache) >= ARRIVALS_CACHED:
            cache.clear()
        items = []
        for mid, m in _bank(account).items():
            at = arrival(account.seed, account.started, m)
            items.append(Item(f"b-{mid}", m, "bank", at, deadline(at, m), None))
        found = cache[ident] = tuple(items)
    return found


def states_of(user: User, account: SandboxAccount) -> dict[str, State]:
    """The account's inbox rows by key: everything of the list that changes besides the clock."""
    if account.user_id != user.id:
        raise ItemNotFound("")
    return _states(account)


def items_of(
    user: User, account: SandboxAccount, rows: dict[str, State] | None = None
) -> list[Item]:
    """Every message that has arrived by the account's clock: open first by deadline
    (`rows`: the account's states_of, when the caller read them already)."""
    if account.user_id != user.id:
        raise ItemNotFound("")
    clock = account.clock
    found = _arrived(account, _states(account) if rows is None else rows)
    order = {"open": 0, "missed": 1, "done": 2}
    return sorted(found, key=lambda i: (order[i.status(clock)], i.due_at, i.key))


def _arrived(account: SandboxAccount, rows: dict[str, State]) -> Iterator[Item]:
    """The messages that have arrived by the account's clock, in no particular order."""
    clock = account.clock
    for item in _bank_items(account):
        row = rows.get(item.key)
        if row is None:
            if item.arrives_at <= clock:
                yield item
        elif row.arrives_at <= clock:  # a row keeps the arrival it was written with
            due = deadline(row.arrives_at, item.message)
            yield Item(item.key, item.message, "bank", row.arrives_at, due, row)
    others = [r for r in rows.values() if r.origin != "bank" and r.arrives_at <= clock]
    bank = _bank(account) if others else {}
    for row in others:
        own = _message_of(bank, row)
        if own is not None:
            yield Item(row.key, own, row.origin, row.arrives_at, deadline(row.arrives_at, own), row)


@dataclass(frozen=True)
class Summary:
    """How many arrived messages are open, missed and handled."""

    open: int
    missed: int
    done: int


def summary(user: User, account: SandboxAccount) -> Summary:
    """The inbox in three numbers (for the account page)."""
    if account.user_id != user.id:
        raise ItemNotFound("")
    # Counted as they come: the page shows three numbers, not the ordered list.
    counts = Counter(i.status(account.clock) for i in _arrived(account, _states(account)))
    return Summary(counts["open"], counts["missed"], counts["done"])


def listed_item(user: User, account: SandboxAccount, key: str) -> Item:
    """One arrived message of the user's account as the list has it (no whole row), or
    ItemNotFound."""
    for item in items_of(user, account):
        if item.key == key:
            return item
    raise ItemNotFound(key)


def with_row(account: SandboxAccount, item: Item) -> Item:
    """The item with its whole row (drafts and feedback) when the learner acted on it."""
    if item.state is None:
        return item
    query = select(InboxItem).where(InboxItem.account_id == account.id, InboxItem.key == item.key)
    return dataclasses.replace(item, row=db.session.scalars(query).one())


def item_of(user: User, account: SandboxAccount, key: str) -> Item:
    """One arrived message of the user's account (with its whole row), or ItemNotFound."""
    return with_row(account, listed_item(user, account, key))
