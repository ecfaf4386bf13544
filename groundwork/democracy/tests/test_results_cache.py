"""The results page keeps what every reader sees alike (the count, a page of trackers, a page of
votes) rendered in the cache once the ballot has closed (views/results.py): nothing of it exists
before the close, each reader still gets their own tracker, and a roll-call ballot's voters'
names are never served from a stored copy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.core.audit import values_of
from groundwork.democracy.models import CastVote
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.members.actions import PROFILE_FIELDS, do_update_profile, profile_of

pytestmark = pytest.mark.django_db


def read(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_each_reader_gets_their_own_tracker_from_the_stored_results(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, method="approval", options=["Ash", "Birch"])
    alice_tracker = vote_for(ballot, alice, approved=[0])
    bob_tracker = vote_for(ballot, bob, approved=[1])
    fast_forward_past_deadline(ballot)
    url = reverse("democracy:results", args=[ballot.pk])
    first, alice_page = read(client_for(alice), url)
    second, bob_page = read(client_for(bob), url)
    assert second < first  # the count and the lists came from the cache
    assert f"Your tracker {alice_tracker} is in the list" in alice_page
    assert f"Your tracker {bob_tracker} is in the list" in bob_page
    assert f"Your tracker {alice_tracker}" not in bob_page
    # Both pages list both trackers and both votes, alike.
    for page in (alice_page, bob_page):
        assert str(alice_tracker) in page and str(bob_tracker) in page
        assert page.count('class="receipt-cell"') == 2 and "Birch" in page


def test_a_searched_tracker_is_answered_for_each_search(alice, bob, riverside):
    ballot = open_ballot(riverside, alice)
    tracker = vote_for(ballot, bob, choice="yes")
    fast_forward_past_deadline(ballot)
    url = reverse("democracy:results", args=[ballot.pk])
    client = client_for(alice)
    read(client, url)
    _, found = read(client, f"{url}?tracker={tracker}")
    _, missing = read(client, f"{url}?tracker=AAAA-BBBB")
    assert f"The tracker {tracker} is in the list" in found
    assert "No sealed vote has the tracker AAAA-BBBB" in missing


def test_each_page_of_votes_is_kept_apart(alice, riverside):
    voters = [UserFactory() for _ in range(60)]
    for voter in voters:
        join(riverside, voter)
    ballot = open_ballot(riverside, alice)
    for number, voter in enumerate(voters):
        vote_for(ballot, voter, choice="yes" if number % 2 else "no")
    fast_forward_past_deadline(ballot)
    url = reverse("democracy:results", args=[ballot.pk])
    client = client_for(alice)
    _, first = read(client, url)
    _, last = read(client, f"{url}?end")
    # The last page of votes (the last 50) links back; the first only on. The trackers stay on
    # their first page in both.
    assert 'rel="prev"' not in first and last.count('rel="prev"') == 1
    assert first.count('rel="next"') == 2 and last.count('rel="next"') == 1
    assert first.count('class="receipt-cell"') == last.count('class="receipt-cell"') == 50


def test_nothing_is_shown_or_stored_before_the_close(alice, bob, riverside):
    ballot = open_ballot(riverside, alice)
    vote_for(ballot, bob, choice="yes")
    url = reverse("democracy:results", args=[ballot.pk])
    assert client_for(alice).get(url).status_code == 404
    fast_forward_past_deadline(ballot)
    _, page = read(client_for(alice), url)
    assert "Carried." in page or "Not decided" in page


def test_a_roll_call_voters_new_name_shows_at_the_next_request(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, secret=False)
    vote_for(ballot, bob, choice="yes")
    fast_forward_past_deadline(ballot)
    assert CastVote.objects.filter(ballot=ballot, voter=bob).exists()
    url = reverse("democracy:results", args=[ballot.pk])
    client = client_for(alice)
    _, before = read(client, url)
    values = values_of(profile_of(bob), PROFILE_FIELDS)
    do_update_profile(bob, display_name="Robert", values=values, acting_user=bob)
    _, after = read(client, url)
    assert "<td>Bob</td>" in before and "<td>Robert</td>" in after
