"""Cursor pagination for every list of the API: an opaque cursor, a stable order, a `next` link.

    @router.get("/events", response={200: page_of(EventOut), ...}, auth=reads("events"))
    def list_events(request, page: Query[CursorParams]):
        return paginate(request, queries.upcoming_events(request.auth), page)

The list's own order (the query's `order_by`) is kept and made total by the primary key; a page
reads the rows after the last one of the page before it (keyset, no OFFSET), so a walk sees each
row once even when rows are added or removed meanwhile, and a page deep in a long list costs what
the first one does. The cursor is the last row's sort key, signed so that it cannot be forged or
read as another list's; a cursor that does not read answers 422. A row's link to its page is
`core.written.page_link`'s (one `reverse` per route, not per row).
"""

import json
from datetime import datetime, time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import BaseModel, create_model

from groundwork.api.errors import BadCursor

SALT = "groundwork.api.cursor"


class CursorParams(Schema):
    cursor: str | None = Field(
        None, description="The `next` link's cursor; leave out for the first page."
    )
    limit: int = Field(
        settings.GROUNDWORK_API_PAGE_SIZE,
        ge=1,
        le=settings.GROUNDWORK_API_MAX_PAGE_SIZE,
        description="Rows in the page.",
    )


class Page[T](Schema):
    items: list[T]
    next: str | None


def page_of(item: type[BaseModel]) -> type[BaseModel]:
    """The schema of a page of `item`s, named after it ("EventPage")."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(name, __base__=Page[item])  # type: ignore[valid-type]


def ordering_of(queryset: QuerySet[Any]) -> list[str]:
    """The list's order, ended by the primary key so that no two rows tie."""
    fields = [str(field) for field in queryset.query.order_by or queryset.model._meta.ordering]
    if not fields or fields[-1].lstrip("-") not in ("pk", "id"):
        descending = bool(fields) and fields[0].startswith("-")
        fields.append("-pk" if descending else "pk")
    return fields


def paginate(request: HttpRequest, queryset: QuerySet[Any], params: CursorParams) -> dict:
    """One page of `queryset` after `params.cursor`, and the link to the next page (or None)."""
    ordering = ordering_of(queryset)
    queryset = queryset.order_by(*ordering)
    if params.cursor:
        queryset = queryset.filter(_after(ordering, _read(params.cursor, ordering)))
    rows = list(queryset[: params.limit + 1])
    next_link = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        next_link = _link(request, _write(rows[-1], ordering))
    return {"items": rows, "next": next_link}


def _value(row: Any, field: str) -> Any:
    for part in field.lstrip("-").split("__"):
        row = getattr(row, part)
    return row


class _KeyEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder keeps milliseconds: rows a fraction of a
    millisecond after the cursor would be read twice)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _write(row: Any, ordering: list[str]) -> str:
    values = json.loads(json.dumps([_value(row, field) for field in ordering], cls=_KeyEncoder))
    return signing.dumps({"o": ordering, "v": values}, salt=SALT, compress=True)


def _read(cursor: str, ordering: list[str]) -> list[Any]:
    try:
        payload = signing.loads(cursor, salt=SALT)
    except signing.BadSignature:
        raise BadCursor from None
    if not isinstance(payload, dict) or payload.get("o") != ordering:
        raise BadCursor
    values = payload.get("v")
    if not isinstance(values, list) or len(values) != len(ordering) or None in values:
        raise BadCursor
    return values


def _after(ordering: list[str], values: list[Any]) -> Q:
    """Rows after the one whose sort key is `values`: (a > x) or (a = x and b > y) or …"""
    after = Q()
    equal: dict[str, Any] = {}
    for field, value in zip(ordering, values, strict=True):
        name = field.lstrip("-")
        lookup = "lt" if field.startswith("-") else "gt"
        after |= Q(**equal, **{f"{name}__{lookup}": value})
        equal[name] = value
    return after


def _link(request: HttpRequest, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    )
