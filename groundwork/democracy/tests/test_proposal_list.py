"""A group's list of proposals: newest first, 25 a page, each card with its proposer's name."""

import re

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.democracy import actions
from groundwork.democracy.models import Proposal
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


def titles_on(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/proposals/\d+/">([^<]*)</a></h2>', html)


@pytest.fixture
def thirty(bob, riverside) -> list[str]:
    """Thirty proposals of Riverside by Bob, their titles newest first."""
    for n in range(30):
        actions.do_create_proposal(
            group=riverside, title=f"Proposal {n:02d}", body="…", submit=True, acting_user=bob
        )
    return [f"Proposal {n:02d}" for n in reversed(range(30))]


def test_the_list_pages_newest_first_and_a_page_past_the_end_shows_the_last(
    alice, riverside, thirty
):
    client = client_for(alice)
    url = reverse("democracy:group_proposals", args=[riverside.slug])
    first = client.get(url).content.decode()
    assert titles_on(first) == thirty[:25]
    assert "Page 1 of 2" in first and 'href="?page=2" rel="next"' in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert titles_on(second) == thirty[25:]
    assert "Page 2 of 2" in second and 'href="?page=1" rel="prev"' in second
    # As Django's paginator reads them: past the end or below 1, the last page; nonsense, the
    # first. A number no database integer holds is past the end too, not an error.
    cases = (("9", thirty[25:]), ("0", thirty[25:]), ("two", thirty[:25]), ("9" * 25, thirty[25:]))
    for asked, titles in cases:
        assert titles_on(client.get(url, {"page": asked}).content.decode()) == titles, asked


def test_a_card_names_its_proposer_and_a_deleted_account_as_a_former_member(alice, riverside):
    gone = UserFactory(display_name="Gwen")
    join(riverside, gone)
    actions.do_create_proposal(
        group=riverside, title="Bike kitchen", body="…", submit=True, acting_user=gone
    )
    url = reverse("democracy:group_proposals", args=[riverside.slug])
    assert "By Gwen," in client_for(alice).get(url).content.decode()
    gone.delete()
    html = client_for(alice).get(url).content.decode()
    assert "By a former member," in html and titles_on(html) == ["Bike kitchen"]


def test_the_list_shows_ones_own_draft_but_not_anothers(alice, bob, riverside):
    for person, title in ((bob, "Draft by Bob"), (alice, "Draft by Alice")):
        actions.do_create_proposal(
            group=riverside, title=title, body="…", submit=False, acting_user=person
        )
    url = reverse("democracy:group_proposals", args=[riverside.slug])
    assert titles_on(client_for(bob).get(url).content.decode()) == ["Draft by Bob"]
    assert Proposal.objects.filter(status=Proposal.Status.DRAFT).count() == 2


def test_an_empty_list_says_so(alice, riverside):
    html = client_for(alice).get(reverse("democracy:group_proposals", args=[riverside.slug]))
    assert "No proposals yet." in html.content.decode()
