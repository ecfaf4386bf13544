"""The library's cards come from the cache, show every change on the next load, and a search finds
the same resources in the same order however it is asked."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from conftest import client_for
from groundwork.resources import actions, queries
from groundwork.resources.actions import ResourceInput
from groundwork.resources.models import Resource
from groundwork.resources.tests.factories import add_resource, fork_into

pytestmark = pytest.mark.django_db

CARD = "resources/_resource_card.html"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def cards_rendered(response) -> int:
    return sum(1 for template in response.templates if template.name == CARD)


def cards_of(response) -> str:
    html = response.content.decode()
    start = html.find('<ul class="cards resource-cards">')
    return html[start : html.find("\n</ul>", start)]


def library(client, **params) -> str:
    return client.get(reverse("resources:library"), params).content.decode()


def test_each_card_is_rendered_once_and_then_served_from_the_cache(riverside, bob):
    for n in range(3):
        add_resource(riverside, bob, title=f"Guide {n}", tags=("housing",))
    client = client_for(bob)
    first = client.get(reverse("resources:library"))
    again = client.get(reverse("resources:library"))
    assert cards_rendered(first) == 3
    assert cards_rendered(again) == 0
    assert cards_of(again) == cards_of(first) != ""
    # A search shows the same cards, from the cache too.
    assert cards_rendered(client.get(reverse("resources:library"), {"q": "guide"})) == 0


def test_an_edit_shows_on_the_next_load(riverside, bob):
    resource = add_resource(riverside, bob, title="Tenants' meeting guide", tags=("housing",))
    client = client_for(bob)
    assert "Tenants&#x27; meeting guide" in library(client)
    actions.check_update_resource(
        resource,
        data=ResourceInput(title="Running a tenants' meeting", tags=("housing", "tenants")),
        acting_user=bob,
    )
    page = library(client)
    assert "Running a tenants&#x27; meeting" in page and "?tag=tenants" in page


def test_a_fork_shows_in_the_count_of_groups_using_it(riverside, hillside, alice, carol):
    original = add_resource(hillside, carol, title="Library campaign guide")
    client = client_for(alice)
    assert "used by 1 group" not in library(client)
    fork_into(original, riverside, alice)
    assert "used by 1 group" in library(client)


def test_a_change_made_behind_the_actions_back_still_shows(riverside, bob):
    resource = add_resource(riverside, bob, title="Leaflet template")
    client = client_for(bob)
    assert "Leaflet template" in library(client)
    Resource.objects.filter(pk=resource.pk).update(summary="Two sides of A5, ready to print.")
    assert "Two sides of A5, ready to print." in library(client)


def test_a_renamed_group_shows_on_its_cards(riverside, bob):
    add_resource(riverside, bob, title="Stall rota")
    client = client_for(bob)
    assert "From Riverside" in library(client)
    riverside.name = "Riverside and Bermondsey"
    riverside.save()
    assert "From Riverside and Bermondsey" in library(client)


def test_a_group_only_card_in_the_cache_is_not_shown_to_others(riverside, bob, carol, client):
    add_resource(riverside, bob, title="Riverside phone tree", scope=Resource.Scope.GROUP)
    assert "Riverside phone tree" in library(client_for(bob))
    assert "Riverside phone tree" in library(client_for(bob), q="phone")
    assert "Riverside phone tree" not in library(client_for(carol))
    assert "Riverside phone tree" not in library(client_for(carol), q="phone")
    assert "Riverside phone tree" not in library(client, q="phone")


@pytest.fixture
def searchable(riverside, hillside, bob, carol, admin):
    add_resource(riverside, bob, title="Council housing guide", tags=("housing",))
    add_resource(hillside, carol, title="Save our library", body="The council wants it shut.")
    add_resource(None, admin, title="Reading a budget", tags=("council budget",), scope="public")
    add_resource(hillside, carol, title="Hillside housing rota", scope="group", tags=("housing",))
    add_resource(riverside, bob, title="Door-knocking", summary="Council estates first.")


@pytest.mark.parametrize("text", ["council", "housing", "council -housing", "zeppelin"])
def test_the_page_search_finds_what_search_library_finds_in_its_order(searchable, bob, carol, text):
    for user in (bob, carol, AnonymousUser()):
        expected = list(queries.search_library(user, text=text).values_list("pk", flat=True))
        pages = [
            queries.ranked_page(user, text=text, number=number, per_page=2)
            for number in (1, 2, 3, 4)
        ]
        assert [pk for ids, _found in pages for pk in ids] == expected
        assert {found for _ids, found in pages} == {len(expected)}
