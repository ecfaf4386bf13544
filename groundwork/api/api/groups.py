"""Groups: the directory and one group, as on the pages; the member list for its organisers."""

from datetime import datetime

from ninja import Field, Query, Router, Schema

from groundwork.api.backends import ApiRequest, reads
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.api.pagination import CursorParams, page_of, paginate
from groundwork.core.access import check_access
from groundwork.core.written import page_link
from groundwork.groups import queries
from groundwork.groups.models import Group, Membership

router = Router(tags=["groups"])
ERRORS = dict.fromkeys(CLIENT_ERRORS, Problem)


class GroupOut(Schema):
    slug: str
    name: str
    kind: str
    area_name: str
    join_policy: str
    member_count: int
    parent: str | None = None
    url: str

    @staticmethod
    def resolve_parent(group: Group) -> str | None:
        parent = group.parent
        return parent.slug if parent is not None else None

    @staticmethod
    def resolve_url(group: Group) -> str:
        return page_link("groups:detail", slug=group.slug)


class GroupDetailOut(GroupOut):
    description: str
    postcode_districts: list[str]
    organisers: list[str]

    @staticmethod
    def resolve_postcode_districts(group: Group) -> list[str]:
        return list(
            group.postcode_districts.order_by("district").values_list("district", flat=True)
        )

    @staticmethod
    def resolve_organisers(group: Group) -> list[str]:
        return [membership.user.name for membership in queries.organisers_of(group)]


class MemberOut(Schema):
    """What the group's member page shows its organisers, no more."""

    name: str
    pronouns: str
    email: str | None
    role: str
    joined_at: datetime

    @staticmethod
    def resolve_name(membership: Membership) -> str:
        return membership.user.name

    @staticmethod
    def resolve_pronouns(membership: Membership) -> str:
        profile = getattr(membership.user, "profile", None)
        return profile.pronouns if profile is not None and profile.show_pronouns else ""

    @staticmethod
    def resolve_email(membership: Membership) -> str | None:
        # Shared with the organisers only if the member allowed it, as on the page.
        profile = getattr(membership.user, "profile", None)
        return membership.user.email if profile and profile.allow_organiser_contact else None


class DirectoryFilters(Schema):
    search: str = Field(
        "", max_length=100, description="A name, an area, or a postcode (or its district)."
    )


@router.get("", response={200: page_of(GroupOut), **ERRORS}, auth=reads("groups"))
def list_groups(
    request: ApiRequest, filters: Query[DirectoryFilters], page: Query[CursorParams]
) -> dict:
    """The directory of groups (every group has a public page), by name."""
    # Without the directory page's prefetch of postcode districts, which this list does not show.
    return paginate(request, queries.directory(filters.search).prefetch_related(None), page)


@router.get("/{slug:slug}", response={200: GroupDetailOut, **ERRORS}, auth=reads("groups"))
def get_group(request: ApiRequest, slug: str) -> Group:
    """A group's public record, with its organisers' names (public on its page)."""
    group = queries.get_group(slug)
    check_access(request.auth, "groups.see_group", group)
    return group


@router.get(
    "/{slug:slug}/members", response={200: page_of(MemberOut), **ERRORS}, auth=reads("people")
)
def list_group_members(request: ApiRequest, slug: str, page: Query[CursorParams]) -> dict:
    """The group's members, for its organisers (with two-factor), as on the members page, in
    the order they joined."""
    group: Group = queries.get_group(slug)
    check_access(request.auth, "groups.view_member_list", group)
    # The page's order (role, name, email) spans three tables: no index serves it, so each page
    # sorted the whole group. The membership's id is served by (group, id): a page reads its rows.
    members = queries.members_visible_to(request.auth, group).order_by("pk")
    return paginate(request, members, page)
