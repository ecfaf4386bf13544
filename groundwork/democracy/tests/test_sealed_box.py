"""Secret ballots end to end through the actions: sealed as cast, opened only by enough tellers,
counted with no name attached, and nothing per member in the log."""

from datetime import timedelta

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.democracy import actions, ballot_box
from groundwork.democracy.models import (
    Ballot,
    CastVote,
    KeyShare,
    SealedVote,
    VotingDay,
)
from groundwork.democracy.tests.factories import (
    appoint_tellers,
    close_voting,
    fast_forward_past_deadline,
    give_shares,
    open_ballot,
    vote_for,
)
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db

OPTIONS = ["Ash", "Birch", "Cedar"]


@pytest.fixture
def three_tellers(alice, bob, riverside):
    carl = UserFactory(display_name="Carl")
    join(riverside, carl)
    appoint_tellers(riverside, alice, [alice, bob, carl], needed=2)
    return [alice, bob, carl]


def test_a_secret_vote_is_sealed_before_it_is_stored_and_nothing_readable_waits(
    alice, bob, riverside
):
    ballot = open_ballot(riverside, alice, method="irv", options=OPTIONS)
    tracker = vote_for(ballot, bob, ranking=[2, 0])
    sealed = SealedVote.objects.get(ballot=ballot)
    assert sealed.elector is not None
    assert sealed.tracker == tracker and sealed.elector.user == bob
    assert b"ranking" not in bytes(sealed.ciphertext)
    assert not CastVote.objects.filter(ballot=ballot).exists()


def test_a_secret_ballot_does_not_open_without_tellers_holding_keys(alice, bob, riverside):
    def draft():
        return actions.do_create_ballot(
            group=riverside,
            spec=actions.BallotSpec(title="Chair", closes_at=timezone.now() + timedelta(days=2)),
            acting_user=alice,
        )

    with pytest.raises(ActionError, match="Appoint tellers"):
        actions.check_open_ballot(draft(), acting_user=alice)
    actions.check_appoint_tellers(riverside, tellers=[bob], needed=1, acting_user=alice)
    with pytest.raises(ActionError, match="not taken their teller key yet: Bob"):
        actions.check_open_ballot(draft(), acting_user=alice)
    actions.check_take_teller_key(riverside, acting_user=bob)
    assert actions.check_open_ballot(draft(), acting_user=alice).status == Ballot.Status.OPEN


def test_two_of_three_tellers_open_the_box_and_one_share_alone_does_not(three_tellers, riverside):
    alice, bob, carl = three_tellers
    ballot = open_ballot(riverside, alice, method="irv", options=OPTIONS)
    trackers = {vote_for(ballot, member, ranking=[1]) for member in (alice, bob, carl)}
    ballot = close_voting(ballot)
    assert ballot.status == Ballot.Status.COUNTING
    assert give_shares(ballot, 1) == 1
    assert actions.do_count_sealed_ballot(ballot) == "waiting for the tellers"
    assert not CastVote.objects.filter(ballot=ballot).exists()
    assert give_shares(ballot, 2) == 2
    assert actions.do_count_sealed_ballot(ballot) == "counted"
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.CLOSED and ballot.result is not None
    assert ballot.result["count"]["elected"] == ["Birch"]
    counted = CastVote.objects.filter(ballot=ballot)
    assert counted.count() == len(trackers) == 3
    assert set(SealedVote.objects.filter(ballot=ballot).values_list("tracker", flat=True)) == (
        trackers
    )
    assert not counted.filter(voter__isnull=False).exists()
    assert not KeyShare.objects.filter(ballot=ballot).exists()  # the key is gone


def test_a_wrong_key_is_told_next_to_its_field_and_a_share_given_twice_counts_once(
    three_tellers, riverside, dan
):
    alice, bob, _carl = three_tellers
    ballot = close_voting(open_ballot(riverside, alice))
    other_code, _ = ballot_box.new_teller_code()
    with pytest.raises(ActionError, match="does not open your share") as refused:
        actions.check_give_share(ballot, code=other_code, acting_user=alice)
    assert refused.value.field == "code"
    with pytest.raises(ActionError, match="mistyped"):
        actions.check_give_share(ballot, code="ABCD-EFGH", acting_user=alice)
    with pytest.raises(ActionError, match="no share"):
        actions.check_give_share(ballot, code=other_code, acting_user=dan)
    assert give_shares(ballot, 1) == 1
    assert give_shares(ballot, 1) == 1  # the same teller again: harmless


def test_a_changed_vote_is_sealed_again_with_a_new_tracker_and_counted_as_changed(
    alice, bob, riverside
):
    ballot = open_ballot(riverside, alice, method="irv", options=OPTIONS)
    first = vote_for(ballot, bob, ranking=[2, 0])
    second = actions.check_change_vote(ballot, content={"ranking": [1]}, acting_user=bob)
    assert second != first
    assert list(SealedVote.objects.filter(ballot=ballot).values_list("tracker", flat=True)) == [
        second
    ]
    day = VotingDay.objects.get(ballot=ballot)
    assert (day.votes, day.changes) == (1, 1)
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None
    assert ballot.result["count"]["elected"] == ["Birch"]


def test_the_log_keeps_only_a_count_per_day_never_who_voted_or_changed(alice, bob, riverside):
    ballot = open_ballot(riverside, alice)
    vote_for(ballot, bob, choice="yes")
    vote_for(ballot, alice, choice="no")
    actions.check_change_vote(ballot, content={"choice": "yes"}, acting_user=bob)
    fast_forward_past_deadline(ballot)
    entries = AuditEntry.objects.filter(target_type="democracy.ballot", target_id=str(ballot.pk))
    verbs = set(entries.values_list("verb", flat=True))
    assert not verbs & {"ballot.voted", "ballot.vote_changed"}
    voters = {alice.pk, bob.pk}
    by_voters = entries.filter(actor_id__in=voters).values_list("verb", flat=True)
    assert set(by_voters) <= {"ballot.created", "ballot.opened", "ballot.share_given"}
    closed = entries.get(verb="ballot.voting_closed")
    assert closed.new["votes_cast"] == 2 and list(closed.new["votes_by_day"].values()) == [2]


@override_settings(SECRET_KEY="the key the shares were given under" * 2)
def test_shares_that_no_longer_open_the_box_are_asked_for_again(three_tellers, riverside):
    alice = three_tellers[0]
    ballot = close_voting(open_ballot(riverside, alice))
    give_shares(ballot)
    with override_settings(SECRET_KEY="a rotated secret key, not the one" * 2):
        assert actions.do_count_sealed_ballot(ballot) == "the shares did not open the box"
    assert not KeyShare.objects.filter(ballot=ballot, given_at__isnull=False).exists()
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.COUNTING
    assert AuditEntry.objects.filter(verb="ballot.shares_refused").exists()


def test_cancelling_discards_the_sealed_votes_and_the_shares(alice, bob, riverside):
    ballot = open_ballot(riverside, alice)
    vote_for(ballot, bob, choice="yes")
    actions.check_cancel_ballot(ballot, acting_user=alice)
    assert not SealedVote.objects.filter(ballot=ballot).exists()
    assert not KeyShare.objects.filter(ballot=ballot).exists()


def test_an_error_report_of_a_vote_holds_no_vote(alice, bob, riverside, monkeypatch):
    from groundwork.democracy import views

    ballot = open_ballot(riverside, alice, method="irv", options=OPTIONS)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(actions, "check_cast_vote", broken)
    request = RequestFactory().post("/", {"rank-2": "1", "rank-0": "2"})
    request.user = bob
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError):
        views.ballot(request, pk=ballot.pk)
    reported = SafeExceptionReporterFilter().get_post_parameters(request)
    assert set(reported.values()) == {SafeExceptionReporterFilter.cleansed_substitute}


def test_a_tie_is_broken_by_a_lot_drawn_from_the_trackers_which_anyone_can_recompute(
    cast, alice, bob, riverside
):
    import hashlib

    from django.urls import reverse

    from groundwork.democracy import counting

    ballot = open_ballot(riverside, alice, method="irv", options=["Ash", "Birch"])
    trackers = [
        vote_for(ballot, alice, ranking=[0]) or "",
        vote_for(ballot, bob, ranking=[1]) or "",
    ]
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None
    seed = hashlib.sha256("\n".join(sorted(trackers)).encode()).hexdigest()
    lot = ballot.result["count"]["lot"]
    assert lot["seed"] == seed
    drawn = counting.draw_lot(seed, 2)
    assert [entry["number"] - 1 for entry in lot["order"]] == list(drawn)
    # The lot's first is the one excluded at the tie: the other is elected.
    assert ballot.result["count"]["elected"] == [["Ash", "Birch"][drawn[1]]]
    html = cast["bob"].get(reverse("democracy:results", args=[ballot.pk])).content.decode()
    assert seed in html and "lot" in html
    blt = cast["bob"].get(reverse("democracy:ballot_blt", args=[ballot.pk])).content.decode()
    recount = counting.count_irv(counting.parse_blt(blt))
    assert [["Ash", "Birch"][i] for i in recount.elected] == ballot.result["count"]["elected"]


def test_an_error_report_of_a_share_holds_no_teller_key(three_tellers, riverside, monkeypatch):
    from groundwork.democracy import views

    alice = three_tellers[0]
    ballot = close_voting(open_ballot(riverside, alice))

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(actions, "check_give_share", broken)
    request = RequestFactory().post("/", {"code": "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"})
    request.user = alice
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError):
        views.ballot_give_share(request, pk=ballot.pk)
    reported = SafeExceptionReporterFilter().get_post_parameters(request)
    assert reported["code"] == SafeExceptionReporterFilter.cleansed_substitute
