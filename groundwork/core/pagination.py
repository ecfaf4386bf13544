"""Paginators for national-scale lists, where an exact COUNT(*) costs more than the page itself."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, cast

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import cached_property


class CountsItself(Protocol):
    """A list written out in SQL (events.queries.EventCards): it counts its rows as far as
    asked, and reads a slice of them."""

    def count_up_to(self, limit: int) -> int: ...

    def __getitem__(self, window: slice) -> list[Any]: ...


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, so the count stops early however long the list is.

    Past the cap the page says "more than N" and offers a narrower search: nobody reads the
    41st page of upcoming events, and counting 20,000 of them on every request would make the
    list several times slower than the page it shows.
    """

    default_cap = 1000
    # A queryset or a list that counts itself (Django's stubs know only the first kind).
    object_list: Any

    def __init__(
        self,
        object_list: "QuerySet[Any] | CountsItself",
        per_page: int,
        *,
        cap: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(cast(Any, object_list), per_page, **kwargs)
        self.cap = self.default_cap if cap is None else cap

    @cached_property
    def counted(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return self.object_list.count_up_to(self.cap + 1)
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


# No list is read past this row: an offset beyond it is more than a database integer holds.
FURTHEST_ROW = 2**31 - 1


def counted_page(
    asked: str | None, per_page: int, read: Callable[[int], tuple[list[Any], int]]
) -> Page:
    """The page `?page=` asks for (`asked`), as `Paginator.get_page` reads it (past the end: the
    last page; nonsense: the first), of a list that `read(number)` reads a page at a time with
    its length: (the rows of page `number`, counted from 1, and how many rows there are), in one
    query (`COUNT(*) OVER ()`, or ids kept with their count). One reading for the page asked,
    a second only for a number past the end (or two, when that page read nothing to count)."""
    number = int(asked) if asked and asked.isdigit() and int(asked) > 0 else 1
    if (number - 1) * per_page > FURTHEST_ROW:  # past the end of any list; its offset, an error
        number = 1
    rows, found = read(number)
    if not rows and number > 1:  # past the end: nothing was read, nor counted
        rows, found = read(1)
        number = 1
    # A page of the numbers 0…found-1 answers what the templates ask of it without the rows.
    page = Paginator(range(found), per_page).get_page(asked)
    if page.number != number:
        rows, _found = read(page.number)
    page.object_list = rows
    return page


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


def ordered_page(
    queryset: QuerySet[Any],
    *,
    ordering: Sequence[str],
    per_page: int,
    after: int | None = None,
    before: int | None = None,
    from_end: bool = False,
) -> KeyedPage:
    """The page of `queryset` in `ordering` that follows the row whose primary key is `after`
    or precedes the row `before` (edges of the neighbouring page), or the last page
    (`from_end`), or else the first: `keyed_page` for an order of several fields (two or more
    order_by names, none nullable, the last one unique such as "pk"), keyed by primary keys
    (a `values()` queryset gives "pk" among its values).
    An edge row that is no longer in the list reads as no key at all."""
    anchor = after if after is not None else before
    values = None
    if anchor is not None:
        names = [field.lstrip("-") for field in ordering]
        values = queryset.order_by().filter(pk=anchor).values_list(*names).first()
    if values is None:
        anchor = None
    backwards = (after is None) if anchor is not None else from_end
    order = [_reversed(field) for field in ordering] if backwards else list(ordering)
    rows = _rows(queryset, order, values, per_page + 1)
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    if not rows and anchor is not None:
        # Past an edge (the rows after it are gone): that end of the list instead.
        return ordered_page(queryset, ordering=ordering, per_page=per_page, from_end=not backwards)
    return KeyedPage(
        rows,
        has_previous=more if backwards else anchor is not None,
        has_next=anchor is not None if backwards else more,
        first_key=_key_of(rows[0]) if rows else "",
        last_key=_key_of(rows[-1]) if rows else "",
    )


def _key_of(row: Any) -> str:
    """A row's primary key: an instance's, or a `values()` row's "pk"."""
    return str(row["pk"] if isinstance(row, dict) else row.pk)


def _rows(
    queryset: QuerySet[Any], order: list[str], values: tuple[Any, ...] | None, limit: int
) -> list[Any]:
    """Up to `limit` rows in `order` after the row whose sort key is `values` (or from the start).

    The first field parts the list into runs of equal value (a role: organisers, then members);
    the anchor's run is read on its own, so that an index on (…, first, rest…) seeks to the
    anchor whatever the fields' directions, and the runs after it only when that one runs out.
    """
    if values is None:
        return list(queryset.order_by(*order)[:limit])
    rows = list(queryset.filter(_after_in_run(order, values)).order_by(*order[1:])[:limit])
    if len(rows) < limit:
        later = Q(**{_past(order[0]): values[0]})
        rows += queryset.filter(later).order_by(*order)[: limit - len(rows)]
    return rows


def _reversed(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _past(field: str) -> str:
    """The lookup of the values that come after a value of `field` in its direction."""
    return f"{field[1:]}__lt" if field.startswith("-") else f"{field}__gt"


def _after_in_run(order: list[str], values: tuple[Any, ...]) -> Q:
    """Rows of the anchor's run (equal first field) after it: (b > y) or (b = y and c > z) …,
    bounded by b >= y as well, which the index can seek to (the alternatives it cannot)."""
    first, second = order[0].lstrip("-"), order[1]
    bound = f"{second[1:]}__lte" if second.startswith("-") else f"{second}__gte"
    later = Q()
    equal: dict[str, Any] = {}
    for field, value in zip(order[1:], values[1:], strict=True):
        later |= Q(**equal, **{_past(field): value})
        equal[field.lstrip("-")] = value
    return Q(**{first: values[0], bound: values[1]}) & later


def page_keys(query: QueryDict) -> dict[str, Any]:
    """`after`, `before` and `from_end` of an `ordered_page` as the address gives them
    (components/keyed_pagination.html writes them); a key that is not a number is left out."""
    return {
        "after": _number(query.get("after")),
        "before": _number(query.get("before")),
        "from_end": "end" in query,
    }


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 19 else None
