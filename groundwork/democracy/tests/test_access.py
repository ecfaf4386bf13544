"""Who gets into each democracy page: the cast at every list, proposal, ballot and result."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Ballot, SealedVote
from groundwork.democracy.tests.conftest import CAST, ballot_url
from groundwork.democracy.tests.factories import (
    appoint_tellers,
    fast_forward_past_deadline,
    open_ballot,
    vote_for,
)

pytestmark = pytest.mark.django_db


def status_of(response) -> object:
    """200/404/…, or "login" for a redirect to the sign-in page."""
    if response.status_code == 302 and response.url.startswith("/accounts/login/"):
        return "login"
    return response.status_code


def statuses(cast, url: str, method: str = "get", data=None) -> dict:
    return {
        who: status_of(getattr(client, method)(url, data or {})) for who, client in cast.items()
    }


def expect(*cells) -> dict:
    return dict(zip(CAST, cells, strict=True))


RIVERSIDE_MEMBERS = expect("login", 404, 200, 404, 200, 404)
# The alliance's pages: members of any group, and the coordinators who run its ballots.
IN_THE_ALLIANCE = expect("login", 404, 200, 200, 200, 200)


@pytest.mark.parametrize(
    "name", ["group_proposals", "group_proposal_create", "group_ballots", "group_decisions"]
)
def test_a_groups_democracy_lists_are_for_its_members_only(cast, riverside, name):
    url = reverse(f"democracy:{name}", kwargs={"slug": "riverside"})
    assert statuses(cast, url) == RIVERSIDE_MEMBERS


@pytest.mark.parametrize(
    "name",
    ["alliance_proposals", "alliance_proposal_create", "alliance_ballots", "alliance_decisions"],
)
def test_the_alliance_lists_are_for_members_of_any_group_and_coordinators(
    cast, riverside, hillside, name
):
    assert statuses(cast, reverse(f"democracy:{name}")) == IN_THE_ALLIANCE


def test_only_riversides_organiser_creates_its_ballots_and_chooses_its_delegates(cast, riverside):
    for name in ("group_ballot_create", "delegates"):
        url = reverse(f"democracy:{name}", kwargs={"slug": "riverside"})
        assert statuses(cast, url) == expect("login", 404, 404, 404, 200, 404)


def test_only_a_coordinator_creates_alliance_ballots(cast, riverside):
    url = reverse("democracy:alliance_ballot_create")
    assert statuses(cast, url) == expect("login", 404, 404, 404, 404, 200)


def test_a_proposal_is_seen_by_its_groups_members_and_a_draft_by_its_proposer(cast, bob, riverside):
    proposal = actions.do_create_proposal(
        group=riverside,
        title="A library of things",
        body="Tools to lend.",
        submit=True,
        acting_user=bob,
    )
    draft = actions.do_create_proposal(
        group=riverside, title="Half an idea", body="…", submit=False, acting_user=bob
    )
    url = reverse("democracy:proposal", args=[proposal.pk])
    assert statuses(cast, url) == RIVERSIDE_MEMBERS
    url = reverse("democracy:proposal", args=[draft.pk])
    assert statuses(cast, url) == expect("login", 404, 200, 404, 404, 404)


def test_a_ballot_page_is_for_the_electorates_scope_and_a_draft_for_organisers(
    cast, alice, riverside
):
    ballot = open_ballot(riverside, alice)
    assert statuses(cast, reverse("democracy:ballot", args=[ballot.pk])) == RIVERSIDE_MEMBERS
    draft = actions.do_create_ballot(
        group=riverside,
        spec=actions.BallotSpec(title="Draft", closes_at=timezone.now() + timedelta(days=3)),
        acting_user=alice,
    )
    assert statuses(cast, reverse("democracy:ballot", args=[draft.pk])) == expect(
        "login", 404, 404, 404, 200, 404
    )


@pytest.mark.parametrize("name", ["results", "ballot_blt"])
def test_results_are_hidden_from_everyone_until_the_close(cast, alice, bob, riverside, name):
    ballot = open_ballot(riverside, alice, method="irv", options=["Ash", "Birch", "Cedar"])
    vote_for(ballot, bob, ranking=[1, 0])
    url = reverse(f"democracy:{name}", args=[ballot.pk])
    assert statuses(cast, url) == expect("login", 404, 404, 404, 404, 404)
    fast_forward_past_deadline(ballot)
    assert statuses(cast, url) == RIVERSIDE_MEMBERS


def test_a_cancelled_ballot_never_has_results(cast, alice, riverside):
    ballot = open_ballot(riverside, alice)
    actions.check_cancel_ballot(ballot, acting_user=alice)
    url = reverse("democracy:results", args=[ballot.pk])
    assert statuses(cast, url) == expect("login", 404, 404, 404, 404, 404)


def test_the_coordinator_runs_an_alliance_ballot_that_members_of_every_group_vote_in(
    cast, admin, bob, carol
):
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "title": "Conference venue",
        "method": "approval",
        "options": "Leeds\nBristol",
        "seats": "1",
        "quorum": "0",
        "threshold": "1/2",
        "electorate": "alliance",
        "secret": "on",
        "closes_at": closes,
    }
    appoint_tellers(None, admin)
    response = cast["admin"].post(reverse("democracy:alliance_ballot_create"), form)
    ballot = Ballot.objects.get(title="Conference venue")
    assert ballot.group is None and response.url == ballot_url(ballot)
    assert statuses(cast, ballot_url(ballot)) == expect("login", 404, 404, 404, 404, 200)
    cast["admin"].post(reverse("democracy:ballot_open", args=[ballot.pk]))
    assert statuses(cast, ballot_url(ballot)) == IN_THE_ALLIANCE
    for who in ("bob", "carol"):
        assert cast[who].post(ballot_url(ballot), {"approved": ["1"]}).status_code == 302
    assert SealedVote.objects.filter(ballot=ballot).count() == 2


def test_only_the_organiser_opens_or_cancels_a_ballot(cast, alice, riverside):
    appoint_tellers(riverside, alice)
    draft = actions.do_create_ballot(
        group=riverside,
        spec=actions.BallotSpec(title="Draft", closes_at=timezone.now() + timedelta(days=3)),
        acting_user=alice,
    )
    for name in ("ballot_open", "ballot_cancel"):
        url = reverse(f"democracy:{name}", args=[draft.pk])
        refused = {who: cast[who] for who in ("anon", "dan", "bob", "carol", "admin")}
        assert set(statuses(refused, url, "post").values()) <= {"login", 404}
    draft.refresh_from_db()
    assert draft.status == Ballot.Status.DRAFT
    response = cast["alice"].post(reverse("democracy:ballot_open", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Ballot.Status.OPEN
