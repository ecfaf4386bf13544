"""The shared library (/api/v1/resources/), read-only, scoped as its pages scope it: public
resources for anyone, the alliance's for members of any group, a group's for its members
(`resources_visible_to`, `get_resource_for`)."""

from datetime import datetime
from typing import Any

from ninja import Query, Router, Schema

from groundwork.api.backends import ApiRequest, reads
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.api.pagination import CursorParams, page_of, paginate
from groundwork.groups.queries import get_group
from groundwork.resources import queries
from groundwork.resources.models import Resource

router = Router(tags=["resources"])

ERRORS: dict[int, Any] = dict.fromkeys(CLIENT_ERRORS, Problem)


class ResourceOut(Schema):
    id: int
    group: str | None
    kind: str
    scope: str
    title: str
    summary: str
    link: str
    tags: list[str]
    has_attachment: bool
    forked_from: int | None
    used_by_count: int
    created_at: datetime
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_group(resource: Resource) -> str | None:
        return resource.group.slug if resource.group is not None else None

    @staticmethod
    def resolve_tags(resource: Resource) -> list[str]:
        # tag_names is the tags joined, kept by the actions: no query per row.
        return [name.strip() for name in resource.tag_names.split(",") if name.strip()]

    @staticmethod
    def resolve_has_attachment(resource: Resource) -> bool:
        return bool(resource.attachment)

    @staticmethod
    def resolve_forked_from(resource: Resource) -> int | None:
        return resource.forked_from_id

    @staticmethod
    def resolve_url(resource: Resource, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(resource.get_absolute_url())


class ResourceDetailOut(ResourceOut):
    body: str


class LibraryFilters(Schema):
    kind: Resource.Kind | None = None
    tag: str = ""
    group: str = ""


@router.get("", response={200: page_of(ResourceOut), **ERRORS}, auth=reads("resources"))
def list_resources(
    request: ApiRequest, page: Query[CursorParams], filters: Query[LibraryFilters]
) -> Any:
    """The library as the caller may see it, newest first; by kind, tag or group (slug)."""
    group = get_group(filters.group) if filters.group else None
    resources = queries.search_library(
        request.auth, kind=filters.kind or "", tag=filters.tag, group=group
    ).order_by("-created_at", "-id")
    return paginate(request, resources, page)


@router.get(
    "/{int:resource_id}", response={200: ResourceDetailOut, **ERRORS}, auth=reads("resources")
)
def get_resource(request: ApiRequest, resource_id: int) -> Any:
    """One resource the caller may see, or 404."""
    return queries.get_resource_for(request.auth, resource_id)
