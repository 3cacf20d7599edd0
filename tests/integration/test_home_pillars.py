"""The learner's home shows the four pillars, each with its next step."""

from __future__ import annotations

from support import PASSWORD

from app.accounts.models import User
from app.portfolio import services as portfolio
from app.sandbox import services as sandbox


def home_of(app, user) -> str:
    """The home page as `user` sees it, with whitespace folded."""
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return " ".join(client.get("/").get_data(as_text=True).split())


def test_a_new_learner_gets_a_first_step_in_each_pillar(app, users):
    """Nothing started yet: a lesson, the diagnostic, a practice account and a portfolio."""
    page = home_of(app, users.create(locale="en"))
    assert 'href="/lessons/' in page
    assert 'href="/quiz/diagnostic"' in page
    assert 'href="/sandbox">Start a practice account</a>' in page
    assert 'href="/portfolio">Start your portfolio</a>' in page


def test_started_pillars_show_their_state(app, users, ctx):
    """With a sandbox account and a draft portfolio: the account's clock and the draft state."""
    user = users.create(locale="en")
    with ctx as session:
        learner = session.get(User, user.id)
        account = sandbox.start_account(learner, "riyadh-cafe")
        account_id = account.id
        portfolio.ensure_portfolio(learner)
    page = home_of(app, user)
    assert f'href="/sandbox/{account_id}">Open the account</a>' in page
    assert "Mihmas Specialty Coffee" in page and "simulated clock:" in page
    assert "Draft: only you can see it." in page


def test_home_speaks_arabic_by_default(app, users):
    """The pillars' names come from the glossary in Arabic."""
    page = home_of(app, users.create(locale="ar"))
    for name in ("المسارات", "تقرير فجوات المهارات", "ساحة التدريب", "معرض الأعمال"):
        assert f">{name}</h2>" in page
