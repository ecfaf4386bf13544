"""Positions of a group or the alliance and the terms of their holders: creating a position,
filling it by an election (its candidates take office as the ballot closes) or by an appointment
that the decision log records, holders stepping down or having their term ended; the delegates
of a group kept in step with its delegate positions; a group's accountability rules."""

import calendar
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from groundwork.accountability.models import (
    AccountabilitySettings,
    Position,
    Term,
)
from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError
from groundwork.democracy import actions as democracy
from groundwork.democracy.models import Ballot, Delegate
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it is shorter (31 Jan + 1 →
    28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def position_url(position: Position) -> str:
    return reverse("accountability:position", args=[position.pk])


def members_among(group_id: int | None, user_ids: list[int]) -> set[int]:
    """Those of `user_ids` who belong to the group (to any group, for the alliance)."""
    members = Membership.objects.filter(user_id__in=user_ids)
    if group_id is not None:
        members = members.filter(group_id=group_id)
    return set(members.values_list("user_id", flat=True))


def _check_position_fields(
    group: Group | None, *, title: str, seats: int, term_months: int, electorate: str
) -> None:
    if not title.strip():
        raise ActionError(_("Give the position a title."), field="title")
    if seats < 1:
        raise ActionError(_("A position has at least one holder."), field="seats")
    if term_months < 1:
        raise ActionError(_("A term lasts a month or more."), field="term_months")
    if group is not None and electorate != Ballot.Electorate.GROUP:
        raise ActionError(_("A group's positions are elected by its members."), field="electorate")
    if group is None and electorate == Ballot.Electorate.GROUP:
        raise ActionError(
            _("An alliance position is elected by every member or by the groups' delegates."),
            field="electorate",
        )


def _title_taken(group: Group | None, title: str, *, exclude: int | None = None) -> bool:
    positions = Position.objects.filter(group=group, title__iexact=title.strip())
    return positions.exclude(pk=exclude).exists() if exclude else positions.exists()


@transaction.atomic
def check_create_position(
    *,
    group: Group | None,
    title: str,
    kind: str,
    seats: int,
    term_months: int,
    electorate: str,
    description: str = "",
    acting_user: User,
) -> Position:
    """Create a position of the group (of the alliance when `group` is None), vacant."""
    _check_position_fields(
        group, title=title, seats=seats, term_months=term_months, electorate=electorate
    )
    if _title_taken(group, title):
        raise ActionError(_("There is already a position with this title."), field="title")
    position = Position.objects.create(
        group=group,
        title=title.strip(),
        kind=kind,
        description=description,
        seats=seats,
        term_months=term_months,
        electorate=electorate,
        created_by=acting_user,
    )
    record(
        actor=acting_user,
        verb="position.created",
        target=position,
        group_id=position.group_id,
        new={"title": position.title, "kind": kind, "seats": seats, "term_months": term_months},
    )
    return position


@transaction.atomic
def check_update_position(
    position: Position,
    *,
    title: str,
    kind: str,
    seats: int,
    term_months: int,
    electorate: str,
    description: str = "",
    acting_user: User,
) -> Position:
    """Change a position's title, description, seats or term; the terms already begun keep
    their dates."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    _check_position_fields(
        position.group, title=title, seats=seats, term_months=term_months, electorate=electorate
    )
    if _title_taken(position.group, title, exclude=position.pk):
        raise ActionError(_("There is already a position with this title."), field="title")
    holders = Term.objects.filter(position=position, ended_on__isnull=True).count()
    if seats < holders:
        raise ActionError(
            _("The position has %(count)d holders now: end a term before removing a seat.")
            % {"count": holders},
            field="seats",
        )
    fields = ("title", "kind", "description", "seats", "term_months", "electorate")
    old = values_of(position, fields)
    values = (title.strip(), kind, description, seats, term_months, electorate)
    for name, value in zip(fields, values, strict=True):
        setattr(position, name, value)
    position.save(update_fields=[*fields, "updated_at"])
    before, after = changes(old, values_of(position, fields))
    record(
        actor=acting_user,
        verb="position.updated",
        target=position,
        group_id=position.group_id,
        old=before,
        new=after,
    )
    if kind != old["kind"]:
        holder_ids = set(
            Term.objects.filter(position=position, ended_on__isnull=True).values_list(
                "holder_id", flat=True
            )
        )
        was = old["kind"] == Position.Kind.DELEGATE
        keep_delegates_in_step(
            position,
            added=set() if was else holder_ids,
            removed=holder_ids if was else set(),
            acting_user=acting_user,
        )
    return position


def current_terms(position: Position) -> list[Term]:
    """The position's terms not ended, with their holders."""
    return list(
        Term.objects.filter(position=position, ended_on__isnull=True).select_related("holder")
    )


def tell_holders(position: Position, *, elected: set[int], ended: set[int], key: str) -> None:
    """On commit, tell those who took office and those whose term ended."""
    url = position_url(position)
    title = position.title

    def notify() -> None:
        if elected:
            do_notify(
                elected,
                kind=NotificationKind.DEMOCRACY,
                key=f"position-{position.pk}-{key}-taken-up",
                url=url,
                text=_("You now hold the position: %(title)s.") % {"title": title},
                email_subject=_("You now hold the position: %(title)s") % {"title": title},
                email_body=_("Your term as %(title)s has begun. Its page: %(url)s")
                % {"title": title, "url": url},
            )
        if ended:
            do_notify(
                ended,
                kind=NotificationKind.DEMOCRACY,
                key=f"position-{position.pk}-{key}-ended",
                url=url,
                text=_("Your term as %(title)s has ended.") % {"title": title},
            )

    transaction.on_commit(notify)


def keep_delegates_in_step(
    position: Position, *, added: set[int], removed: set[int], acting_user: User | None
) -> None:
    """A group's delegates (who vote for it in alliance ballots of delegates) follow its
    delegate positions: a holder who takes one becomes a delegate; one whose term ends stops
    being one unless they hold another. Delegates named by hand stay."""
    if position.kind != Position.Kind.DELEGATE or position.group_id is None:
        return
    group = position.group
    assert group is not None
    still_holding = set(
        Term.objects.filter(
            position__group=group,
            position__kind=Position.Kind.DELEGATE,
            ended_on__isnull=True,
        ).values_list("holder_id", flat=True)
    )
    current = set(Delegate.objects.filter(group=group).values_list("user_id", flat=True))
    wanted = (current | added) - (removed - still_holding)
    wanted &= members_among(group.pk, sorted(wanted))
    if wanted != current:
        democracy.do_set_delegates(group, user_ids=sorted(wanted), acting_user=acting_user)


@transaction.atomic
def check_update_accountability_settings(
    group: Group,
    *,
    report_due_days: int,
    recall_share: Decimal,
    recall_window_days: int,
    acting_user: User,
) -> AccountabilitySettings:
    """Set how long holders have to report back and what a recall petition needs."""
    if report_due_days < 1 or recall_window_days < 1:
        raise ActionError(_("Give a number of days, one or more."))
    if not Decimal("0") < recall_share <= Decimal("1"):
        raise ActionError(_("Give a share between 0.01 and 1."), field="recall_share")
    current, _created = AccountabilitySettings.objects.select_for_update().get_or_create(
        group=group
    )
    fields = ("report_due_days", "recall_share", "recall_window_days")
    old = {key: str(value) for key, value in values_of(current, fields).items()}
    current.report_due_days = report_due_days
    current.recall_share = recall_share
    current.recall_window_days = recall_window_days
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:
        raise ActionError(_("These rules are out of range.")) from None
    new = {key: str(value) for key, value in values_of(current, fields).items()}
    before, after = changes(old, new)
    record(
        actor=acting_user,
        verb="accountability.settings_updated",
        target=group,
        group_id=group.pk,
        old=before,
        new=after,
    )
    return current
