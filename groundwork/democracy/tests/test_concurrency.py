"""64 identical vote submissions at the same instant store exactly one vote, and nobody sees a 5xx.

Real concurrency needs PostgreSQL (row locks, separate connections), so this runs there only.
Each thread has its own connection and signed-in client; a barrier releases them together.
"""

import pytest
from django.db import connection
from django.urls import reverse

from groundwork.democracy.models import Elector, SealedVote, VotingDay
from groundwork.democracy.tests.factories import open_ballot
from tests.test_concurrency import post_all_at_once, signed_in_client

THREADS = 64

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_64_identical_votes_store_one_vote(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, title="Occupy the town hall steps?")
    clients = [signed_in_client(bob) for _ in range(THREADS)]
    statuses = post_all_at_once(
        clients, reverse("democracy:ballot", args=[ballot.pk]), {"choice": "yes"}
    )
    assert [status for status in statuses if status >= 500] == []
    # Each is sent to the receipt: one recorded the vote, the others are told it already was.
    assert statuses == [302] * THREADS
    assert SealedVote.objects.filter(ballot=ballot).count() == 1
    assert VotingDay.objects.get(ballot=ballot).votes == 1
    assert Elector.objects.get(ballot=ballot, user=bob).voted_on is not None
    ballot.refresh_from_db()
    assert ballot.votes_cast == 1


@pytest.mark.parametrize("secret", [False, True], ids=["roll call", "secret"])
def test_the_last_votes_arriving_at_once_close_the_ballot_exactly_once(
    alice, bob, riverside, secret
):
    from django_tasks_db.models import DBTaskResult

    from conftest import run_worker_once
    from groundwork.core.models import AuditEntry
    from groundwork.democracy.models import Ballot, Decision
    from groundwork.groups.tests.factories import UserFactory, join

    voters = [alice, bob] + [join(riverside, UserFactory()).user for _ in range(30)]
    ballot = open_ballot(riverside, alice, secret=secret, close_when_all_voted=True)
    statuses = post_all_at_once(
        [signed_in_client(voter) for voter in voters],
        reverse("democracy:ballot", args=[ballot.pk]),
        {"choice": "yes"},
    )
    assert statuses == [302] * len(voters)  # each to their receipt
    close_jobs = DBTaskResult.objects.filter(task_path__endswith="close_ballot_at_deadline")
    # The deadline's job, and one more from the one vote that completed the electorate.
    assert close_jobs.count() == 2
    run_worker_once()
    ballot.refresh_from_db()
    assert ballot.votes_cast == len(voters)
    closing = "ballot.voting_closed" if secret else "ballot.closed"
    assert AuditEntry.objects.filter(verb=closing, target_id=str(ballot.pk)).count() == 1
    if secret:
        assert ballot.status == Ballot.Status.COUNTING
    else:
        assert ballot.status == Ballot.Status.CLOSED
        assert ballot.result is not None and ballot.result["count"]["yes"] == len(voters)
        assert Decision.objects.filter(ballot=ballot).count() == 1
