"""Who may do what with a group (django-rules). Each list-limiting rule has a twin in queries.py.

A user's roles are loaded in one query and kept on the user object for the request, so a page asks
the same number of questions of the database however many checks it makes.
"""

import rules

from groundwork.groups.models import Coordinator, Group, Membership
from groundwork.members.rules import has_two_factor


def roles_of(user) -> dict[int, str]:
    """{group id: role} for every group the user belongs to (cached on the user object)."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_groundwork_roles"):
        user._groundwork_roles = dict(
            # No ordering: Membership's default (by group name) would join groups on every check.
            Membership.objects.filter(user=user).order_by().values_list("group_id", "role")
        )
    return user._groundwork_roles


def forget_roles(user) -> None:
    """Drop the cached roles after the user's memberships change."""
    for attribute in ("_groundwork_roles", "_groundwork_coordinator"):
        if hasattr(user, attribute):
            delattr(user, attribute)


@rules.predicate
def is_coordinator(user) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_groundwork_coordinator"):
        user._groundwork_coordinator = Coordinator.objects.filter(user=user).exists()
    return user._groundwork_coordinator


@rules.predicate
def is_group_member(user, group: Group) -> bool:
    return group.pk in roles_of(user)


@rules.predicate
def is_group_organiser(user, group: Group) -> bool:
    return roles_of(user).get(group.pk) == Membership.Role.ORGANISER


@rules.predicate
def is_joinable(user, group: Group) -> bool:
    return group.join_policy != Group.JoinPolicy.INVITATION


is_signed_in = rules.is_authenticated

# Not "view_group": the admin asks "<app>.view_<model>" of every backend, and would get this answer.
rules.add_perm("groups.see_group", rules.always_allow)
rules.add_perm("groups.join_group", is_signed_in & ~is_group_member & is_joinable)
rules.add_perm("groups.leave_group", is_group_member)
# Organisers act as organisers only once they have two-factor authentication.
rules.add_perm("groups.manage_group", is_group_organiser & has_two_factor)
rules.add_perm("groups.view_member_list", is_group_organiser & has_two_factor)
rules.add_perm("groups.view_group_audit", is_group_organiser & has_two_factor)
rules.add_perm("groups.create_group", is_coordinator & has_two_factor)
rules.add_perm("groups.view_alliance", is_coordinator & has_two_factor)
