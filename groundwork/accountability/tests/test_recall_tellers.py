"""A recall ballot that could not open by itself for want of ready tellers opens as soon as they
are ready (democracy's `tellers_ready` hook), exactly once, and only the body's own."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.models import RecallPetition
from groundwork.accountability.tests.factories import (
    give_office,
    make_position,
    petition_to_recall,
    sign,
)
from groundwork.core.models import AuditEntry
from groundwork.democracy import actions as democracy
from groundwork.democracy.hooks import tellers_ready
from groundwork.democracy.models import Ballot
from groundwork.democracy.tests.factories import appoint_tellers
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def erin(riverside):
    """A second member of Riverside."""
    user = UserFactory(display_name="Erin")
    join(riverside, user)
    return user


@pytest.fixture
def holder(riverside):
    """Hal, Riverside's secretary."""
    hal = UserFactory(display_name="Hal")
    join(riverside, hal)
    return give_office(make_position(riverside, "Secretary"), hal)


def waiting_petition(term, alice, bob) -> RecallPetition:
    """A petition past its threshold whose ballot could not open (the tellers are not ready)."""
    petition = petition_to_recall(term, bob)
    if petition.status == RecallPetition.Status.OPEN:
        sign(petition, alice)
    petition.refresh_from_db()
    assert petition.status == RecallPetition.Status.BALLOT
    assert ballot_of(petition).status == Ballot.Status.DRAFT
    return petition


def ballot_of(petition: RecallPetition) -> Ballot:
    """The petition's recall ballot as it is now."""
    return Ballot.objects.get(recall_petition=petition)


def opened_entries(petition):
    return AuditEntry.objects.filter(verb="recall.ballot_opened", target_id=str(petition.pk))


def test_the_ballot_opens_when_the_last_teller_takes_their_key_and_not_before(
    holder, riverside, alice, bob, erin, django_capture_on_commit_callbacks
):
    democracy.check_appoint_tellers(riverside, tellers=[alice, erin], needed=2, acting_user=alice)
    petition = waiting_petition(holder, alice, bob)
    democracy.check_take_teller_key(riverside, acting_user=alice)
    assert ballot_of(petition).status == Ballot.Status.DRAFT  # Erin has no key yet
    with django_capture_on_commit_callbacks(execute=True):
        democracy.check_take_teller_key(riverside, acting_user=erin)
    assert ballot_of(petition).status == Ballot.Status.OPEN
    closes_in = ballot_of(petition).closes_at - timezone.now()
    assert timedelta(days=14) - closes_in < timedelta(minutes=1)  # its full length from now
    assert opened_entries(petition).count() == 1
    holder_told = Notification.objects.get(key=f"recall-{petition.pk}-ballot-opened")
    assert holder_told.user == holder.holder


def test_a_teller_replacing_their_key_later_opens_nothing_twice(holder, riverside, alice, bob):
    petition = waiting_petition(holder, alice, bob)
    appoint_tellers(riverside, alice)
    assert ballot_of(petition).status == Ballot.Status.OPEN
    with mock.patch.object(tellers_ready, "send") as sent:
        democracy.check_take_teller_key(riverside, acting_user=alice)  # a new key
    sent.assert_not_called()  # the panel was ready already
    assert actions.do_open_recall_ballots_waiting_for_tellers(riverside, acting_user=alice) == []
    assert opened_entries(petition).count() == 1


def test_removing_the_teller_without_a_key_makes_the_tellers_ready(
    holder, riverside, alice, bob, erin
):
    appoint_tellers(riverside, alice)
    democracy.check_appoint_tellers(riverside, tellers=[alice, erin], needed=1, acting_user=alice)
    petition = waiting_petition(holder, alice, bob)  # Erin has no key: it waits
    assert "Erin" in AuditEntry.objects.get(verb="recall.ballot_waiting").new["why"]
    democracy.check_appoint_tellers(riverside, tellers=[alice], needed=1, acting_user=alice)
    assert ballot_of(petition).status == Ballot.Status.OPEN


def test_another_bodys_tellers_being_ready_opens_nothing_here(
    holder, riverside, hillside, alice, bob, carol
):
    petition = waiting_petition(holder, alice, bob)
    appoint_tellers(hillside, carol)
    appoint_tellers(None, alice)  # the alliance's
    assert ballot_of(petition).status == Ballot.Status.DRAFT
    assert opened_entries(petition).count() == 0


def test_a_ballot_the_organiser_opened_first_is_left_alone(holder, riverside, alice, bob):
    petition = waiting_petition(holder, alice, bob)
    with mock.patch.object(tellers_ready, "send"):
        appoint_tellers(riverside, alice)
    actions.check_open_recall_ballot(petition, acting_user=alice)
    assert actions.do_open_recall_ballots_waiting_for_tellers(riverside, acting_user=alice) == []
    assert opened_entries(petition).count() == 1
    waits = AuditEntry.objects.filter(verb="recall.ballot_waiting").values_list("new", flat=True)
    assert not [why for why in waits if "already" in why["why"]]
