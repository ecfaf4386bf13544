"""Who may read, add, fork and manage resources, ask and answer for help, and see members' skills.

Scope: a public resource is for everyone; an alliance resource for members of any group and
coordinators; a group resource for that group's members. Help requests flow across the alliance.
Each rule that limits a list has a twin in queries.py (tests/test_rules_and_queries_agree.py style
tests in resources/tests/test_rules.py check they agree).
"""

import rules

from groundwork.groups.models import Membership
from groundwork.groups.rules import (
    coordinates_alliance,
    has_two_factor,
    is_coordinator,
    is_in_the_alliance,
    organises_scope,
    roles_of,
)
from groundwork.resources.models import HelpRequest, Resource

ORGANISER = Membership.Role.ORGANISER


@rules.predicate
def can_see_resource(user, resource: Resource | None) -> bool:
    if resource is None:  # the admin asks about the model as a whole: that is not this rule
        return False
    if resource.scope == Resource.Scope.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if resource.scope == Resource.Scope.ALLIANCE:
        return is_in_the_alliance(user)
    return resource.group_id in roles_of(user)


@rules.predicate
def keeps_resource(user, resource: Resource) -> bool:
    """Organiser of the resource's group (a coordinator, for the alliance's own), with two-factor."""
    return organises_scope(user, resource.group_id)


@rules.predicate
def wrote_resource(user, resource: Resource) -> bool:
    """Its author, while still a member of its group."""
    return (
        resource.created_by_id == user.pk
        and resource.group_id is not None
        and resource.group_id in roles_of(user)
    )


@rules.predicate
def is_in_a_group(user) -> bool:
    return bool(roles_of(user))


@rules.predicate
def organises_a_group(user) -> bool:
    return ORGANISER in roles_of(user).values()


@rules.predicate
def organises_another_group(user, resource: Resource) -> bool:
    """Organiser of a group other than the resource's own (a group forks others' work)."""
    return any(
        role == ORGANISER and group_id != resource.group_id
        for group_id, role in roles_of(user).items()
    )


@rules.predicate
def can_see_help_request(user, help_request: HelpRequest | None = None) -> bool:
    return is_in_the_alliance(user)


@rules.predicate
def asks_for_help(user, help_request: HelpRequest) -> bool:
    """Organiser of the group that asked, with two-factor."""
    return organises_scope(user, help_request.group_id)


is_signed_in = rules.is_authenticated

rules.add_perm("resources.view_resource", can_see_resource)
# Any member adds to their group's library; coordinators add to the alliance's.
rules.add_perm("resources.add_resource", is_in_a_group | coordinates_alliance)
rules.add_perm("resources.change_resource", can_see_resource & (keeps_resource | wrote_resource))
rules.add_perm("resources.delete_resource", can_see_resource & (keeps_resource | wrote_resource))
rules.add_perm(
    "resources.fork_resource", can_see_resource & organises_another_group & has_two_factor
)
rules.add_perm("resources.download_resource", can_see_resource)
rules.add_perm("resources.view_helprequest", is_signed_in & can_see_help_request)
rules.add_perm("resources.add_helprequest", is_in_a_group)
rules.add_perm("resources.answer_helprequest", is_signed_in & is_in_the_alliance)
rules.add_perm("resources.mark_helpanswer", asks_for_help)
# Organisers of any group and coordinators, with two-factor, see members who chose to share.
rules.add_perm(
    "resources.view_skills_directory", (organises_a_group | is_coordinator) & has_two_factor
)
