"""What the steps of a recall share: who elects a position, the threshold, telling the holder
and the organisers, and the decision log's line."""

import math
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from groundwork.accountability.models import (
    AccountabilitySettings,
    Position,
    RecallPetition,
)
from groundwork.accountability.models.positions import (
    DEFAULT_RECALL_SHARE,
    DEFAULT_RECALL_WINDOW_DAYS,
)
from groundwork.democracy import actions as democracy
from groundwork.democracy.models import Ballot, Decision, Delegate
from groundwork.groups.models import Coordinator, Membership
from groundwork.groups.rules import roles_of
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind

# A recall ballot runs this long from the moment it opens.
RECALL_BALLOT_DAYS = 14


def signatures_needed(*, electorate_size: int, share: Decimal) -> int:
    """The share of the electorate, rounded up, and never fewer than one signature."""
    return max(1, math.ceil(Decimal(electorate_size) * share))


def recall_rules_of(position: Position) -> tuple[Decimal, int]:
    """(share, window in days): the group's rules, or the defaults for the alliance and for
    groups that set none."""
    if position.group_id is not None:
        found = AccountabilitySettings.objects.filter(group_id=position.group_id).first()
        if found is not None:
            return found.recall_share, found.recall_window_days
    return DEFAULT_RECALL_SHARE, DEFAULT_RECALL_WINDOW_DAYS


def is_in_electorate(user: User, position: Position) -> bool:
    """Whether the member elects the position, and so may petition to recall its holder."""
    if not user.is_authenticated:
        return False
    if position.electorate == Ballot.Electorate.DELEGATES:
        return Delegate.objects.filter(user=user).exists()
    # The member's roles are loaded once per request (groups.rules), so pages ask no more.
    roles = roles_of(user)
    if position.electorate == Ballot.Electorate.GROUP:
        return position.group_id in roles
    return bool(roles)


def electorate_size_of(position: Position) -> int:
    """How many people elect the position now (a delegate of two groups counts once)."""
    if position.electorate == Ballot.Electorate.DELEGATES:
        return Delegate.objects.values("user_id").distinct().count()
    members = Membership.objects.all()
    if position.electorate == Ballot.Electorate.GROUP:
        members = members.filter(group=position.group)
    return members.values("user_id").distinct().count()


def petition_url(petition: RecallPetition) -> str:
    return reverse("accountability:recall_petition", args=[petition.pk])


def tell_holder(petition: RecallPetition, step: str, text: str) -> None:
    """Tell the holder, in the app and by email, once the step is committed."""
    holder_id, url = petition.term.holder_id, petition_url(petition)
    transaction.on_commit(
        lambda: do_notify(
            [holder_id],
            kind=NotificationKind.DEMOCRACY,
            key=f"recall-{petition.pk}-{step}",
            url=url,
            text=text,
            email_subject=text,
            email_body=text,
        )
    )


def tell_organisers_ballot_waits(petition: RecallPetition, why: str) -> None:
    """Ask the organisers (coordinators, for the alliance) to fix what keeps the ballot shut."""
    group_id = petition.term.position.group_id
    if group_id is None:
        user_ids = list(Coordinator.objects.values_list("user_id", flat=True))
    else:
        user_ids = list(
            Membership.objects.filter(
                group_id=group_id, role=Membership.Role.ORGANISER
            ).values_list("user_id", flat=True)
        )
    url = petition_url(petition)
    text = _("A recall ballot is waiting to open: %(why)s") % {"why": why}
    transaction.on_commit(
        lambda: do_notify(
            user_ids,
            kind=NotificationKind.DEMOCRACY,
            key=f"recall-{petition.pk}-waiting",
            url=url,
            text=text,
        )
    )


def names_of(petition: RecallPetition) -> dict[str, str]:
    term = petition.term
    return {"holder": term.holder.name, "position": term.position.title}


def log_step(petition: RecallPetition, summary: str, acting_user: User | None) -> Decision:
    return democracy.do_log_decision(
        group=petition.term.position.group,
        summary=summary,
        link=petition_url(petition),
        acting_user=acting_user,
    )
