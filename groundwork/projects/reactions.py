"""How the projects app connects to hooks of the apps to its left: the alliance's roll-up of
objectives, the member's home page, a group's page, members leaving groups."""

from django.db.models import Count
from django.dispatch import receiver
from django.utils.translation import gettext as _

from groundwork.aims.hooks import add_rollup_source
from groundwork.groups.hooks import add_group_section, member_left
from groundwork.members.hooks import add_home_section
from groundwork.projects import actions, queries
from groundwork.projects.models import Project

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
    signups = list(queries.upcoming_shifts_of(request.user)[:HOME_SHIFTS])
    return "projects/_home_shifts.html", {"signups": signups}


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
    return "projects/_group_projects.html", {"group": group, "projects": projects}
