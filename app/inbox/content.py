"""The inbox's content check: reply lexicons, the action credit matrix and length bands."""

from __future__ import annotations

from app.content.errors import Problems
from app.content.model import Library
from app.core.registry import register_content_check


def check_inbox(library: Library, problems: Problems) -> str:
    """Add the reply-scoring data's problems; return a count of lexicons and actions."""
    from app.inbox.domain.lexicons import check_band_facts, load_reply_data
    from app.inbox.domain.promises import load_concepts

    found = load_reply_data(problems=problems)
    check_band_facts(found.bands, library.facts, problems)
    offers = load_concepts(problems=problems)
    return (
        f"{len(found.lists)} reply lexicons, {len(offers.stems)} kinds of offer, "
        f"{len(found.actions)} actions"
    )


register_content_check("inbox", check_inbox)
