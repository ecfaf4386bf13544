"""What a library search finds is kept (queries.LIBRARY_SEARCHES) for each search and kind of
reader: a search asked again is not ranked again, finds what was added, changed or removed since
(each action renews the searches once it commits), and a reader never gets what another kind of
reader was found. On SQLite and PostgreSQL alike."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groundwork.resources import actions, queries
from groundwork.resources.actions import ResourceInput
from groundwork.resources.models import Resource
from groundwork.resources.tests.factories import add_resource, fork_into

pytestmark = pytest.mark.django_db


def found(user, text: str, **filters) -> tuple[list[str], int]:
    """The titles on the first page of `user`'s search for `text`, and how many it found."""
    ids, count = queries.ranked_page(user, text=text, number=1, per_page=20, **filters)
    titles = Resource.objects.in_bulk(ids)
    return [titles[pk].title for pk in ids], count


@pytest.fixture
def housing(riverside, hillside, bob, carol):
    add_resource(riverside, bob, title="Council housing campaign guide", tags=("housing",))
    add_resource(hillside, carol, title="Hillside housing rota", scope="group", tags=("housing",))
    add_resource(hillside, carol, title="Housing leaflet", scope="public", tags=("housing",))


def test_a_search_asked_again_is_not_ranked_again(housing, bob):
    first = found(bob, "housing")
    with CaptureQueriesContext(connection) as captured:
        again = queries.ranked_page(bob, text="housing", number=1, per_page=20)
    assert len(captured) == 0
    assert found(bob, "housing") == first
    assert again[1] == 2


def test_the_next_page_of_a_search_is_read_from_what_was_found(housing, bob):
    whole, count = queries.ranked_page(bob, text="housing", number=1, per_page=20)
    with CaptureQueriesContext(connection) as captured:
        pages = [queries.ranked_page(bob, text="housing", number=n, per_page=1) for n in (1, 2, 3)]
    assert len(captured) == 0
    assert pages == [([whole[0]], count), ([whole[1]], count), ([], count)]


def test_a_search_finds_a_resource_added_since_it_was_asked(
    housing, riverside, bob, django_capture_on_commit_callbacks
):
    assert found(bob, "housing")[1] == 2
    with django_capture_on_commit_callbacks(execute=True):
        add_resource(riverside, bob, title="Housing survey form", tags=("housing",))
    titles, count = found(bob, "housing")
    assert count == 3 and "Housing survey form" in titles


def test_a_search_finds_a_resource_by_its_new_words(
    housing, bob, django_capture_on_commit_callbacks
):
    assert found(bob, "tenants") == ([], 0)
    resource = Resource.objects.get(title="Council housing campaign guide")
    with django_capture_on_commit_callbacks(execute=True):
        actions.check_update_resource(
            resource, data=ResourceInput(title="Tenants' union starter kit"), acting_user=bob
        )
    assert found(bob, "tenants") == (["Tenants' union starter kit"], 1)


def test_a_search_finds_a_fork_made_since(
    housing, riverside, alice, django_capture_on_commit_callbacks
):
    assert found(alice, "housing", group=riverside)[1] == 1
    original = Resource.objects.get(title="Housing leaflet")
    with django_capture_on_commit_callbacks(execute=True):
        fork_into(original, riverside, alice)
    assert found(alice, "housing", group=riverside)[1] == 2


def test_a_search_no_longer_finds_a_removed_resource(
    housing, bob, django_capture_on_commit_callbacks
):
    assert found(bob, "housing")[1] == 2
    resource = Resource.objects.get(title="Housing leaflet")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_delete_resource(resource, acting_user=bob)
    assert found(bob, "housing") == (["Council housing campaign guide"], 1)


def test_a_group_only_resource_found_for_its_members_is_never_given_to_others(
    housing, bob, carol, dan, admin
):
    """Carol (Hillside) searches first; then Bob (Riverside), Dan (in no group), a coordinator
    and someone signed out ask the same: none of them gets Hillside's own rota."""
    assert "Hillside housing rota" in found(carol, "housing")[0]
    for reader in (bob, dan, admin, AnonymousUser()):
        titles, count = found(reader, "housing")
        assert "Hillside housing rota" not in titles and count == len(titles)
    assert found(dan, "housing") == (["Housing leaflet"], 1)
    assert found(AnonymousUser(), "housing") == (["Housing leaflet"], 1)


def test_readers_in_the_same_groups_share_what_was_found(housing, hillside, carol, dan):
    hillside.memberships.create(user=dan)
    carols = found(carol, "housing")
    with CaptureQueriesContext(connection) as captured:
        queries.ranked_page(dan, text="housing", number=1, per_page=20)
    assert len(captured) == 1  # Dan's roles; the ranking is the one found for Carol
    assert found(dan, "housing") == carols


def browsed(user, **filters) -> tuple[list[str], int, bool]:
    """The titles on the first page of `user`'s library with no words, how many it counts, and
    whether it says there are more than its pages reach."""
    page, more = queries.library_page(user, asked=None, per_page=20, **filters)
    return [resource.title for resource in page.object_list], page.paginator.count, more


def test_browsing_is_kept_too_and_shows_what_was_added_changed_or_removed_since(
    housing, riverside, bob, django_capture_on_commit_callbacks
):
    """Browsing the library (no words) keeps the newest ids like a search: the next page costs
    only its cards, and each action that adds, changes or removes a resource renews them."""
    first = browsed(bob)
    assert first[0] == ["Housing leaflet", "Council housing campaign guide"] and first[1:] == (
        2,
        False,
    )
    with CaptureQueriesContext(connection) as captured:
        assert browsed(bob) == first
    assert len(captured) == 1  # the cards; Bob's roles are kept on him
    with django_capture_on_commit_callbacks(execute=True):
        add_resource(riverside, bob, title="Rent strike handbook")
    assert browsed(bob)[0] == ["Rent strike handbook", *first[0]]
    guide = Resource.objects.get(title="Council housing campaign guide")
    with django_capture_on_commit_callbacks(execute=True):
        actions.check_update_resource(
            guide, data=ResourceInput(title="Council housing guide"), acting_user=bob
        )
    assert browsed(bob)[0] == ["Council housing guide", "Rent strike handbook", "Housing leaflet"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_delete_resource(Resource.objects.get(title="Housing leaflet"), acting_user=bob)
    assert browsed(bob)[:2] == (["Council housing guide", "Rent strike handbook"], 2)


def test_browsing_past_the_limit_says_there_are_more(housing, bob, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_LIMIT", 1)
    queries.LIBRARY_SEARCHES.forget()
    titles, count, more = browsed(bob)
    assert (titles, count, more) == (["Housing leaflet"], 1, True)
