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
