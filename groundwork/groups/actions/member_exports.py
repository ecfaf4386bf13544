"""Organisers download their members' contact details: only of members who agreed to organisers
contacting them, only the columns a group needs to reach its people, a few times a day per
group, and each download is in the group's audit log with how many people it named."""

from collections.abc import Iterator

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.csv import csv_lines
from groundwork.core.rate_limits import count_attempt
from groundwork.groups.models import Group, Membership
from groundwork.groups.queries.segments import reachable
from groundwork.members.models import User

EXPORTED_VERB = "group.members_exported"
# Downloads per group per day: enough to work with, too few to copy the list out piecemeal.
EXPORT_RATE = "10/86400"


def exportable_members(group: Group) -> QuerySet[Membership]:
    """The group's members who hold an active consent to organisers contacting them, and have
    an account that is still theirs (not erased, not deactivated)."""
    return (
        Membership.objects.filter(group=group, user__is_active=True, user__erased_at__isnull=True)
        .filter(reachable()["has_consent"], user__profile__allow_organiser_contact=True)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def export_header() -> list[str]:
    return [_("Name"), _("Email"), _("Joined"), _("Role")]


@transaction.atomic
def check_export_members(group: Group, *, acting_user: User) -> Iterator[str]:
    """Count the download against the group's limit, record it with the number of people, and
    give the CSV file's lines (formula-safe), to stream."""
    count_attempt(
        "groups.export_members",
        client_key=str(group.pk),
        rate=EXPORT_RATE,
        refusal=_("Your group's member list was downloaded often today. Try again tomorrow."),
    )
    members = exportable_members(group)
    count = members.count()
    record(
        actor=acting_user,
        verb=EXPORTED_VERB,
        target=group,
        group_id=group.pk,
        new={"people": count, "columns": "name, email, joined, role"},
    )
    roles = dict(Membership.Role.choices)
    rows = (
        (
            membership.user.name,
            membership.user.email,
            timezone.localtime(membership.joined_at).date().isoformat(),
            str(roles.get(membership.role, membership.role)),
        )
        for membership in members.iterator(chunk_size=2000)
    )
    return csv_lines(export_header(), rows)
