"""The democracy models in the admin: coordinators read the alliance's, and nothing there links a
member to a vote or shows a result before the close."""

import re

import pytest
from django.contrib import admin as django_admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.democracy import actions
from groundwork.democracy.models import Ballot, CastVote, Delegate, Elector, Proposal
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory, join, make_coordinator

pytestmark = pytest.mark.django_db

# Each list, and how its paginator line names the rows.
DEMOCRACY_LISTS = {
    "admin:democracy_groupdemocracysettings_changelist": "group democracy settings",
    "admin:democracy_delegate_changelist": "delegate",
    "admin:democracy_proposal_changelist": "proposal",
    "admin:democracy_ballot_changelist": "ballot",
    "admin:democracy_decision_changelist": "decision",
}
DEMOCRACY_CHANGELISTS = list(DEMOCRACY_LISTS)


def alliance_ballot(admin, **spec) -> Ballot:
    fields = {"title": "Conference venue", "method": "approval", "options": ["Leeds", "Bristol"]}
    return open_ballot(None, admin, electorate="alliance", **fields | spec)


def change_url(ballot: Ballot) -> str:
    return reverse("admin:democracy_ballot_change", args=[ballot.pk])


def test_the_vote_and_elector_tables_are_not_in_the_admin_at_all():
    registered = set(django_admin.site._registry)
    assert CastVote not in registered
    assert Elector not in registered


def test_no_democracy_admin_page_shows_who_voted_or_a_receipt_while_the_ballot_is_open(
    admin, bob, carol
):
    ballot = alliance_ballot(admin)
    receipts = [vote_for(ballot, bob, approved=[0]), vote_for(ballot, carol, approved=[1])]
    client = client_for(admin)
    pages = [reverse(name) for name in DEMOCRACY_CHANGELISTS]
    pages += [change_url(ballot), reverse("admin:democracy_ballot_history", args=[ballot.pk])]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in [*receipts, bob.email, carol.email, bob.display_name, carol.display_name]:
            # As a word: a random CSRF token may hold the letters "Bob".
            assert not re.search(rf"\b{re.escape(secret)}\b", html), f"{url} shows {secret}"


def test_an_open_ballots_turnout_and_result_wait_for_the_close(admin, bob, carol):
    ballot = alliance_ballot(admin)
    vote_for(ballot, bob, approved=[0])
    vote_for(ballot, carol, approved=[0])
    client = client_for(admin)

    html = client.get(change_url(ballot)).content.decode()
    assert "Counted at the close" in html and "Published at the close" in html
    assert "Leeds" in html  # the options are shown, their tallies are not

    fast_forward_past_deadline(ballot)
    html = client.get(change_url(ballot)).content.decode()
    assert "Counted at the close" not in html
    assert "&quot;votes_cast&quot;: 2" in html or '"votes_cast": 2' in html


@pytest.mark.parametrize(
    "lookup", ["votes_cast__gte=2", "cast_votes__isnull=False", "electors__voted_on__isnull=False"]
)
def test_a_hand_made_filter_cannot_probe_an_open_ballots_votes(admin, bob, lookup):
    ballot = alliance_ballot(admin)
    vote_for(ballot, bob, approved=[0])

    response = client_for(admin).get(f"{reverse('admin:democracy_ballot_changelist')}?{lookup}")

    assert response.status_code == 400


def test_the_listed_filters_still_work(admin, bob):
    ballot = alliance_ballot(admin)
    url = reverse("admin:democracy_ballot_changelist")

    html = client_for(admin).get(f"{url}?status__exact=open").content.decode()

    assert ballot.title in html


def test_a_groups_own_ballots_and_proposals_stay_out_of_the_coordinators_admin(
    admin, alice, bob, riverside
):
    ballot = open_ballot(riverside, alice, title="Riverside's treasurer")
    proposal = actions.do_create_proposal(
        group=riverside,
        title="Riverside food bank",
        body="Saturdays.",
        submit=True,
        acting_user=bob,
    )
    client = client_for(admin)

    assert (
        ballot.title
        not in client.get(reverse("admin:democracy_ballot_changelist")).content.decode()
    )
    assert client.get(change_url(ballot)).status_code == 302  # "no such object", back to the list
    proposals = client.get(reverse("admin:democracy_proposal_changelist")).content.decode()
    assert proposal.title not in proposals


def test_the_coordinator_sees_alliance_proposals_but_not_their_drafts(admin, bob):
    actions.do_create_proposal(
        group=None, title="A national day of action", body="In May.", submit=True, acting_user=bob
    )
    actions.do_create_proposal(
        group=None, title="Bob's unfinished idea", body="…", submit=False, acting_user=bob
    )

    html = client_for(admin).get(reverse("admin:democracy_proposal_changelist")).content.decode()

    assert "A national day of action" in html
    assert "Bob&#x27;s unfinished idea" not in html and "Bob's unfinished idea" not in html


def test_nothing_can_be_added_changed_or_deleted_through_the_admin(admin, bob):
    ballot = alliance_ballot(admin)
    client = client_for(admin)

    assert client.get(reverse("admin:democracy_ballot_add")).status_code == 403
    changed = client.post(change_url(ballot), {"title": "Renamed", "status": "closed"})
    deleted = client.post(
        reverse("admin:democracy_ballot_delete", args=[ballot.pk]), {"post": "yes"}
    )

    assert changed.status_code == 403 and deleted.status_code == 403
    ballot.refresh_from_db()
    assert (ballot.title, ballot.status) == ("Conference venue", Ballot.Status.OPEN)


def test_a_superuser_cannot_delete_a_ballot_either(admin, bob):
    ballot = alliance_ballot(admin)
    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    make_coordinator(root)  # for the two-factor the admin asks of everyone

    response = client_for(root).post(
        reverse("admin:democracy_ballot_delete", args=[ballot.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Ballot.objects.filter(pk=ballot.pk).exists()


def test_the_coordinator_sees_who_the_groups_delegates_are(admin, alice, bob, riverside):
    actions.do_set_delegates(riverside, user_ids=[bob.pk], acting_user=alice)

    html = client_for(admin).get(reverse("admin:democracy_delegate_changelist")).content.decode()

    assert bob.display_name in html and "Riverside" in html


def grow(n: int, admin, alice, riverside) -> None:
    """Bring every democracy list in the admin up to n rows."""
    from groundwork.democracy.models import GroupDemocracySettings
    from groundwork.groups.tests.factories import GroupFactory

    while Ballot.objects.filter(group=None).count() < n:
        ballot = alliance_ballot(admin, title=f"Alliance ballot {Ballot.objects.count():03d}")
        fast_forward_past_deadline(ballot)
    while Proposal.objects.filter(group=None).count() < n:
        member = UserFactory()
        join(riverside, member)
        actions.do_create_proposal(
            group=None, title="Proposal", body="Text.", submit=True, acting_user=member
        )
        Delegate.objects.create(group=riverside, user=member)
    while GroupDemocracySettings.objects.count() < n:
        GroupDemocracySettings.objects.create(group=GroupFactory())


@pytest.mark.parametrize("name", DEMOCRACY_CHANGELISTS)
def test_each_list_asks_the_same_number_of_questions_at_1_10_and_100_rows(
    name, admin, alice, riverside
):
    client, counts = client_for(admin), {}
    for size in (1, 10, 100):
        grow(size, admin, alice, riverside)
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse(name))
        assert response.status_code == 200
        # The paginator's line: "1 ballot", "10 ballots".
        assert f"{size} {DEMOCRACY_LISTS[name]}" in response.content.decode()
        counts[size] = len(context.captured_queries)
    assert counts[1] == counts[10] == counts[100], counts
