"""Who may see and run projects (django-rules). List-limiting rules have twins in queries.py.

Projects are public, so people can find them and ask for help. A project is run by its
coordinators: the group's organisers (with two-factor) and the group's members named as the
project's coordinators. Only they see the people who asked for help. Members of the group sign
up for shifts on the rota.
"""

import rules

from groundwork.groups.rules import organises_group, organises_scope, roles_of
from groundwork.projects.models import Project, ProjectCoordinator, Shift


def coordinated_project_ids(user) -> set[int]:
    """Ids of the projects the user is named to coordinate (cached on the user object)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_groundwork_coordinated_projects"):
        user._groundwork_coordinated_projects = set(
            ProjectCoordinator.objects.filter(user=user).values_list("project_id", flat=True)
        )
    return user._groundwork_coordinated_projects


def forget_coordinations(user) -> None:
    if hasattr(user, "_groundwork_coordinated_projects"):
        delattr(user, "_groundwork_coordinated_projects")


@rules.predicate
def coordinates_project(user, project: Project) -> bool:
    """An organiser (two-factor) of the project's group, or a member named as its coordinator."""
    if organises_scope(user, project.group_id):
        return True
    return project.group_id in roles_of(user) and project.pk in coordinated_project_ids(user)


@rules.predicate
def takes_requests(user, project: Project) -> bool:
    return project.takes_requests


@rules.predicate
def is_member_of_shift_group(user, shift: Shift) -> bool:
    return shift.project.group_id in roles_of(user)


rules.add_perm("projects.view_project", rules.always_allow)
rules.add_perm("projects.add_project", organises_group)
rules.add_perm("projects.change_project", coordinates_project)
rules.add_perm("projects.add_aidrequest", takes_requests)
rules.add_perm("projects.view_aidrequest", coordinates_project)
rules.add_perm("projects.signup_shift", is_member_of_shift_group)
rules.add_perm("projects.view_shiftsignup", coordinates_project)
rules.add_perm("projects.view_partner", rules.always_allow)
rules.add_perm("projects.add_partnership", organises_group)
