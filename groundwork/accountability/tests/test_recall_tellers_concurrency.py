"""The tellers taking their keys at the same instant: the one who completes the panel sees the
others' keys, so a recall ballot that waited for them opens, exactly once.

Real concurrency needs PostgreSQL (row locks, separate connections), so this runs there only."""

import pytest
from django.db import connection
from django.urls import reverse

from groundwork.accountability.models import RecallPetition
from groundwork.accountability.tests.factories import (
    give_office,
    make_position,
    petition_to_recall,
    set_recall_rules,
)
from groundwork.core.models import AuditEntry
from groundwork.democracy import actions as democracy
from groundwork.democracy.models import Ballot, Teller
from groundwork.groups.tests.factories import UserFactory, join
from tests.test_concurrency import post_all_at_once, signed_in_client

TELLERS = 8

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_tellers_taking_their_keys_at_once_open_the_waiting_recall_ballot_once(riverside, alice):
    holder = UserFactory(display_name="Hal")
    join(riverside, holder)
    tellers = [UserFactory(display_name=f"Teller {n}") for n in range(TELLERS)]
    for teller in tellers:
        join(riverside, teller)
    democracy.check_appoint_tellers(riverside, tellers=tellers, needed=2, acting_user=alice)
    set_recall_rules(riverside, share="0.10")  # ten members: the opener's signature is enough
    petition = petition_to_recall(give_office(make_position(riverside), holder), alice)
    petition.refresh_from_db()
    assert petition.status == RecallPetition.Status.BALLOT
    assert petition.ballot.status == Ballot.Status.DRAFT
    url = reverse("democracy:group_teller_key", args=["riverside"])
    statuses = post_all_at_once([signed_in_client(teller) for teller in tellers], url)
    assert [status for status in statuses if status >= 500] == []
    assert Teller.objects.filter(panel__group=riverside, public_key__isnull=True).count() == 0
    petition.ballot.refresh_from_db()
    assert petition.ballot.status == Ballot.Status.OPEN
    opened = AuditEntry.objects.filter(verb="recall.ballot_opened", target_id=str(petition.pk))
    assert opened.count() == 1
