"""The shared library of the national-scale dataset, run small: each resource in a scope that a
page filters on, tagged, and found by the library's own search."""

import pytest
from django.contrib.auth.models import AnonymousUser

from groundwork.demo.scale.resources import add_scale_resources
from groundwork.groups.tests.factories import GroupFactory
from groundwork.resources.models import Resource
from groundwork.resources.queries import search_library

pytestmark = pytest.mark.django_db


def test_scale_resources_are_spread_over_the_groups_scopes_and_tags():
    groups = [GroupFactory() for _ in range(3)]
    calls = []
    add_scale_resources(
        group_ids=[group.pk for group in groups],
        resources=30,
        seed=7,
        progress=lambda label, done, total: calls.append((label, done, total)),
    )
    assert Resource.objects.count() == 30 and calls[-1] == ("library", 30, 30)
    assert Resource.objects.filter(group=None).count() == 3  # a tenth: the alliance's own
    assert set(Resource.objects.values_list("scope", flat=True)) == set(Resource.Scope.values)
    for resource in Resource.objects.prefetch_related("tags"):
        assert set(resource.tag_names.split(", ")) == {tag.name for tag in resource.tags.all()}
    # Found by the library's search (indexed on PostgreSQL as the action indexes), public only.
    housing = Resource.objects.filter(scope=Resource.Scope.PUBLIC, tags__name="housing")
    found = search_library(AnonymousUser(), text="housing")
    assert housing.exists()
    assert set(found.values_list("pk", flat=True)) == set(housing.values_list("pk", flat=True))
