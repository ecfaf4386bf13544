"""The library list, a search and a resource page ask the same number of questions at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.resources.models import Resource
from groundwork.resources.queries import LIBRARY_SEARCHES
from groundwork.resources.tests.factories import add_resource, fork_into

pytestmark = pytest.mark.django_db


def fill(group, author, count: int) -> None:
    Resource.objects.bulk_create(
        Resource(
            group=group,
            created_by=author,
            title=f"Housing guide {number}",
            summary="About housing",
            tag_names="housing, guides",
            scope="alliance",
        )
        for number in range(count)
    )
    LIBRARY_SEARCHES.forget()  # written in bulk, not by the actions that renew the searches


def queries_for(client, url: str, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"q": "housing"}, {"q": "housing", "kind": "guide"}])
def test_the_library_asks_the_same_number_of_questions_at_1_10_and_100(
    riverside, hillside, bob, alice, carol, params
):
    client = client_for(bob)
    counts = []
    for size in (1, 10, 100):
        fill(riverside, bob, size - Resource.objects.count())
        counts.append(queries_for(client, reverse("resources:library"), params))
    assert counts[0] == counts[1] == counts[2], counts
    assert counts[0] <= 8
    if params:  # the same search again: its ids are kept, the ranking query is not asked
        assert queries_for(client, reverse("resources:library"), params) == counts[0] - 1


def test_a_resource_page_asks_the_same_number_of_questions_whatever_its_forks(
    riverside, hillside, bob, alice, carol
):
    original = add_resource(hillside, carol, title="Original", tags=("a", "b", "c"))
    fork = fork_into(original, riverside, alice)
    client = client_for(alice)
    counts = []
    for size in (1, 10, 100):
        fill(riverside, bob, size)
        counts.append(queries_for(client, fork.get_absolute_url()))
        counts.append(queries_for(client, original.get_absolute_url()))
    assert len(set(counts[0::2])) == 1 and len(set(counts[1::2])) == 1, counts
    assert max(counts) <= 10
