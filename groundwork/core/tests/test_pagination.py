"""Paginators that do not count a national table on every request."""

import pytest
from django.http import QueryDict

from groundwork.core.models import AuditEntry
from groundwork.core.pagination import CappedPaginator, CountedPaginator, ordered_page, page_keys

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


# --- ordered_page: a list in the order of several fields, read by the keys of its edges ---------

ORDER = ("-verb", "target_label", "-target_id", "pk")


@pytest.fixture
def ordered():
    """29 rows in three runs of a descending field, with names that tie and ids that break ties."""
    AuditEntry.objects.bulk_create(
        AuditEntry(verb=verb, target_label=f"name {n % 4}", target_id=str(n % 3))
        for n in range(29)
        for verb in ["b.run" if n < 5 else "a.run" if n < 25 else "c.run"]
    )
    return list(AuditEntry.objects.order_by(*ORDER))


def walk(per_page: int, *, backwards: bool = False) -> list[list[int]]:
    """The pages' primary keys, following next links from the first page (previous links from
    the last one, listed in the list's order)."""
    entries = AuditEntry.objects.all()
    page = ordered_page(entries, ordering=ORDER, per_page=per_page, from_end=backwards)
    pages = [[row.pk for row in page.object_list]]
    while page.has_previous if backwards else page.has_next:
        before, after = (int(page.first_key), None) if backwards else (None, int(page.last_key))
        page = ordered_page(entries, ordering=ORDER, per_page=per_page, after=after, before=before)
        pages.append([row.pk for row in page.object_list])
    return pages[::-1] if backwards else pages


@pytest.mark.parametrize("per_page", [1, 4, 5, 7, 29, 50])
def test_next_links_reach_every_row_once_in_order(ordered, per_page):
    pages = walk(per_page)
    assert [pk for page in pages for pk in page] == [row.pk for row in ordered]
    assert all(len(page) == per_page for page in pages[:-1])


@pytest.mark.parametrize("per_page", [1, 4, 5, 7, 29, 50])
def test_previous_links_from_the_last_page_reach_every_row_once_in_order(ordered, per_page):
    pages = walk(per_page, backwards=True)
    assert [pk for page in pages for pk in page] == [row.pk for row in ordered]
    assert all(len(page) == per_page for page in pages[1:])


def test_the_first_and_last_pages_say_which_way_there_is_more(ordered):
    first = ordered_page(AuditEntry.objects.all(), ordering=ORDER, per_page=10)
    last = ordered_page(AuditEntry.objects.all(), ordering=ORDER, per_page=10, from_end=True)
    assert (first.has_previous, first.has_next) == (False, True)
    assert (last.has_previous, last.has_next) == (True, False)
    assert [row.pk for row in last.object_list] == [row.pk for row in ordered[-10:]]


def test_an_edge_row_that_is_gone_reads_as_the_start_and_one_past_the_end_as_the_end(ordered):
    entries = AuditEntry.objects.all()
    gone = ordered[10].pk
    AuditEntry.objects.filter(pk=gone).delete()
    for after, before in ((gone, None), (None, gone)):
        page = ordered_page(entries, ordering=ORDER, per_page=5, after=after, before=before)
        assert page.object_list[0].pk == ordered[0].pk and not page.has_previous
    page = ordered_page(entries, ordering=ORDER, per_page=5, after=ordered[-1].pk)
    assert [row.pk for row in page.object_list] == [row.pk for row in ordered[-5:]]


def test_a_page_after_an_edge_is_read_in_two_queries_and_three_at_the_end_of_a_run(
    ordered, django_assert_num_queries
):
    entries = AuditEntry.objects.all()
    with django_assert_num_queries(2):  # the edge row's values, the page
        ordered_page(entries, ordering=ORDER, per_page=3, after=ordered[10].pk)
    with django_assert_num_queries(3):  # and the next run's first rows
        ordered_page(entries, ordering=ORDER, per_page=3, after=ordered[3].pk)


def test_page_keys_read_numbers_only():
    assert page_keys(QueryDict("after=12&end")) == {"after": 12, "before": None, "from_end": True}
    assert page_keys(QueryDict("after=x&before=-3")) == {
        "after": None,
        "before": None,
        "from_end": False,
    }
