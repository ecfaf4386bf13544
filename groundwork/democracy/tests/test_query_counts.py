"""What each democracy page costs: the same number of queries at 1, 10 and 100 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.democracy import actions
from groundwork.democracy.models import Comment
from groundwork.democracy.tests.conftest import ballot_url
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("method", ["irv", "approval"])
def test_the_ballot_page_asks_the_same_number_of_questions_at_1_10_and_100_options(
    alice, bob, riverside, method
):
    counts = {}
    for size in (1, 10, 100):
        labels = [f"Candidate {n:03d}" for n in range(size + 1)]
        ballot = open_ballot(riverside, alice, method=method, options=labels)
        counts[size], html = count_queries(client_for(bob), ballot_url(ballot))
        assert labels[-1] in html
    assert counts[1] == counts[10] == counts[100], counts


def test_the_results_page_asks_the_same_number_of_questions_at_1_10_and_100_votes(alice, riverside):
    counts = {}
    for size in (1, 10, 100):
        voters = [UserFactory() for _ in range(size)]
        for voter in voters:
            join(riverside, voter)
        ballot = open_ballot(
            riverside, alice, method="stv-meek", options=["Ash", "Birch", "Cedar"], seats=2
        )
        for index, voter in enumerate(voters):
            vote_for(ballot, voter, ranking=[index % 3, (index + 1) % 3])
        fast_forward_past_deadline(ballot)
        counts[size], html = count_queries(
            client_for(alice), reverse("democracy:results", args=[ballot.pk])
        )
        assert html.count('class="receipt-cell"') == min(size, 50)  # 50 to a page
        # The last page of the counted votes is read by key: no more questions than the first.
        last, _ = count_queries(
            client_for(alice), reverse("democracy:results", args=[ballot.pk]) + "?end"
        )
        assert last == counts[size]
    assert counts[1] == counts[10] == counts[100], counts


def test_the_proposal_page_asks_the_same_number_of_questions_at_1_10_and_100_comments(
    alice, bob, riverside
):
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )
    counts, have = {}, 0
    for size in (1, 10, 100):
        for n in range(have, size):
            # Replies to the latest comment: its thread is on the page shown first.
            parent = Comment.objects.order_by("id").last() if n % 2 else None
            actions.do_comment(proposal, body=f"Comment {n}", parent=parent, acting_user=alice)
            actions.do_propose_amendment(
                proposal, summary=f"Amendment {n}", new_body=f"Text {n}", acting_user=alice
            )
        have = size
        counts[size], html = count_queries(
            client_for(bob), reverse("democracy:proposal", args=[proposal.pk])
        )
        assert f"Comment {size - 1}" in html and f"Amendment {size - 1}" in html
    assert counts[1] == counts[10] == counts[100], counts


def test_the_proposal_list_asks_the_same_number_of_questions_at_1_10_and_100_proposals(
    alice, bob, riverside
):
    counts = {}
    made = 0
    for size in (1, 10, 100):
        for n in range(made, size):
            actions.do_create_proposal(
                group=riverside, title=f"Proposal {n:03d}", body="…", submit=True, acting_user=bob
            )
        made = size
        url = reverse("democracy:group_proposals", args=[riverside.slug])
        counts[size], html = count_queries(client_for(alice), url)
        assert f"Proposal {size - 1:03d}" in html
    assert counts[1] == counts[10] == counts[100], counts
