"""Coordinators reach the alliance's proposals and ballots from the navigation on every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LINK = f'href="{reverse("democracy:alliance_proposals")}">Alliance votes</a>'


def test_a_coordinator_finds_the_alliance_votes_in_the_navigation(cast):
    page = cast["admin"].get(reverse("members:profile")).content.decode()
    main_nav = page[page.index('aria-label="Main"') : page.index("</nav>")]
    assert LINK in main_nav
    proposals = cast["admin"].get(reverse("democracy:alliance_proposals")).content.decode()
    assert reverse("democracy:alliance_ballots") in proposals


@pytest.mark.parametrize("name", ["bob", "alice", "dan"])
def test_members_and_organisers_are_not_shown_the_coordinators_link(cast, name):
    page = cast[name].get(reverse("members:profile")).content.decode()
    assert LINK not in page
