"""Who may do what with a group (django-rules). Each list-limiting rule has a twin in queries.py.

A user's roles, and whether they coordinate the alliance, are loaded in one query and kept on the
user object for the request, so a page asks the same number of questions of the database however
many checks it makes.
"""

from typing import cast

import rules
from allauth.mfa.models import Authenticator
from django.db import connections, router
from django.db.models import BigIntegerField, Field, Value

from groundwork.groups.models import Coordinator, Group, Membership
from groundwork.members.rules import has_two_factor, remember_two_factor
from groundwork.notifications.models import Notification
from groundwork.notifications.queries import UNREAD_ON_USER

COORDINATOR = "coordinator"  # the role of the alliance-wide row in _load_roles
UNREAD = "unread notifications"  # the role of the row that counts them in _load_roles
AUTHENTICATORS = "authenticators"  # the role of the row that counts the user's two-factor ones


def roles_of(user) -> dict[int, str]:
    """{group id: role} for every group the user belongs to (cached on the user object)."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_groundwork_roles"):
        _load_roles(user)
    return user._groundwork_roles


def _load_roles(user) -> None:
    """The user's roles in groups and whether they coordinate the alliance, in one query: every
    signed-in page asks the second (for the navigation) and most ask the first. The same round
    trip counts their unread notifications, which every signed-in page shows in its bell, and
    their authenticators, which every organiser's and coordinator's page asks of them
    (`has_two_factor`); each count was a query of its own before."""
    # Written out: the ORM took 0.7 ms to build this union on every signed-in request (each API
    # call with a token), the database 0.05 ms to answer it. No ordering: Membership's default
    # (by group name) would join groups. Coordinating rows carry no group (NULL); the counts'
    # rows carry their count where the others carry a group.
    database = router.db_for_read(Membership)
    with connections[database].cursor() as cursor:
        params = [user.pk, COORDINATOR, user.pk, UNREAD, user.pk, AUTHENTICATORS, user.pk]
        cursor.execute(ROLES_SQL, params)
        rows: list[tuple[int | None, str]] = cursor.fetchall()
    counts = {role: count for count, role in rows if role in (UNREAD, AUTHENTICATORS)}
    user._groundwork_roles = {
        group_id: role for group_id, role in rows if group_id is not None and role not in counts
    }
    user._groundwork_coordinator = any(group_id is None for group_id, _role in rows)
    setattr(user, UNREAD_ON_USER, counts[UNREAD])
    remember_two_factor(user, authenticators=counts[AUTHENTICATORS] or 0)


def load_roles_with_groups(user, *group_fields: str) -> list[tuple]:
    """Load the user's roles as `_load_roles` does (in one query, here through the ORM to carry
    the group's fields), and return the rows of their memberships, (group id, role, *those
    fields of the group): a page that shows the member's groups (their home page,
    `queries.memberships_of`) reads them with the roles."""
    columns = [f"group__{field}" for field in group_fields]
    memberships = (
        # No ordering: Membership's default (by group name) would join groups on every check.
        Membership.objects.filter(user=user).order_by().values_list("group_id", "role", *columns)
    )
    # The coordinating row has no group: nothing in the group's id nor in its other fields.
    nothing = {
        f"no_{field}": Value(None, output_field=cast(Field, Group._meta.get_field(field)).clone())
        for field in group_fields
    }
    coordinating = (
        Coordinator.objects.filter(user=user)
        .order_by()
        .annotate(
            no_group=Value(None, output_field=BigIntegerField()),
            role=Value(COORDINATOR),
            **nothing,
        )
        .values_list("no_group", "role", *nothing)
    )
    rows: list[tuple] = list(memberships.union(coordinating, all=True).order_by())
    user._groundwork_roles = {row[0]: row[1] for row in rows if row[0] is not None}
    user._groundwork_coordinator = any(row[0] is None for row in rows)
    return [row for row in rows if row[0] is not None]


ROLES_SQL = (
    f"SELECT group_id, role FROM {Membership._meta.db_table} WHERE user_id = %s"
    f" UNION ALL SELECT NULL, %s FROM {Coordinator._meta.db_table} WHERE user_id = %s"
    f" UNION ALL SELECT COUNT(*), %s FROM {Notification._meta.db_table}"
    " WHERE user_id = %s AND read_at IS NULL"
    f" UNION ALL SELECT COUNT(*), %s FROM {Authenticator._meta.db_table} WHERE user_id = %s"
)


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
        _load_roles(user)
    return user._groundwork_coordinator


@rules.predicate
def is_group_member(user, group: Group) -> bool:
    return group.pk in roles_of(user)


@rules.predicate
def is_group_organiser(user, group: Group) -> bool:
    return roles_of(user).get(group.pk) == Membership.Role.ORGANISER


def holds_organising_role(user, group_id: int | None) -> bool:
    """Organiser of the group, or a coordinator where the scope is the whole alliance (None).

    Two-factor authentication is not asked here: `organises_scope` is what rules use to let
    someone act; this is for telling an organiser from a member (who sees which button).
    """
    if group_id is None:
        return is_coordinator(user)
    return roles_of(user).get(group_id) == Membership.Role.ORGANISER


def organises_scope(user, group_id: int | None) -> bool:
    """Acts as the organiser of a group (a coordinator, of the alliance): holds the role and has
    two-factor authentication. Every app's "organises …" rule comes down to this."""
    return holds_organising_role(user, group_id) and has_two_factor(user)


@rules.predicate
def organises_group(user, group: Group | None) -> bool:
    """Organiser of this group, with two-factor authentication."""
    return group is not None and organises_scope(user, group.pk)


@rules.predicate
def organises_group_or_alliance(user, group: Group | None) -> bool:
    """Organiser of the group, or a coordinator for the alliance (None), with two-factor."""
    return organises_scope(user, group.pk if group is not None else None)


@rules.predicate
def coordinates_alliance(user) -> bool:
    """A coordinator of the alliance, with two-factor authentication."""
    return is_coordinator(user) and has_two_factor(user)


@rules.predicate
def is_in_the_alliance(user) -> bool:
    """A member of any group, or a coordinator."""
    return bool(roles_of(user)) or is_coordinator(user)


@rules.predicate
def is_joinable(user, group: Group) -> bool:
    return group.join_policy != Group.JoinPolicy.INVITATION


is_signed_in = rules.is_authenticated

# Not "view_group": the admin asks "<app>.view_<model>" of every backend, and would get this answer.
rules.add_perm("groups.see_group", rules.always_allow)
# Anyone may write to the organisers: a visitor gives an address to reply to.
rules.add_perm("groups.contact_organisers", rules.always_allow)
rules.add_perm("groups.join_group", is_signed_in & ~is_group_member & is_joinable)
rules.add_perm("groups.leave_group", is_group_member)
# Organisers act as organisers only once they have two-factor authentication.
rules.add_perm("groups.manage_group", organises_group)
rules.add_perm("groups.view_member_list", organises_group)
rules.add_perm("groups.view_group_audit", organises_group)
rules.add_perm("groups.send_mailing", organises_group)
# Bringing a members' list from another tool, and downloading members' contact details.
rules.add_perm("groups.import_members", organises_group)
rules.add_perm("groups.export_members", organises_group)
rules.add_perm("groups.create_group", coordinates_alliance)
rules.add_perm("groups.view_alliance", coordinates_alliance)
rules.add_perm("groups.view_group_requests", coordinates_alliance)
rules.add_perm("groups.answer_group_requests", coordinates_alliance)
