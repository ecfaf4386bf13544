"""Recall petitions step by step: opening (reason, electorate, threshold and window fixed), one
signature per member, the recall ballot at the threshold (or waiting for tellers), expiry, the
ballot's close (the holder recalled or staying), and the by-election."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.models import Election, RecallPetition, RecallSignature, Term
from groundwork.accountability.tests.factories import (
    give_office,
    make_position,
    petition_to_recall,
    set_recall_rules,
    sign,
)
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.democracy.models import Ballot, Decision
from groundwork.democracy.tests.factories import (
    appoint_tellers,
    fast_forward_past_deadline,
    vote_for,
)
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def new_members(group, count: int) -> list:
    members = [UserFactory(display_name=f"Member {n}") for n in range(count)]
    for member in members:
        join(group, member)
    return members


@pytest.fixture
def secretary(riverside, alice, bob):
    """Riverside (alice, bob and eight more: ten members) and its secretary, the first of them."""
    members = new_members(riverside, 8)
    position = make_position(riverside, "Secretary")
    return give_office(position, members[0]), members[1:]


def verbs(petition) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            target_type="accountability.recallpetition", target_id=str(petition.pk)
        )
        .order_by("id")
        .values_list("verb", flat=True)
    )


def told(petition, step: str):
    return Notification.objects.filter(key=f"recall-{petition.pk}-{step}")


def test_bob_opens_a_petition_that_fixes_its_threshold_and_window_and_carries_his_signature(
    secretary, bob, django_capture_on_commit_callbacks
):
    term, _others = secretary
    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_to_recall(term, bob, reason="Missed six meetings.")
    assert petition.status == RecallPetition.Status.OPEN
    assert petition.electorate_size == 10
    assert petition.signatures_needed == 2  # 20% of 10
    assert petition.signature_count == 1
    assert RecallSignature.objects.filter(petition=petition, user=bob).exists()
    assert abs(petition.closes_at - (timezone.now() + timedelta(days=28))) < timedelta(minutes=1)
    assert verbs(petition) == ["recall.opened", "recall.signed"]
    # The group's organisers read its audit log: the signature's entry names nobody.
    signed = AuditEntry.objects.get(verb="recall.signed", target_id=str(petition.pk))
    assert signed.actor is None and set(signed.new) == {"signatures", "needed"}
    holder_told = told(petition, "opened").get()
    assert holder_told.user == term.holder
    assert holder_told.url == f"/recall/{petition.pk}/"
    decision = Decision.objects.get(link=f"/recall/{petition.pk}/")
    assert decision.ballot is None and decision.group == term.position.group
    assert "opened against" in decision.summary


def test_the_groups_rules_set_the_share_rounded_up_and_the_window(secretary, riverside, bob):
    set_recall_rules(riverside, share="0.33", window_days=7)
    term, _others = secretary
    petition = petition_to_recall(term, bob)
    assert petition.signatures_needed == 4  # 3.3 rounded up
    assert abs(petition.closes_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)


def test_the_threshold_is_never_below_one_signature():
    from groundwork.accountability.actions.recall_common import signatures_needed

    assert signatures_needed(electorate_size=1, share=Decimal("0.01")) == 1
    assert signatures_needed(electorate_size=0, share=Decimal("0.20")) == 1
    assert signatures_needed(electorate_size=250_000, share=Decimal("0.20")) == 50_000


def test_a_reason_is_required_by_the_action_and_by_the_database(secretary, bob):
    term, _others = secretary
    with pytest.raises(ActionError) as refused:
        petition_to_recall(term, bob, reason="   ")
    assert refused.value.field == "reason"
    with pytest.raises(IntegrityError):
        RecallPetition.objects.create(
            term=term, reason="", closes_at=timezone.now(), electorate_size=1, signatures_needed=1
        )


def test_only_the_electorate_may_petition_and_never_against_themselves(secretary, carol, dan):
    term, _others = secretary
    for outsider in (carol, dan):
        with pytest.raises(ActionError, match="Only those who elect"):
            petition_to_recall(term, outsider)
    with pytest.raises(ActionError, match="recall yourself"):
        petition_to_recall(term, term.holder)
    assert not RecallPetition.objects.exists()


def test_a_term_that_has_ended_cannot_be_petitioned_against(secretary, bob):
    term, _others = secretary
    Term.objects.filter(pk=term.pk).update(
        ended_on=timezone.localdate(), end_reason=Term.EndReason.STEPPED_DOWN
    )
    with pytest.raises(ActionError, match="ended"):
        petition_to_recall(term, bob)


def test_one_petition_at_a_time_against_a_holder(secretary, bob, alice):
    term, _others = secretary
    set_recall_rules(term.position.group, share="0.50")
    petition_to_recall(term, bob)
    with pytest.raises(ActionError, match="already under way"):
        petition_to_recall(term, alice)


def test_signing_twice_counts_once(secretary, bob, alice):
    term, _others = secretary
    set_recall_rules(term.position.group, share="0.50")
    petition = petition_to_recall(term, alice)
    assert sign(petition, bob) is True
    assert sign(petition, bob) is False
    assert sign(petition, alice) is False
    petition.refresh_from_db()
    assert petition.signature_count == 2
    assert RecallSignature.objects.filter(petition=petition).count() == 2


def test_the_holder_and_outsiders_cannot_sign(secretary, bob, carol):
    term, _others = secretary
    petition = petition_to_recall(term, bob)
    with pytest.raises(ActionError, match="yourself"):
        sign(petition, term.holder)
    with pytest.raises(ActionError, match="Only those who elect"):
        sign(petition, carol)


def test_at_the_threshold_a_secret_yes_no_recall_ballot_opens_by_itself_once(
    secretary, riverside, alice, bob, django_capture_on_commit_callbacks
):
    term, others = secretary
    appoint_tellers(riverside, alice)
    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_to_recall(term, bob)
        assert sign(petition, others[0]) is True
    petition.refresh_from_db()
    assert petition.status == RecallPetition.Status.BALLOT
    ballot = petition.ballot
    assert ballot is not None and ballot.status == Ballot.Status.OPEN
    assert ballot.secret and ballot.method == Ballot.Method.MAJORITY
    assert ballot.electorate == Ballot.Electorate.GROUP and ballot.group == riverside
    assert ballot.electorate_size == 10
    assert ballot.title == f"Recall {term.holder.name} as Secretary?"
    assert verbs(petition)[-2:] == ["recall.threshold_reached", "recall.ballot_opened"]
    assert told(petition, "threshold").get().user == term.holder
    assert told(petition, "ballot-opened").get().user == term.holder
    assert Decision.objects.filter(link=f"/recall/{petition.pk}/", summary__contains="threshold")
    # The petition has stopped gathering: a later signature is refused, no second ballot.
    with pytest.raises(ActionError, match="no longer gathering"):
        sign(petition, others[1])
    assert Ballot.objects.filter(title__startswith="Recall").count() == 1


def test_without_tellers_the_recall_ballot_waits_and_says_why_until_the_tellers_are_ready(
    secretary, riverside, alice, bob, django_capture_on_commit_callbacks
):
    term, others = secretary
    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_to_recall(term, bob)
        sign(petition, others[0])
    petition.refresh_from_db()
    assert petition.status == RecallPetition.Status.BALLOT
    assert petition.ballot.status == Ballot.Status.DRAFT
    assert "recall.ballot_waiting" in verbs(petition)
    from groundwork.accountability.queries import why_recall_ballot_waits

    assert "Appoint tellers" in why_recall_ballot_waits(petition)
    assert told(petition, "waiting").get().user == alice  # the organiser
    # Still no tellers: the organiser is told why.
    with pytest.raises(ActionError, match="Appoint tellers"):
        actions.check_open_recall_ballot(petition, acting_user=alice)
    appoint_tellers(riverside, alice)  # her key makes the tellers ready: the ballot opens
    petition.refresh_from_db()
    ballot = petition.ballot
    assert ballot.status == Ballot.Status.OPEN
    assert abs(ballot.closes_at - (timezone.now() + timedelta(days=14))) < timedelta(minutes=1)
    with pytest.raises(ActionError, match="already been opened"):
        actions.check_open_recall_ballot(petition, acting_user=alice)


def test_a_petition_past_its_window_expires_and_the_holder_is_told(
    secretary, bob, django_capture_on_commit_callbacks
):
    term, others = secretary
    petition = petition_to_recall(term, bob)
    assert (
        actions.do_expire_recall_petition(petition, now=petition.closes_at - timedelta(seconds=1))
        is False
    )
    RecallPetition.objects.filter(pk=petition.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ActionError, match="no longer gathering"):
        sign(petition, others[0])
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.do_expire_recall_petition(petition) is True
    assert actions.do_expire_recall_petition(petition) is False  # a retried job
    petition.refresh_from_db()
    assert petition.status == RecallPetition.Status.EXPIRED and petition.ballot is None
    assert told(petition, "expired").get().user == term.holder
    assert Decision.objects.filter(link=f"/recall/{petition.pk}/", summary__contains="expired")
    # A new petition may then be opened.
    assert petition_to_recall(term, others[0]).status == RecallPetition.Status.OPEN


def test_the_expiry_job_is_scheduled_at_the_end_of_the_window(
    secretary, bob, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    term, _others = secretary
    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_to_recall(term, bob)
    job = DBTaskResult.objects.get(task_path__endswith="expire_recall_petition")
    assert job.run_after == petition.closes_at
    assert job.args_kwargs["args"] == [petition.pk]


def recall_ballot_for(term, organiser, members):
    """A petition signed to its threshold, its recall ballot open."""
    appoint_tellers(term.position.group, organiser)
    petition = petition_to_recall(term, members[0])
    sign(petition, members[1])
    petition.refresh_from_db()
    return petition


def test_a_carried_recall_ends_the_term_as_recalled_and_leaves_the_seat_vacant(
    secretary, alice, bob, django_capture_on_commit_callbacks
):
    term, others = secretary
    petition = recall_ballot_for(term, alice, [bob, others[0]])
    for voter in (bob, others[0], others[1]):
        vote_for(petition.ballot, voter, choice="yes")
    vote_for(petition.ballot, alice, choice="no")
    with django_capture_on_commit_callbacks(execute=True):
        fast_forward_past_deadline(petition.ballot)
    petition.refresh_from_db()
    term.refresh_from_db()
    assert petition.status == RecallPetition.Status.CARRIED
    assert term.ended_on == timezone.localdate()
    assert term.end_reason == Term.EndReason.RECALLED
    assert not Term.objects.filter(position=term.position, ended_on__isnull=True).exists()
    assert "recall.carried" in verbs(petition)
    assert "your term as Secretary has ended" in told(petition, "result").get().text
    assert told(petition, "result").get().user == term.holder
    assert Decision.objects.filter(link=f"/recall/{petition.pk}/", summary__contains="vacant")
    # The ballot's own decision is in the log too.
    assert Decision.objects.get(ballot=petition.ballot).summary.endswith("carried.")


def test_a_recall_voted_down_keeps_the_holder_in_office(
    secretary, alice, bob, django_capture_on_commit_callbacks
):
    term, others = secretary
    petition = recall_ballot_for(term, alice, [bob, others[0]])
    vote_for(petition.ballot, bob, choice="yes")
    for voter in (alice, others[1]):
        vote_for(petition.ballot, voter, choice="no")
    with django_capture_on_commit_callbacks(execute=True):
        fast_forward_past_deadline(petition.ballot)
    petition.refresh_from_db()
    term.refresh_from_db()
    assert petition.status == RecallPetition.Status.NOT_CARRIED
    assert term.ended_on is None and term.end_reason == ""
    assert "remain" in told(petition, "result").get().text
    # Settling again (a second close signal) changes nothing.
    assert actions.do_settle_recall_ballot(petition.ballot) is None


def test_an_organiser_calls_a_by_election_for_the_vacancy_once(secretary, alice, bob):
    term, others = secretary
    petition = recall_ballot_for(term, alice, [bob, others[0]])
    for voter in (bob, others[0]):
        vote_for(petition.ballot, voter, choice="yes")
    fast_forward_past_deadline(petition.ballot)
    petition.refresh_from_db()
    closes_at = timezone.now() + timedelta(days=10)
    with pytest.raises(ActionError, match="Only organisers"):
        actions.check_call_by_election(
            petition, candidates=[bob, others[1]], closes_at=closes_at, acting_user=bob
        )
    election = actions.check_call_by_election(
        petition, candidates=[bob, others[1]], closes_at=closes_at, acting_user=alice
    )
    assert election.kind == Election.Kind.BY_ELECTION and election.position == term.position
    assert election.ballot.status == Ballot.Status.DRAFT
    assert election.ballot.method == Ballot.Method.IRV
    assert [c.user for c in election.candidates.order_by("option__position")] == [bob, others[1]]
    assert "recall.by_election_called" in verbs(petition)
    with pytest.raises(ActionError, match="already been called"):
        actions.check_call_by_election(
            petition, candidates=[bob, others[1]], closes_at=closes_at, acting_user=alice
        )


def test_a_by_election_needs_a_carried_recall_and_candidates_from_the_electorate(
    secretary, alice, bob, carol
):
    term, others = secretary
    petition = petition_to_recall(term, bob)
    closes_at = timezone.now() + timedelta(days=10)
    with pytest.raises(ActionError, match="recall that carried"):
        actions.check_call_by_election(
            petition, candidates=[bob, others[1]], closes_at=closes_at, acting_user=alice
        )
    RecallPetition.objects.filter(pk=petition.pk).update(status=RecallPetition.Status.CARRIED)
    with pytest.raises(ActionError, match="not in this position's electorate"):
        actions.check_call_by_election(
            petition, candidates=[bob, carol], closes_at=closes_at, acting_user=alice
        )


def test_an_alliance_position_is_recalled_by_members_of_every_group(
    riverside, hillside, alice, bob, carol, dan
):
    position = make_position(None, "Alliance delegate to the TUC")
    term = give_office(position, bob)
    petition = petition_to_recall(term, carol)
    assert petition.electorate_size == 3  # alice, bob, carol; dan is in no group
    assert petition.signatures_needed == 1
    petition.refresh_from_db()
    # At once at the threshold; the alliance has no tellers, so its ballot waits.
    assert petition.status == RecallPetition.Status.BALLOT
    assert petition.ballot.electorate == Ballot.Electorate.ALLIANCE
    assert petition.ballot.group is None
    with pytest.raises(ActionError):
        petition_to_recall(give_office(make_position(None, "Treasurer"), bob), dan)
