"""Recall signatures under real concurrency: 64 simultaneous signatures by one member count once,
and a threshold crossed by many members at the same instant opens exactly one recall ballot.

Real concurrency needs PostgreSQL (row locks, separate connections), so this runs there only.
Each thread has its own connection and signed-in client; a barrier releases them together."""

import pytest
from django.db import connection
from django.urls import reverse

from groundwork.accountability.models import RecallPetition, RecallSignature
from groundwork.accountability.tests.factories import (
    give_office,
    make_position,
    petition_to_recall,
    set_recall_rules,
)
from groundwork.core.models import AuditEntry
from groundwork.democracy.models import Ballot
from groundwork.democracy.tests.factories import appoint_tellers
from groundwork.groups.tests.factories import UserFactory, join
from tests.test_concurrency import post_all_at_once, signed_in_client

THREADS = 64

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def sign_url(petition) -> str:
    return reverse("accountability:recall_petition_sign", args=[petition.pk])


def test_64_simultaneous_signatures_by_one_member_count_once(riverside, alice, bob):
    holder = UserFactory(display_name="Hal")
    join(riverside, holder)
    set_recall_rules(riverside, share="1.00")  # never reached here: only the count is tested
    petition = petition_to_recall(give_office(make_position(riverside), holder), alice)
    clients = [signed_in_client(bob) for _ in range(THREADS)]
    statuses = post_all_at_once(clients, sign_url(petition))
    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) == {302}
    assert RecallSignature.objects.filter(petition=petition, user=bob).count() == 1
    petition.refresh_from_db()
    assert petition.signature_count == 2  # alice's, as she opened it, and bob's once
    assert petition.status == RecallPetition.Status.OPEN
    signed = AuditEntry.objects.filter(verb="recall.signed", target_id=str(petition.pk))
    assert signed.count() == 2
    assert not signed.filter(actor__isnull=False).exists()  # nobody named where organisers read


def test_a_threshold_crossed_by_many_members_at_once_opens_exactly_one_recall_ballot(
    riverside, alice
):
    holder = UserFactory(display_name="Hal")
    join(riverside, holder)
    signers = [UserFactory(display_name=f"Signer {n}") for n in range(THREADS)]
    for signer in signers:
        join(riverside, signer)
    appoint_tellers(riverside, alice)
    # 66 members: a threshold of 10% is 7 signatures; 64 arrive together after the opener's.
    set_recall_rules(riverside, share="0.10")
    petition = petition_to_recall(give_office(make_position(riverside), holder), alice)
    assert petition.signatures_needed == 7
    statuses = post_all_at_once([signed_in_client(s) for s in signers], sign_url(petition))
    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) == {302}
    petition.refresh_from_db()
    assert petition.status == RecallPetition.Status.BALLOT
    # Signatures stop at the threshold: those who came after the ballot was called were told.
    assert petition.signature_count == 7
    assert RecallSignature.objects.filter(petition=petition).count() == 7
    recall_ballots = Ballot.objects.filter(title__startswith="Recall Hal")
    assert recall_ballots.count() == 1
    assert recall_ballots.get() == petition.ballot
    assert petition.ballot.status == Ballot.Status.OPEN
    called = AuditEntry.objects.filter(verb="recall.threshold_reached", target_id=str(petition.pk))
    assert called.count() == 1
