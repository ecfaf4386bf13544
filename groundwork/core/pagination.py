"""Paginators for national-scale lists, where an exact COUNT(*) costs more than the page itself."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
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


@dataclass(frozen=True)
class KeysetPage:
    """One page of a list read newest first by (time, id): its rows, and the key that reads the
    page after it (None on the last page). Nothing is counted and no row is skipped over, so a
    page deep in a long list costs what the first one does."""

    object_list: list[Any]
    next_key: str | None
    is_first: bool


def keyset_page(
    queryset: QuerySet[Any], *, key: str | None, per_page: int, time_field: str
) -> KeysetPage:
    """The rows of `queryset`, newest first, after `key` (a page's `next_key`; a key that does
    not read gives the first page)."""
    queryset = queryset.order_by(f"-{time_field}", "-pk")
    after = _read_key(key)
    if after is not None:
        at, pk = after
        queryset = queryset.filter(
            Q(**{f"{time_field}__lt": at}) | Q(**{time_field: at, "pk__lt": pk})
        )
    rows = list(queryset[: per_page + 1])
    next_key = None
    if len(rows) > per_page:
        rows = rows[:per_page]
        last = rows[-1]
        next_key = f"{getattr(last, time_field).isoformat()}_{last.pk}"
    return KeysetPage(object_list=rows, next_key=next_key, is_first=after is None)


def _read_key(key: str | None) -> tuple[datetime, int] | None:
    at, _, pk = (key or "").rpartition("_")
    try:
        moment = datetime.fromisoformat(at)
        number = int(pk)
    except ValueError:
        return None
    return (moment, number) if timezone.is_aware(moment) else None


@dataclass(frozen=True)
class KeyedPage:
    """One page of a list read in the order of a unique key, reached from the start, from the
    end, or from a neighbouring page's edge. Nothing is counted and no row is skipped over, so
    the last page of 150,000 votes costs what the first does (an OFFSET walks every row before
    it). `first_key` and `last_key` are the keys of the page's own first and last rows."""

    object_list: list[Any]
    has_previous: bool
    has_next: bool
    first_key: str = ""
    last_key: str = ""

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def keyed_page(
    queryset: QuerySet[Any],
    *,
    key: str,
    per_page: int,
    after: Any = None,
    before: Any = None,
    from_end: bool = False,
) -> KeyedPage:
    """The page of `queryset`, in ascending order of the unique field `key`, that follows
    `after` or precedes `before` (keys of rows of the neighbouring page), or the last page
    (`from_end`), or else the first. A key that is not a key of the list reads as an edge of it."""
    backwards = before is not None or (from_end and after is None)
    narrowed = queryset
    if after is not None:
        narrowed = queryset.filter(**{f"{key}__gt": after})
    elif before is not None:
        narrowed = queryset.filter(**{f"{key}__lt": before})
    rows = list(narrowed.order_by(f"-{key}" if backwards else key)[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
        has_previous, has_next = more, before is not None
    else:
        has_previous, has_next = after is not None, more
    if not rows:
        if after is None and before is None:
            return KeyedPage([], has_previous=False, has_next=False)
        # Past an edge (an old address, a key typed by hand): that end of the list instead.
        return keyed_page(queryset, key=key, per_page=per_page, from_end=after is not None)
    return KeyedPage(
        rows,
        has_previous=has_previous,
        has_next=has_next,
        first_key=str(getattr(rows[0], key)),
        last_key=str(getattr(rows[-1], key)),
    )
