"""`get_group`, which every group's page reads its group through: one query, every column as the
ORM reads them, the parent's name and address with it, and 404 for a slug of no group."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from groundwork.core.fragments import row_of
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group

pytestmark = pytest.mark.django_db


def test_a_group_is_read_whole_with_its_parents_name_and_address_in_one_query(riverside):
    region = Group.objects.create(name="London Region", slug="london", kind=Group.Kind.REGION)
    Group.objects.filter(pk=riverside.pk).update(parent=region)
    with CaptureQueriesContext(connection) as captured:
        group = get_group("riverside")
        parent = group.parent
        assert parent is not None
        shown = (parent.name, parent.get_absolute_url())
    assert len(captured) == 1
    assert shown == ("London Region", region.get_absolute_url())
    assert row_of(group) == row_of(Group.objects.get(pk=riverside.pk))
    assert group.get_deferred_fields() == set()
    # The parent's other columns are there when asked for (one query more).
    assert parent.created_at == region.created_at


def test_a_group_without_a_parent_asks_nothing_more(riverside):
    with CaptureQueriesContext(connection) as captured:
        assert get_group("riverside").parent is None
    assert len(captured) == 1


def test_a_slug_of_no_group_is_404(riverside):
    with pytest.raises(Http404):
        get_group("nowhere")
