"""Reading groups and their membership, already scoped by permission and fetched in fixed queries."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from groundwork.core.fragments import Fragment
from groundwork.core.postcodes import postcode_district
from groundwork.groups.distance import nearest
from groundwork.groups.map import MapPoint
from groundwork.groups.models import (
    DistrictCentroid,
    Group,
    GroupRequest,
    Invitation,
    JoinRequest,
    Mailing,
    Membership,
    PostcodeDistrict,
)
from groundwork.groups.queries.audit import (
    alliance_audit_visible_to as alliance_audit_visible_to,
)
from groundwork.groups.queries.audit import filter_audit as filter_audit
from groundwork.groups.queries.audit import group_audit_visible_to as group_audit_visible_to
from groundwork.groups.queries.member_imports import (
    get_member_import_in as get_member_import_in,
)
from groundwork.groups.queries.member_imports import (
    member_import_problems as member_import_problems,
)
from groundwork.groups.queries.member_imports import (
    member_imports_visible_to as member_imports_visible_to,
)
from groundwork.groups.queries.member_list import MEMBER_LIST_ORDER as MEMBER_LIST_ORDER
from groundwork.groups.queries.member_list import MEMBERS_PER_PAGE as MEMBERS_PER_PAGE
from groundwork.groups.queries.member_list import member_list_page as member_list_page
from groundwork.groups.queries.member_list import members_visible_to as members_visible_to
from groundwork.groups.rules import load_roles_with_groups, roles_of
from groundwork.members.models import User


def directory(search: str = "") -> QuerySet[Group]:
    """Groups matching `search` by name, area or postcode district (a full postcode works too)."""
    groups = Group.objects.select_related("parent").prefetch_related(
        Prefetch("postcode_districts", queryset=PostcodeDistrict.objects.order_by("district"))
    )
    search = search.strip()
    if not search:
        return groups.order_by("name")
    matches = Q(name__icontains=search) | Q(area_name__icontains=search)
    district = postcode_district(search)
    if district:
        matches |= Q(pk__in=PostcodeDistrict.objects.filter(district=district).values("group_id"))
    return groups.filter(matches).order_by("name")


def directory_page(search: str, *, number: int, per_page: int) -> tuple[list[int], int]:
    """The ids of the groups on page `number` (from 1) of `directory(search)`, in its order, and
    how many groups match (a page past the end has no ids). One query, one scan of the groups'
    names and areas: counting the matches and then reading the page scanned them twice (the page
    by walking the names' index through every group when few match)."""
    matching = directory(search).select_related(None).prefetch_related(None).order_by()
    sql, params = matching.values_list("pk", "name").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matching (id, name) AS ({sql}) "  # Django compiled `sql`
            "SELECT total.found, page.id FROM (SELECT count(*) AS found FROM matching) AS total "
            "LEFT JOIN (SELECT id, name FROM matching ORDER BY name LIMIT %s OFFSET %s) AS page "
            "ON 1 = 1 ORDER BY page.name",
            [*params, per_page, (number - 1) * per_page],
        )
        rows = cursor.fetchall()
    return [pk for _found, pk in rows if pk is not None], rows[0][0]


def get_group(slug: str) -> Group:
    """A group's public record (every group has a public page), or 404: every column, and of
    its parent (a region) what a page shows of it, its name and address, in one query."""
    # Written out: every group's page reads its group here, and the ORM took 0.62 ms of CPU to
    # build and read this join, the raw query 0.33 ms (the pattern of groups.rules.ROLES_SQL).
    found = list(Group.objects.raw(GROUP_SQL, [slug]))
    if not found:
        raise Http404("No such group.")
    group = found[0]
    parent_name, parent_slug = group.__dict__.pop("parent_name"), group.__dict__.pop("parent_slug")
    parent = None
    if group.parent_id is not None:
        # Only the columns read (the others would load when first asked for).
        parent = Group.from_db(
            group._state.db, ["id", "name", "slug"], [group.parent_id, parent_name, parent_slug]
        )
    Group.parent.field.set_cached_value(group, parent)
    return group


GROUP_SQL = (
    "SELECT g.*, parent.name AS parent_name, parent.slug AS parent_slug"
    f" FROM {Group._meta.db_table} g"
    f" LEFT JOIN {Group._meta.db_table} parent ON parent.id = g.parent_id WHERE g.slug = %s"
)


def organisers_of(group: Group) -> QuerySet[Membership]:
    """The group's organisers, whose names are public on the group's page."""
    return (
        Membership.objects.filter(group=group, role=Membership.Role.ORGANISER)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def organiser_names_of(group: Group) -> list[str]:
    """The names of the group's organisers, as its page shows them (one query, three columns)."""
    organisers = (
        User.objects.filter(memberships__group=group, memberships__role=Membership.Role.ORGANISER)
        .only("display_name", "email", "erased_at")
        .order_by("display_name", "email")
    )
    return [user.name for user in organisers]


def pending_requests_visible_to(user, group: Group) -> QuerySet[JoinRequest]:
    """Pending join requests of the group, for its organisers only."""
    if not user.has_perm("groups.manage_group", group):
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(
        group=group, status=JoinRequest.Status.PENDING
    ).select_related("user", "user__profile")


def pending_invitations_visible_to(user, group: Group) -> QuerySet[Invitation]:
    """Invitations not yet accepted or revoked, for the group's organisers only."""
    if not user.has_perm("groups.manage_group", group):
        return Invitation.objects.none()
    return Invitation.objects.filter(group=group, status=Invitation.Status.PENDING).select_related(
        "invited_by"
    )


def memberships_of(user) -> list[Membership]:
    """The user's own memberships, with their groups' names, addresses and sizes, by group name,
    for their home page. Read by the query that loads the user's roles, which every signed-in
    page asks for its navigation (`rules.load_roles_with_groups`): no query of their own."""
    if not user.is_authenticated:
        return []
    rows = load_roles_with_groups(user, "name", "slug", "member_count")
    memberships = [
        Membership(
            group=Group(pk=group_id, name=name, slug=slug, member_count=member_count),
            role=role,
        )
        for group_id, role, name, slug, member_count in rows
    ]
    return sorted(memberships, key=lambda membership: membership.group.name.casefold())


def pending_requests_of(user) -> QuerySet[JoinRequest]:
    """The user's own requests still waiting for an organiser."""
    if not user.is_authenticated:
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).select_related(
        "group"
    )


def open_request_for(user, group: Group) -> JoinRequest | None:
    """The user's pending request to join `group`, if any."""
    if not user.is_authenticated or group.pk in roles_of(user):
        return None
    return JoinRequest.objects.filter(
        user=user, group=group, status=JoinRequest.Status.PENDING
    ).first()


def get_membership_in(group: Group, pk: int) -> Membership:
    """A membership of `group` by id, or 404 (the caller has already checked manage_group)."""
    try:
        return Membership.objects.select_related("user", "group").get(group=group, pk=pk)
    except Membership.DoesNotExist:
        raise Http404("No such member.") from None


def get_request_in(group: Group, pk: int) -> JoinRequest:
    try:
        return JoinRequest.objects.select_related("user", "group").get(group=group, pk=pk)
    except JoinRequest.DoesNotExist:
        raise Http404("No such request.") from None


def get_invitation_in(group: Group, pk: int) -> Invitation:
    try:
        return Invitation.objects.select_related("group").get(group=group, pk=pk)
    except Invitation.DoesNotExist:
        raise Http404("No such invitation.") from None


def get_invitation_by_token(token: str) -> Invitation:
    try:
        return Invitation.objects.select_related("group", "invited_by").get(token=token)
    except Invitation.DoesNotExist:
        raise Http404("No such invitation.") from None


def groups_without_organisers() -> QuerySet[Group]:
    """Groups with no organiser, by name: nobody runs them, so the coordinators should know."""
    organisers = Membership.objects.filter(group=OuterRef("pk"), role=Membership.Role.ORGANISER)
    return (
        Group.objects.filter(~Exists(organisers))
        .only("pk", "name", "slug", "member_count")
        .order_by("name", "pk")
    )


def alliance_overview() -> QuerySet[Group]:
    """Every group with its member count, for coordinators' view of the alliance."""
    return Group.objects.select_related("parent").order_by("name")


# Finding a group: districts, their centres, the nearest groups, and requests for new groups.


@dataclass(frozen=True)
class NearGroup:
    group: Group
    km: float


def district_centroid(district: str) -> DistrictCentroid | None:
    """The centre of a known postcode district, or None when the district is unknown."""
    return DistrictCentroid.objects.filter(district=district).first()


def is_known_district(district: str) -> bool:
    """A district is known when its centre is, or when a group says it covers it."""
    return (
        DistrictCentroid.objects.filter(district=district).exists()
        or PostcodeDistrict.objects.filter(district=district).exists()
    )


def nearest_groups(centroid: DistrictCentroid, *, limit: int = 5) -> list[NearGroup]:
    """The `limit` groups nearest a district's centre, measured to each group's point or to the
    centres of the districts it covers, in three queries whatever the number of groups."""
    points = [
        (pk, float(latitude), float(longitude))
        for pk, latitude, longitude in Group.objects.filter(latitude__isnull=False)
        .order_by()
        .values_list("pk", "latitude", "longitude")
    ]
    centres = DistrictCentroid.objects.filter(district=OuterRef("district"))
    for group_id, latitude, longitude in (
        PostcodeDistrict.objects.order_by()
        .annotate(
            centre_latitude=Subquery(centres.values("latitude")[:1]),
            centre_longitude=Subquery(centres.values("longitude")[:1]),
        )
        .filter(centre_latitude__isnull=False)
        .values_list("group_id", "centre_latitude", "centre_longitude")
    ):
        points.append((group_id, float(latitude), float(longitude)))
    origin = (float(centroid.latitude), float(centroid.longitude))
    ranked = nearest(origin, points, limit=limit)
    groups = Group.objects.in_bulk([pk for pk, _km in ranked])
    return [NearGroup(groups[pk], km) for pk, km in ranked if pk in groups]


def group_requests_visible_to(user) -> QuerySet:
    """How many people asked for a group in each district and still wait for one (no group has
    answered them), most asked first: for coordinators only (twin of view_group_requests)."""
    if not user.has_perm("groups.view_group_requests"):
        return GroupRequest.objects.none()
    return (
        GroupRequest.objects.filter(answered_at=None)
        .order_by()
        .values("district")
        .annotate(requests=Count("pk"))
        .order_by("-requests", "district")
    )


def mailings_visible_to(user, group: Group) -> QuerySet[Mailing]:
    """The group's emails to its members, newest first, for its organisers only (twin of
    groups.send_mailing)."""
    if not user.has_perm("groups.send_mailing", group):
        return Mailing.objects.none()
    return (
        Mailing.objects.filter(group=group).select_related("author").order_by("-created_at", "-id")
    )


def get_mailing_in(group: Group, pk: int) -> Mailing:
    """One of the group's mailings (the view has checked the organiser), or 404."""
    try:
        return Mailing.objects.select_related("group", "author").get(group=group, pk=pk)
    except Mailing.DoesNotExist:
        raise Http404("No such email.") from None


def points_of_groups() -> list[tuple[str, str, float, float]]:
    """Every group that can be placed on the map, as (name, slug, latitude, longitude), by name:
    its own point, or else the centre of the first district it covers. One query."""
    centres = DistrictCentroid.objects.filter(district=OuterRef("district"))
    first_centre = (
        PostcodeDistrict.objects.filter(group=OuterRef("pk"))
        .annotate(
            centre_latitude=Subquery(centres.values("latitude")[:1]),
            centre_longitude=Subquery(centres.values("longitude")[:1]),
        )
        .filter(centre_latitude__isnull=False)
        .order_by("district")
    )
    rows = (
        Group.objects.annotate(
            map_latitude=Coalesce("latitude", Subquery(first_centre.values("centre_latitude")[:1])),
            map_longitude=Coalesce(
                "longitude", Subquery(first_centre.values("centre_longitude")[:1])
            ),
        )
        .filter(map_latitude__isnull=False)
        .order_by("name")
        .values_list("name", "slug", "map_latitude", "map_longitude")
    )
    return [(name, slug, float(lat), float(lng)) for name, slug, lat, lng in rows]


def unanswered_requests_in(district: str) -> QuerySet[GroupRequest]:
    """The requests for a group in `district` that no group has answered yet."""
    return GroupRequest.objects.filter(district=district, answered_at=None)


def get_waiting_district(district: str) -> str:
    """A district in which someone still waits for a group (404 when nobody does)."""
    district = district.upper()
    if not unanswered_requests_in(district).exists():
        raise Http404("Nobody is waiting for a group there.")
    return district


def groups_for_district(district: str, *, limit: int = 5) -> list[Group]:
    """Groups that could answer requests in `district`: those covering it, then the nearest."""
    covering = list(
        Group.objects.filter(postcode_districts__district=district).order_by("name")[:limit]
    )
    centroid = district_centroid(district)
    nearest = [near.group for near in nearest_groups(centroid, limit=limit)] if centroid else []
    seen = {group.pk for group in covering}
    return covering + [group for group in nearest if group.pk not in seen]


# The map of the groups (first page and directory), the same for every visitor. Invalidated by
# the actions that change a group's name, address or place, or a district's centre
# (do_create_group, do_update_group, do_load_district_centroids), by the admin's group pages and
# by the data generators; the hour bounds a change made any other way.
GROUPS_MAP = Fragment("groups:map", timeout=3600)

# The directory's pages when nothing was searched (a part per page number), the same for every
# visitor: each group's name, kind, area, parent, districts and member count. Invalidated as the
# map is, and by every change of a member count (joining, leaving, removal, erasure); ten minutes
# bound a change made any other way.
GROUP_DIRECTORY = Fragment("groups:directory", timeout=600)


def map_of_groups() -> list[MapPoint]:
    """Every group that has a place, as a point for the map, with its page's address (one
    query: the address is built from one reversed URL, not one per group)."""
    pattern = reverse("groups:detail", args=["-slug-"])
    return [
        MapPoint(name, pattern.replace("-slug-", slug), latitude, longitude)
        for name, slug, latitude, longitude in points_of_groups()
    ]
