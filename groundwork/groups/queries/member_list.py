"""A group's member list, for its organisers: in its order (organisers first, then by name),
a page at a time by key."""

from django.db.models import QuerySet

from groundwork.core.pagination import KeyedPage, ordered_page
from groundwork.groups.models import Group, Membership

# Organisers first, then by name; people of the same name in the order they joined. The index
# membership_list_order serves it (Membership.member_name is the member's name kept in step).
MEMBER_LIST_ORDER = ("-role", "member_name", "pk")
MEMBERS_PER_PAGE = 50
# What a row of the list shows (templatetags/member_rows.py), read as values: building 150 model
# instances (membership, user, profile) took as long as writing the rows.
MEMBER_ROW = (
    "pk",
    "role",
    "joined_at",
    "user_id",
    "user__display_name",
    "user__email",
    "user__erased_at",
    "user__profile__pronouns",
    "user__profile__show_pronouns",
    "user__profile__allow_organiser_contact",
)


def members_visible_to(user, group: Group) -> QuerySet[Membership]:
    """The group's member list for its organisers; nothing for anyone else (twin of view_member_list)."""
    if not user.has_perm("groups.view_member_list", group):
        return Membership.objects.none()
    return (
        Membership.objects.filter(group=group)
        .select_related("user", "user__profile")
        .order_by(*MEMBER_LIST_ORDER)
    )


def member_list_page(
    user, group: Group, *, after: int | None, before: int | None, from_end: bool
) -> KeyedPage:
    """A page of the member list (`members_visible_to`, as MEMBER_ROW dicts), by the memberships
    at its neighbours' edges: read from the list's index, so a page deep in a big group costs what
    the first does."""
    return ordered_page(
        members_visible_to(user, group).values(*MEMBER_ROW),
        ordering=MEMBER_LIST_ORDER,
        per_page=MEMBERS_PER_PAGE,
        after=after,
        before=before,
        from_end=from_end,
    )
