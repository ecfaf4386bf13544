"""A group's democracy settings: how many supporters move a proposal to a vote, how long it is discussed."""

from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.core.audit import record, values_of
from groundwork.core.errors import ActionError
from groundwork.democracy.models import GroupDemocracySettings
from groundwork.groups.models import Group
from groundwork.members.models import User

# A discussion longer than a quarter keeps a proposal from its vote past any campaign's use.
LONGEST_DISCUSSION_DAYS = 90


def _snapshot(settings: GroupDemocracySettings) -> dict:
    return values_of(settings, ["supporters_to_vote", "discussion_days"])


@transaction.atomic
def check_update_democracy_settings(
    group: Group, *, supporters_to_vote: int, discussion_days: int, acting_user: User
) -> GroupDemocracySettings:
    """An organiser sets how the group runs its proposals; applies to proposals submitted from now.

    Proposals already submitted keep the supporters and the discussion period they started with,
    so nobody's proposal changes its rules halfway.
    """
    if supporters_to_vote < 0:
        raise ActionError(
            _("The number of supporters cannot be negative."), field="supporters_to_vote"
        )
    if not 1 <= discussion_days <= LONGEST_DISCUSSION_DAYS:
        raise ActionError(
            _("A discussion lasts from 1 to %(days)s days.") % {"days": LONGEST_DISCUSSION_DAYS},
            field="discussion_days",
        )
    settings, _created = GroupDemocracySettings.objects.select_for_update().get_or_create(
        group=group
    )
    old = _snapshot(settings)
    settings.supporters_to_vote = supporters_to_vote
    settings.discussion_days = discussion_days
    new = _snapshot(settings)
    if new == old:
        return settings
    settings.save(update_fields=list(new))
    record(
        actor=acting_user,
        verb="democracy_settings.changed",
        target=settings,
        group_id=group.pk,
        old=old,
        new=new,
    )
    return settings
