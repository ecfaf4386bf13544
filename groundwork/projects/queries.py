"""Reading projects, rotas, requests for help and partners: scoped, in fixed queries."""

import re
from typing import TYPE_CHECKING, TypedDict

from django.db.models import F, Min, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from groundwork.groups.models import Group, PostcodeDistrict
from groundwork.members.models import User
from groundwork.projects.models import (
    AidRequest,
    FormationStep,
    Listing,
    Partner,
    Partnership,
    Project,
    Shift,
    ShiftSignup,
)

if TYPE_CHECKING:  # django-stubs-ext is a development dependency, for the type checker
    from django_stubs_ext import WithAnnotations

_AREA = re.compile(r"^[A-Z]{1,2}")


def postcode_area(district: str) -> str:
    """The area letters of a postcode district: `SE` of `SE15`, `M` of `M1`."""
    match = _AREA.match(district or "")
    return match.group(0) if match else ""


def all_projects(kind: str = "") -> QuerySet[Project]:
    projects = Project.objects.select_related("group").order_by("name")
    return projects.filter(kind=kind) if kind else projects


def projects_of(group: Group) -> QuerySet[Project]:
    return Project.objects.filter(group=group).order_by("name")


def projects_needing_volunteers(group: Group) -> QuerySet[Project]:
    """The group's projects with places left on shifts still to come, each with `places_left` and
    `next_shift_at`, soonest shift first."""
    open_shifts = Q(
        shifts__starts_at__gt=timezone.now(), shifts__signup_count__lt=F("shifts__places")
    )
    return (
        Project.objects.filter(open_shifts, group=group)
        .annotate(
            places_left=Sum(F("shifts__places") - F("shifts__signup_count")),
            next_shift_at=Min("shifts__starts_at"),
        )
        .order_by("next_shift_at", "id")
    )


def get_project(pk: int) -> Project:
    """A project's public record, or 404."""
    try:
        return Project.objects.select_related("group").get(pk=pk)
    except Project.DoesNotExist:
        raise Http404("No such project.") from None


class UpcomingShifts(TypedDict):
    upcoming_shifts: list[Shift]


# A project as project_page gives it: with the shifts still to come.
type ProjectPage = WithAnnotations[Project, UpcomingShifts]


def project_page(pk: int) -> ProjectPage:
    """The project with what its public page shows, in a fixed number of queries."""
    upcoming = Shift.objects.filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")
    try:
        return (
            Project.objects.select_related("group")
            .prefetch_related(
                Prefetch("shifts", queryset=upcoming, to_attr="upcoming_shifts"),
                Prefetch("steps", queryset=FormationStep.objects.order_by("position")),
                Prefetch("listings", queryset=Listing.objects.filter(is_open=True)),
                Prefetch("partnerships", queryset=Partnership.objects.select_related("partner")),
                "objectives",
                Prefetch("coordinators", queryset=User.objects.order_by("display_name")),
            )
            .get(pk=pk)
        )
    except Project.DoesNotExist:
        raise Http404("No such project.") from None


def volunteers_visible_to(user, project: Project, shifts: list[Shift]) -> dict[int, list[User]]:
    """{shift id: volunteers} for the project's coordinators (twin of view_shiftsignup)."""
    if not user.has_perm("projects.view_shiftsignup", project):
        return {}
    found: dict[int, list[User]] = {shift.pk: [] for shift in shifts}
    signups = ShiftSignup.objects.filter(shift__in=shifts).select_related("user")
    for signup in signups:
        found[signup.shift_id].append(signup.user)
    return found


def shifts_signed_up_by(user, shifts: list[Shift]) -> set[int]:
    """Ids of the given shifts the user has a place on."""
    if not user.is_authenticated or not shifts:
        return set()
    return set(
        ShiftSignup.objects.filter(user=user, shift__in=shifts).values_list("shift_id", flat=True)
    )


def areas_of(group: Group) -> set[str]:
    return {
        postcode_area(district)
        for district in PostcodeDistrict.objects.filter(group=group).values_list(
            "district", flat=True
        )
    } - {""}


def nearby_offers(project: Project, *, limit: int = 20) -> QuerySet[Listing]:
    """Open offers of other projects in nearby groups: the same postcode area letters, or the
    same local authority (ONS code) as the project's group."""
    group = project.group
    nearby = Q(postcode_area__in=areas_of(group))
    if group.ons_code:
        nearby |= Q(ons_code=group.ons_code)
    return (
        Listing.objects.filter(nearby, kind=Listing.Kind.OFFER, is_open=True)
        .exclude(project=project)
        .select_related("project__group")
        .order_by("-created_at")[:limit]
    )


def aid_requests_visible_to(user, project: Project) -> QuerySet[AidRequest]:
    """People who asked the project for help, for its coordinators only (twin of view_aidrequest)."""
    if not user.has_perm("projects.view_aidrequest", project):
        return AidRequest.objects.none()
    return AidRequest.objects.filter(project=project).order_by("status", "-created_at")


def get_aid_request_in(project: Project, pk: int) -> AidRequest:
    try:
        return AidRequest.objects.get(project=project, pk=pk)
    except AidRequest.DoesNotExist:
        raise Http404("No such request.") from None


def get_step_in(project: Project, pk: int) -> FormationStep:
    try:
        return FormationStep.objects.get(project=project, pk=pk)
    except FormationStep.DoesNotExist:
        raise Http404("No such step.") from None


def get_listing_in(project: Project, pk: int) -> Listing:
    try:
        return Listing.objects.get(project=project, pk=pk)
    except Listing.DoesNotExist:
        raise Http404("No such need or offer.") from None


def get_shift_in(project: Project, pk: int) -> Shift:
    try:
        return Shift.objects.get(project=project, pk=pk)
    except Shift.DoesNotExist:
        raise Http404("No such shift.") from None


def get_shift_for_member(user, pk: int) -> Shift:
    """A shift the user may sign up for (a member of its group); 404 alike for missing and not."""
    try:
        shift = Shift.objects.select_related("project__group").get(pk=pk)
    except Shift.DoesNotExist:
        raise Http404("No such shift.") from None
    if not user.has_perm("projects.signup_shift", shift):
        raise Http404("No such shift.")
    return shift


def upcoming_shifts_of(user) -> QuerySet[ShiftSignup]:
    """The member's own places on shifts still to come, soonest first."""
    if not user.is_authenticated:
        return ShiftSignup.objects.none()
    return (
        ShiftSignup.objects.filter(user=user, shift__ends_at__gte=timezone.now())
        .select_related("shift__project")
        .order_by("shift__starts_at")
    )


def partners() -> QuerySet[Partner]:
    """Every partner organisation with its relationships to groups and projects."""
    return Partner.objects.prefetch_related(
        Prefetch(
            "partnerships",
            queryset=Partnership.objects.select_related("group", "project").order_by("since"),
        )
    ).order_by("name")


def group_members(group: Group) -> QuerySet[User]:
    """Members of the group, who may be named coordinators."""
    return User.objects.filter(memberships__group=group).order_by("display_name", "email")
