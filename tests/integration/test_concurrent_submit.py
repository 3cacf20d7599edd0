"""T8: the same quiz submission fired 10 times at once, over separate app instances, scores once."""

from __future__ import annotations

import threading

from conftest import app_config
from sqlalchemy import func, select
from support import PASSWORD

from app import create_app
from app.quizzes.models import Answer, QuizAttempt
from app.skills.models import SkillEvidence


def test_ten_concurrent_duplicate_submissions_score_once(app, database_url, mailbox, users, ctx):
    """10 simultaneous posts of one attempt from 4 'workers': one set of answers, no 5xx."""
    user = users.create()
    workers = [create_app(app_config(database_url, mailbox)) for _ in range(4)]
    clients = []
    for i in range(10):
        client = workers[i % 4].test_client()
        assert (
            client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code
            == 303
        )
        clients.append(client)
    take = clients[0].post("/quiz/lesson/plt-1").headers["Location"]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def fire(client):
        barrier.wait()
        statuses.append(client.post(take, data={}).status_code)

    threads = [threading.Thread(target=fire, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert statuses == [303] * 10, statuses
    with ctx as session:
        attempt = session.scalar(select(QuizAttempt))
        answers = session.scalar(select(func.count(Answer.id)))
        evidence = session.scalar(select(func.count(SkillEvidence.id)))
    assert attempt.status == "submitted" and answers == len(attempt.item_ids)
    assert evidence == sum(
        len(app.extensions["tawasul_content"].library.items[i].skills) for i in attempt.item_ids
    )
    print(
        f"T8: 10 duplicate concurrent posts over 4 app instances -> 1 scored attempt, "
        f"{answers} answers, 0 5xx"
    )
