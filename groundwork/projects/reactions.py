"""How the projects app connects to hooks of the apps to its left: the alliance's roll-up of
objectives, the member's home page, a group's page, members leaving groups."""

from django.db.models import Count, Exists, OuterRef
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundwork.aims.hooks import add_rollup_source
from groundwork.groups.hooks import (
    MailingSegment,
    add_group_section,
    add_mailing_segment,
    member_left,
)
from groundwork.members.hooks import add_home_section, add_personal_data_exporter, member_erased
from groundwork.members.models import User
from groundwork.projects import actions, queries
from groundwork.projects.models import AidRequest, Project, ProjectCoordinator, Shift, ShiftSignup

HOME_SHIFTS = 5
# A group's page shows at most this many projects asking for volunteers.
GROUP_PAGE_PROJECTS = 5


@add_rollup_source
def projects_per_objective(objective_ids) -> dict[int, dict[str, int]]:
    """How many projects work towards each objective (one query)."""
    rows = (
        Project.objectives.through.objects.filter(objective_id__in=list(objective_ids))
        .values("objective_id")
        .annotate(count=Count("project_id"))
        .order_by()
    )
    return {row["objective_id"]: {_("Projects"): row["count"]} for row in rows}


@add_home_section(order=50)
def your_shifts(request):
    """The member's places on shifts still to come (one query)."""
    upcoming = queries.upcoming_shifts_of(request.user)
    columns = ("shift__title", "shift__starts_at", "shift__ends_at", "shift__project__name")
    signups = list(upcoming.only(*columns)[:HOME_SHIFTS])
    # The list changes by time alone when one of them is over (the member's kept home page).
    changes_at = min((signup.shift.ends_at for signup in signups), default=None)
    return "projects/_home_shifts.html", {"signups": signups, "changes_at": changes_at}


@receiver(member_left, dispatch_uid="projects_member_left")
def withdraw_signups_of_former_member(sender, membership, acting_user, **kwargs) -> None:
    """Someone who leaves (or is removed from) a group gives up their places on its rotas."""
    actions.do_withdraw_signups_of_former_member(
        membership.group, member=membership.user, acting_user=acting_user
    )


@add_group_section(order=40)
def group_projects_needing_volunteers(request, group):
    """The group's projects with places left on shifts still to come (one query)."""
    projects = list(queries.projects_needing_volunteers(group)[:GROUP_PAGE_PROJECTS])
    if not projects:
        return None
    # The places left change by time alone when the next of their shifts starts.
    changes_at = min(project.next_shift_at for project in projects)  # type: ignore[attr-defined]
    return "projects/_group_projects.html", {
        "group": group,
        "projects": projects,
        "changes_at": changes_at,
    }


# --- Data rights (members' hooks) -------------------------------------------------------------


@add_personal_data_exporter
def projects_personal_data(user) -> dict[str, list[dict]]:
    """The member's places on rotas, the projects they coordinate, and help they asked for."""
    signups = ShiftSignup.objects.filter(user=user).select_related("shift__project")
    return {
        "rota_shifts": [
            {
                "project": signup.shift.project.name,
                "shift": signup.shift.title,
                "starts_at": signup.shift.starts_at.isoformat(),
                "signed_up_at": signup.created_at.isoformat(),
            }
            for signup in signups
        ],
        "projects_coordinated": [
            {"project": project.name} for project in Project.objects.filter(coordinators=user)
        ],
        "aid_requests": [
            {
                "project": request.project.name,
                "name": request.name,
                "contact": request.contact,
                "need": request.need,
                "postcode_district": request.postcode_district,
                "status": request.get_status_display(),
                "asked_at": request.created_at.isoformat(),
            }
            for request in AidRequest.objects.filter(requested_by=user).select_related("project")
        ],
    }


@receiver(member_erased, dispatch_uid="projects_member_erased")
def forget_erased_member(sender, user, **kwargs) -> None:
    """An erased member gives up their places on shifts to come (free for others at once) and
    their coordinating; shifts over keep their count. Help they asked for keeps what was needed,
    not who asked nor how to reach them."""
    upcoming = Shift.objects.filter(signups__user=user, ends_at__gt=timezone.now())
    for shift in upcoming.select_related("project"):
        actions.do_cancel_signup(shift, member=user, acting_user=user)
    ProjectCoordinator.objects.filter(user=user).delete()
    AidRequest.objects.filter(requested_by=user).update(name="", contact="", postcode_district="")


# Organisers can email the volunteers of one of the group's projects: everyone who signed up for
# any of its shifts, and its coordinators.
def _projects_to_email(group) -> list[tuple[str, str]]:
    projects = Project.objects.filter(group=group).order_by("name").values_list("id", "name")
    return [(str(pk), name) for pk, name in projects]


def _volunteers_of(group, parameter: str):
    if not parameter.isdigit():
        return None
    project_id = int(parameter)
    coordinates = ProjectCoordinator.objects.filter(
        project_id=project_id, project__group=group, user=OuterRef("pk")
    )
    signed_up = ShiftSignup.objects.filter(
        shift__project_id=project_id, shift__project__group=group, user=OuterRef("pk")
    )
    return User.objects.filter(Exists(coordinates) | Exists(signed_up)).values("pk")


add_mailing_segment(
    MailingSegment(
        key="project",
        label=gettext_lazy("Volunteers of a project"),
        choices=_projects_to_email,
        user_ids=_volunteers_of,
        order=20,
    )
)
