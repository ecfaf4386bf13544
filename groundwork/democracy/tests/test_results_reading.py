"""Results read plainly: whole votes without decimals, one statement of who won, and the ballot
list marks the ballots the member has voted in, at a fixed cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.democracy.views.results import shown_votes
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("12.00000", "12"),
        ("12.50000", "12.5"),
        ("3.33334", "3.33334"),
        ("0.00000", "0"),
        ("7", "7"),
        ("", ""),
    ],
)
def test_counts_show_decimals_only_where_the_votes_are_not_whole(stored, shown):
    assert shown_votes(stored) == shown


def voters(riverside, size: int) -> list:
    people = [UserFactory() for _ in range(size)]
    for person in people:
        join(riverside, person)
    return people


def results_page(client, ballot) -> str:
    return client.get(reverse("democracy:results", args=[ballot.pk])).content.decode()


def test_an_stv_count_shows_whole_votes_as_whole_numbers(alice, riverside):
    people = voters(riverside, 6)
    ballot = open_ballot(
        riverside, alice, method="stv-meek", options=["Ash", "Birch", "Cedar"], seats=2
    )
    for index, person in enumerate(people):
        vote_for(ballot, person, ranking=[index % 3, (index + 1) % 3])
    fast_forward_past_deadline(ballot)
    page = results_page(client_for(alice), ballot)
    cells = re.findall(r'<td class="number">([^<]*)</td>', page)
    assert cells and "2" in cells
    assert not [cell for cell in cells if re.fullmatch(r"\d+\.0+", cell)], cells


def test_an_approval_ballot_says_one_thing_about_who_wins(alice, riverside):
    people = voters(riverside, 3)
    ballot = open_ballot(riverside, alice, method="approval", options=["Leeds", "Bristol", "York"])
    for person, approved in zip(people, [[0, 1], [0], [1, 0]], strict=True):
        vote_for(ballot, person, approved=approved)
    fast_forward_past_deadline(ballot)
    page = results_page(client_for(alice), ballot)
    outcome = page.split('id="outcome-heading"')[1].split("</section>")[0]
    assert "Leeds wins, with the most approvals: 3." in outcome
    assert "Elected" not in page and "Excluded" not in page


def ballot_list(client, riverside) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("democracy:group_ballots", args=[riverside.slug]))
    return len(queries.captured_queries), response.content.decode()


def test_the_ballot_list_marks_the_ballots_bob_voted_in(alice, bob, riverside):
    voted, not_voted = open_ballot(riverside, alice, title="Voted"), open_ballot(riverside, alice)
    vote_for(voted, bob, choice="yes")
    _, page = ballot_list(client_for(bob), riverside)
    assert page.count("You voted") == 1
    card = page.split(">Voted</a>")[1].split("</li>")[0]
    assert "You voted" in card
    _, alices = ballot_list(client_for(alice), riverside)
    assert "You voted" not in alices and not_voted.title in alices


def test_the_ballot_list_costs_the_same_at_1_10_and_20_ballots(alice, bob, riverside):
    counts = {}
    made = 0
    for size in (1, 10, 20):
        while made < size:
            ballot = open_ballot(riverside, alice, title=f"Ballot {made}")
            vote_for(ballot, bob, choice="yes")
            made += 1
        counts[size], page = ballot_list(client_for(bob), riverside)
        assert page.count("You voted") == size
    assert counts[1] == counts[10] == counts[20], counts
