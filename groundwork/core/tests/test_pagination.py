"""Paginators that do not count a national table on every request."""

import pytest

from groundwork.core.models import AuditEntry
from groundwork.core.pagination import CappedPaginator, CountedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    AuditEntry.objects.bulk_create(AuditEntry(verb=f"test.{n}") for n in range(30))
    return AuditEntry.objects.order_by("pk")


def test_under_the_cap_the_count_is_exact(entries):
    paginator = CappedPaginator(entries, 10, cap=50)
    assert (paginator.count, paginator.num_pages, paginator.capped) == (30, 3, False)


def test_over_the_cap_the_pages_stop_at_the_cap_and_say_so(entries):
    paginator = CappedPaginator(entries, 10, cap=25)
    assert (paginator.count, paginator.num_pages, paginator.capped) == (25, 3, True)
    assert [e.verb for e in paginator.page(3).object_list] == [f"test.{n}" for n in range(20, 25)]


def test_the_capped_count_is_one_limited_query(entries, django_assert_num_queries):
    paginator = CappedPaginator(entries, 10, cap=25)
    with django_assert_num_queries(1) as captured:
        assert paginator.count == 25
    assert "LIMIT" in captured.captured_queries[0]["sql"].upper()


def test_a_known_count_is_trusted_without_a_query(entries, django_assert_num_queries):
    paginator = CountedPaginator(entries, 10, count=30)
    with django_assert_num_queries(0):
        assert paginator.num_pages == 3
