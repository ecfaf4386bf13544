"""Paginators for national-scale lists, where an exact COUNT(*) costs more than the page itself."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, so the count stops early however long the list is.

    Past the cap the page says "more than N" and offers a narrower search: nobody reads the
    41st page of upcoming events, and counting 20,000 of them on every request would make the
    list several times slower than the page it shows.
    """

    default_cap = 1000
    object_list: QuerySet[Any]

    def __init__(
        self, object_list: QuerySet[Any], per_page: int, *, cap: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = self.default_cap if cap is None else cap

    @cached_property
    def counted(self) -> int:
        # A sliced queryset counts in a subquery with the LIMIT: SELECT COUNT(*) FROM (… LIMIT n).
        # Any cap+1 rows count the same, so the order goes: without it the database may stop
        # after the first rows of an index-only scan instead of walking the list's sort order.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        """True when there are more rows than the pages reach."""
        return self.counted > self.cap


class CountedPaginator(Paginator):
    """Pages through a list whose length is already known (a stored counter), without counting."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count
