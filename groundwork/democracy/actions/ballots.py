"""Creating, opening and cancelling ballots, and telling their electors (closing: closing.py)."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy.actions.tellers import seal_ballot_box
from groundwork.democracy.models import (
    Amendment,
    Ballot,
    CastVote,
    Delegate,
    Elector,
    KeyShare,
    Option,
    Proposal,
    SealedVote,
)
from groundwork.democracy.queries import groups_without_delegates
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind


@dataclass(frozen=True)
class BallotSpec:
    """What a ballot asks and how it counts, as validated by a form or an API call."""

    title: str
    closes_at: datetime
    method: str = Ballot.Method.MAJORITY
    options: list[str] = field(default_factory=list)
    description: str = ""
    seats: int = 1
    quorum: Decimal = Decimal("0")
    threshold: str = Ballot.Threshold.SIMPLE
    electorate: str = Ballot.Electorate.GROUP
    secret: bool = True
    allow_change: bool = True
    none_of_the_above: bool = False


def check_ballot_spec(spec: BallotSpec, *, group: Group | None) -> None:
    """Refuse a ballot that could not be counted, with the reason."""
    if spec.closes_at <= timezone.now():
        raise ActionError(_("The closing time must be in the future."), field="closes_at")
    if spec.method == Ballot.Method.MAJORITY:
        if spec.options:
            raise ActionError(_("A yes / no vote has no options to list."), field="options")
    else:
        if len(spec.options) < 2:
            raise ActionError(_("List at least two options or candidates."), field="options")
        if len(set(o.strip().lower() for o in spec.options)) != len(spec.options):
            raise ActionError(_("Two options have the same name."), field="options")
        if spec.seats >= len(spec.options):
            raise ActionError(_("There must be more candidates than seats."), field="seats")
    if spec.seats > 1 and spec.method not in {
        Ballot.Method.STV_SCOTTISH,
        Ballot.Method.STV_MEEK,
        Ballot.Method.APPROVAL,
    }:
        raise ActionError(_("Only STV and approval votes fill more than one seat."), field="seats")
    if spec.electorate == Ballot.Electorate.GROUP and group is None:
        raise ActionError(
            _("An alliance-wide ballot needs the alliance or the delegates as its electorate."),
            field="electorate",
        )
    if spec.electorate != Ballot.Electorate.GROUP and group is not None:
        raise ActionError(
            _("A group's ballot is voted on by the group's members."), field="electorate"
        )


@transaction.atomic
def do_create_ballot(
    *,
    group: Group | None,
    spec: BallotSpec,
    acting_user: User,
    proposal: Proposal | None = None,
    amendment: Amendment | None = None,
) -> Ballot:
    """Create a ballot in draft, with its options in the order given."""
    check_ballot_spec(spec, group=group)
    ballot = Ballot.objects.create(
        group=group,
        proposal=proposal,
        amendment=amendment,
        title=spec.title,
        description=spec.description,
        method=spec.method,
        seats=spec.seats,
        quorum=spec.quorum,
        threshold=spec.threshold,
        electorate=spec.electorate,
        secret=spec.secret,
        allow_change=spec.allow_change,
        none_of_the_above=spec.none_of_the_above,
        closes_at=spec.closes_at,
        created_by=acting_user,
    )
    labels = _write_options(ballot, spec)
    record(
        actor=acting_user,
        verb="ballot.created",
        target=ballot,
        group_id=group.pk if group else None,
        new={"method": spec.method, "closes_at": spec.closes_at.isoformat(), "options": labels},
    )
    return ballot


def _write_options(ballot: Ballot, spec: BallotSpec) -> list[str]:
    """The ballot's options in the order given (and "None of the above" last if asked); their
    labels."""
    labels = [label.strip() for label in spec.options]
    if spec.none_of_the_above and spec.method != Ballot.Method.MAJORITY:
        # Stored as the option's label, in the language of whoever made the ballot.
        labels.append(_("None of the above"))
    Option.objects.bulk_create(
        Option(
            ballot=ballot,
            label=label,
            position=position,
            is_none_of_the_above=spec.none_of_the_above and position == len(labels) - 1,
        )
        for position, label in enumerate(labels)
    )
    return labels


def _snapshot_electorate(ballot: Ballot) -> None:
    """Fix who may vote, once, as the ballot opens: later joiners do not change the count."""
    if ballot.electorate == Ballot.Electorate.DELEGATES:
        _snapshot_delegates(ballot)
        return
    members = Membership._meta.db_table
    electors = Elector._meta.db_table
    where = "WHERE group_id = %s" if ballot.electorate == Ballot.Electorate.GROUP else ""
    params = [ballot.pk] + ([ballot.group_id] if where else [])
    # One statement however large the alliance; each member once even if in several groups.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {electors} (ballot_id, user_id, weight, voted_on) "
            f"SELECT %s, user_id, 1, NULL FROM {members} {where} GROUP BY user_id",
            params,
        )


def _snapshot_delegates(ballot: Ballot) -> None:
    """Each group's delegates share its weight (its membership), remainder to the first named."""
    by_group: dict[int, list[int]] = {}
    for group_id, user_id in Delegate.objects.order_by(
        "group_id", "appointed_at", "id"
    ).values_list("group_id", "user_id"):
        by_group.setdefault(group_id, []).append(user_id)
    sizes = dict(Group.objects.filter(pk__in=by_group).values_list("pk", "member_count"))
    weights: dict[int, int] = {}
    for group_id, delegates in by_group.items():
        share, remainder = divmod(sizes[group_id], len(delegates))
        for index, user_id in enumerate(delegates):
            weights[user_id] = weights.get(user_id, 0) + share + (1 if index < remainder else 0)
    Elector.objects.bulk_create(
        (
            Elector(ballot=ballot, user_id=user_id, weight=weight)
            for user_id, weight in weights.items()
            if weight
        ),
        batch_size=1000,
    )


class GroupsWithoutDelegates(ActionError):
    """Refused: local groups have no delegates, so their members would have no voice; `groups`
    are those groups, to show the coordinator before they confirm."""

    def __init__(self, message: str, *, groups: list[Group], changed: bool) -> None:
        super().__init__(message, field="without_delegates_from")
        self.groups = groups
        self.changed = changed


def _check_groups_without_delegates(
    ballot: Ballot, *, confirmed: Collection[int] | None
) -> list[dict[str, object]] | None:
    """The groups a delegates ballot opens without (for the audit), if they are exactly those
    the coordinator confirmed; None for any other electorate."""
    if ballot.electorate != Ballot.Electorate.DELEGATES:
        return None
    groups = list(groups_without_delegates())
    if not groups or (confirmed is not None and {g.pk for g in groups} == set(confirmed)):
        return [{"id": group.pk, "name": group.name} for group in groups]
    count = len(groups)
    if confirmed is None:
        message = ngettext(
            "%(count)d local group has members but no delegates: its members would have no "
            "voice in this ballot. Open it without their votes only if you mean to.",
            "%(count)d local groups have members but no delegates: their members would have no "
            "voice in this ballot. Open it without their votes only if you mean to.",
            count,
        )
    else:
        message = ngettext(
            "The groups without delegates have changed since you were shown them: %(count)d "
            "local group has none now. Check the list again.",
            "The groups without delegates have changed since you were shown them: %(count)d "
            "local groups have none now. Check the list again.",
            count,
        )
    raise GroupsWithoutDelegates(
        message % {"count": count}, groups=groups, changed=confirmed is not None
    )


@transaction.atomic
def check_open_ballot(
    ballot: Ballot,
    *,
    acting_user: User,
    without_delegates_from: Collection[int] | None = None,
    close_when_all_voted: bool = False,
) -> Ballot:
    """Open a draft ballot: fix its electorate, schedule its close and reminder, tell the electors.

    A ballot of delegates opens while local groups have none only if `without_delegates_from`
    names exactly those groups, as the coordinator was shown them. With `close_when_all_voted`,
    voting also stops as soon as every elector has voted."""
    from groundwork.democracy import tasks

    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != Ballot.Status.DRAFT:
        raise ActionError(_("This ballot has already been opened."))
    if ballot.closes_at <= timezone.now() + timedelta(minutes=5):
        raise ActionError(
            _("Set a closing time at least five minutes away before opening the vote.")
        )
    if ballot.secret:
        seal_ballot_box(ballot)  # first: without tellers' keys, nothing else is worth asking
    without_delegates = _check_groups_without_delegates(ballot, confirmed=without_delegates_from)
    _snapshot_electorate(ballot)
    totals = Elector.objects.filter(ballot=ballot).aggregate(weight=Sum("weight"))
    ballot.electorate_size = Elector.objects.filter(ballot=ballot).count()
    ballot.electorate_weight = totals["weight"] or 0
    if not ballot.electorate_size:
        raise ActionError(_("Nobody is in this ballot's electorate yet."))
    ballot.status = Ballot.Status.OPEN
    ballot.opens_at = timezone.now()
    ballot.close_when_all_voted = close_when_all_voted
    ballot.save(
        update_fields=[
            "status",
            "opens_at",
            "close_when_all_voted",
            "electorate_size",
            "electorate_weight",
            "box_public_key",
            "shares_needed",
            "updated_at",
        ]
    )
    group_page_changed(ballot.group_id)  # its open ballots
    record(
        actor=acting_user,
        verb="ballot.opened",
        target=ballot,
        group_id=ballot.group_id,
        new={
            "electorate": ballot.electorate_size,
            "weight": ballot.electorate_weight,
            "close_when_all_voted": close_when_all_voted,
        }
        | ({} if without_delegates is None else {"groups_without_delegates": without_delegates}),
    )
    transaction.on_commit(lambda: tasks.schedule_ballot_jobs(ballot))
    return ballot


@transaction.atomic
def check_cancel_ballot(ballot: Ballot, *, acting_user: User) -> None:
    """Cancel a ballot that has not closed; its votes are discarded uncounted."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status == Ballot.Status.CLOSED:
        raise ActionError(_("A closed ballot cannot be cancelled: its result stands."))
    ballot.status = Ballot.Status.CANCELLED
    ballot.save(update_fields=["status", "updated_at"])
    group_page_changed(ballot.group_id)  # its open ballots, and the proposal back in discussion
    CastVote.objects.filter(ballot=ballot).delete()
    SealedVote.objects.filter(ballot=ballot).delete()
    KeyShare.objects.filter(ballot=ballot).delete()
    if ballot.proposal_id and ballot.amendment_id is None:
        Proposal.objects.filter(pk=ballot.proposal_id, status=Proposal.Status.VOTING).update(
            status=Proposal.Status.DISCUSSION
        )
    record(actor=acting_user, verb="ballot.cancelled", target=ballot, group_id=ballot.group_id)


def do_notify_ballot_opened(ballot: Ballot) -> int:
    """Tell every elector that the ballot is open (once each, in the app and by email); nobody
    once it has closed or been cancelled."""
    if ballot.status != Ballot.Status.OPEN:
        return 0
    url = reverse("democracy:ballot", args=[ballot.pk])
    closes = timezone.localtime(ballot.closes_at)
    time = date_format(closes, "H:i")
    user_ids = Elector.objects.filter(ballot=ballot).values_list("user_id", flat=True)
    return do_notify(
        user_ids,
        kind=NotificationKind.DEMOCRACY,
        key=f"ballot-{ballot.pk}-opened",
        url=url,
        text=_("Voting is open: %(title)s (closes %(date)s at %(time)s)")
        % {"title": ballot.title, "date": date_format(closes, "j F"), "time": time},
        email_subject=_("Voting is open: %(title)s") % {"title": ballot.title},
        email_body=_("You can vote in “%(title)s” until %(time)s on %(date)s.")
        % {"title": ballot.title, "time": time, "date": date_format(closes, "j F Y")},
    )


def do_remind_electors(ballot: Ballot) -> int:
    """The day before the close, remind the electors who have not voted yet."""
    ballot.refresh_from_db()
    if ballot.status != Ballot.Status.OPEN:
        return 0
    url = reverse("democracy:ballot", args=[ballot.pk])
    closes = timezone.localtime(ballot.closes_at)
    time = date_format(closes, "H:i")
    user_ids = Elector.objects.filter(ballot=ballot, voted_on=None).values_list(
        "user_id", flat=True
    )
    return do_notify(
        user_ids,
        kind=NotificationKind.DEMOCRACY,
        key=f"ballot-{ballot.pk}-reminder",
        url=url,
        text=_("Voting closes tomorrow: %(title)s") % {"title": ballot.title},
        email_subject=_("Voting closes tomorrow: %(title)s") % {"title": ballot.title},
        email_body=_(
            "You have not voted yet in “%(title)s”. Voting closes at %(time)s on %(date)s."
        )
        % {"title": ballot.title, "time": time, "date": date_format(closes, "j F Y")},
    )
