"""Positions of a group or the alliance and the terms of their holders: creating a position,
filling it by an election (its candidates take office as the ballot closes) or by an appointment
that the decision log records, holders stepping down or having their term ended; the delegates
of a group kept in step with its delegate positions; a group's accountability rules."""

import calendar
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.models import (
    AccountabilitySettings,
    Candidate,
    Election,
    Position,
    Term,
)
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy import actions as democracy
from groundwork.democracy.models import Ballot, Decision, Delegate
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it is shorter (31 Jan + 1 →
    28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def position_url(position: Position) -> str:
    return reverse("accountability:position", args=[position.pk])


def _in_scope(group_id: int | None, user_ids: list[int]) -> set[int]:
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
    old = {name: getattr(position, name) for name in fields}
    values = (title.strip(), kind, description, seats, term_months, electorate)
    new = dict(zip(fields, values, strict=True))
    for name, value in new.items():
        setattr(position, name, value)
    position.save(update_fields=[*fields, "updated_at"])
    record(
        actor=acting_user,
        verb="position.updated",
        target=position,
        group_id=position.group_id,
        old={k: v for k, v in old.items() if new[k] != v},
        new={k: v for k, v in new.items() if old[k] != v},
    )
    if kind != old["kind"]:
        holder_ids = set(
            Term.objects.filter(position=position, ended_on__isnull=True).values_list(
                "holder_id", flat=True
            )
        )
        was = old["kind"] == Position.Kind.DELEGATE
        _keep_delegates_in_step(
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


@transaction.atomic
def check_call_election(
    position: Position,
    *,
    candidate_ids: list[int],
    closes_at: datetime,
    method: str,
    kind: str = Election.Kind.ELECTION,
    acting_user: User,
) -> Election:
    """Create the ballot (in draft, secret, the position's electorate) that fills the position:
    every seat for an election, the vacant ones for a by-election; its options are the
    candidates, members of the position's scope."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    holders = current_terms(position)
    seats = position.seats
    if kind == Election.Kind.BY_ELECTION:
        seats -= len(holders)
        if seats < 1:
            raise ActionError(_("No seat is vacant: a by-election has nothing to fill."))
        if {t.holder_id for t in holders} & set(candidate_ids):
            raise ActionError(
                _("A holder already has a seat and cannot stand in a by-election."),
                field="candidates",
            )
    if Election.objects.filter(
        position=position,
        taken_up_at__isnull=True,
        ballot__status__in=[Ballot.Status.DRAFT, Ballot.Status.OPEN, Ballot.Status.COUNTING],
    ).exists():
        raise ActionError(_("An election for this position is already under way."))
    if len(set(candidate_ids)) != len(candidate_ids):
        raise ActionError(_("A candidate is named twice."), field="candidates")
    if _in_scope(position.group_id, candidate_ids) != set(candidate_ids):
        raise ActionError(
            _("Candidates must be members of those who elect the position."), field="candidates"
        )
    people = User.objects.in_bulk(candidate_ids)
    candidates = [people[pk] for pk in candidate_ids]
    title = (
        _("By-election: %(position)s")
        if kind == Election.Kind.BY_ELECTION
        else _("Election: %(position)s")
    ) % {"position": position.title}
    spec = democracy.BallotSpec(
        title=title,
        description=_("Candidates for %(count)d seat(s). The position: %(link)s")
        % {"count": seats, "link": position_url(position)},
        closes_at=closes_at,
        method=method,
        options=[c.display_name or c.email for c in candidates],
        seats=seats,
        electorate=position.electorate,
        secret=True,
    )
    ballot = democracy.do_create_ballot(group=position.group, spec=spec, acting_user=acting_user)
    election = Election.objects.create(position=position, ballot=ballot, kind=kind)
    options = list(ballot.options.order_by("position"))
    Candidate.objects.bulk_create(
        Candidate(election=election, option=option, user=candidate)
        for option, candidate in zip(options, candidates, strict=False)
    )
    record(
        actor=acting_user,
        verb="position.election_called",
        target=position,
        group_id=position.group_id,
        new={"ballot": ballot.pk, "kind": kind, "seats": seats, "candidates": candidate_ids},
    )
    return election


def do_take_office(ballot: Ballot, *, decision: Decision | None = None) -> list[Term]:
    """The elected candidates of a closed election ballot take office on the close date, once
    (a second call finds `taken_up_at` set); in an election, the terms it replaces end. Nothing
    for a ballot that fills no position."""
    with transaction.atomic():
        election = (
            Election.objects.select_for_update(of=("self",))
            .select_related("position")
            .filter(ballot_id=ballot.pk)
            .first()
        )
        if election is None or election.taken_up_at is not None:
            return []
        if ballot.status != Ballot.Status.CLOSED or not ballot.result:
            return []
        return _take_office(election, ballot)


def _take_office(election: Election, ballot: Ballot) -> list[Term]:
    position = election.position
    result = ballot.result or {}
    # A count that missed its quorum elects nobody, whatever its stages say.
    labels = (result.get("count", {}).get("elected") or []) if result.get("quorum_met") else []
    by_label = {
        c.option.label: c for c in election.candidates.select_related("option", "user").all()
    }
    elected = [by_label[label] for label in labels if label in by_label]
    starts_on = timezone.localdate(ballot.closed_at or timezone.now())
    ended: list[Term] = []
    if election.kind == Election.Kind.ELECTION and elected:
        ended = current_terms(position)
    for term in ended:
        term.ended_on = starts_on
        term.end_reason = Term.EndReason.TERM_ENDED
    Term.objects.bulk_update(ended, ["ended_on", "end_reason"])
    sitting = set(
        Term.objects.filter(position=position, ended_on__isnull=True).values_list(
            "holder_id", flat=True
        )
    )
    terms = Term.objects.bulk_create(
        Term(
            position=position,
            holder=candidate.user,
            how=Term.How.ELECTED,
            ballot=ballot,
            starts_on=starts_on,
            ends_on=add_months(starts_on, position.term_months),
        )
        for candidate in elected
        if candidate.user_id not in sitting
    )
    election.taken_up_at = timezone.now()
    election.save(update_fields=["taken_up_at"])
    record(
        actor=None,
        verb="position.filled",
        target=position,
        group_id=position.group_id,
        new={
            "ballot": ballot.pk,
            "elected": [t.holder_id for t in terms],
            "ended": [t.holder_id for t in ended],
        },
    )
    new_ids = {t.holder_id for t in terms}
    ended_ids = {t.holder_id for t in ended}
    _keep_delegates_in_step(position, added=new_ids, removed=ended_ids - new_ids, acting_user=None)
    _tell_holders(position, elected=new_ids, ended=ended_ids - new_ids, key=f"ballot-{ballot.pk}")
    return terms


def _tell_holders(position: Position, *, elected: set[int], ended: set[int], key: str) -> None:
    """On commit, tell those who took office and those whose term ended."""
    url = position_url(position)
    title = position.title

    def notify() -> None:
        if elected:
            do_notify(
                elected,
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
                key=f"position-{position.pk}-{key}-ended",
                url=url,
                text=_("Your term as %(title)s has ended.") % {"title": title},
            )

    transaction.on_commit(notify)


def _keep_delegates_in_step(
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
    wanted &= _in_scope(group.pk, sorted(wanted))
    if wanted != current:
        democracy.do_set_delegates(group, user_ids=sorted(wanted), acting_user=acting_user)


@transaction.atomic
def check_appoint(
    position: Position,
    *,
    holder_id: int,
    appointment: str,
    starts_on: date | None = None,
    acting_user: User,
) -> Term:
    """Appoint a member to a vacant seat by a decision taken outside a ballot (`appointment`
    says which), logged in the decision log with a link to the position."""
    position = (
        Position.objects.select_for_update(of=("self",)).select_related("group").get(pk=position.pk)
    )
    if not appointment.strip():
        raise ActionError(_("Say how the appointment was decided."), field="appointment")
    if not _in_scope(position.group_id, [holder_id]):
        raise ActionError(
            _("The holder must be a member of those the position answers to."), field="holder"
        )
    holders = current_terms(position)
    if any(term.holder_id == holder_id for term in holders):
        raise ActionError(_("They already hold this position."), field="holder")
    if len(holders) >= position.seats:
        raise ActionError(_("Every seat is filled: end a term before appointing someone."))
    holder = User.objects.get(pk=holder_id)
    starts_on = starts_on or timezone.localdate()
    decision = democracy.do_log_decision(
        group=position.group,
        summary=_("%(name)s appointed %(title)s: %(appointment)s")
        % {"name": holder.display_name, "title": position.title, "appointment": appointment},
        link=position_url(position),
        acting_user=acting_user,
    )
    term = Term.objects.create(
        position=position,
        holder=holder,
        how=Term.How.APPOINTED,
        decision=decision,
        appointment=appointment.strip(),
        starts_on=starts_on,
        ends_on=add_months(starts_on, position.term_months),
    )
    record(
        actor=acting_user,
        verb="position.appointed",
        target=position,
        group_id=position.group_id,
        new={"holder": holder_id, "decision": decision.pk, "starts_on": starts_on.isoformat()},
    )
    _keep_delegates_in_step(position, added={holder_id}, removed=set(), acting_user=acting_user)
    _tell_holders(position, elected={holder_id}, ended=set(), key=f"term-{term.pk}")
    return term


def end_term(term: Term, *, reason: str, on: date | None = None) -> Term:
    """End a current term (the caller holds the transaction and writes the audit entry)."""
    term.ended_on = on or timezone.localdate()
    if term.ended_on < term.starts_on:
        term.ended_on = term.starts_on
    term.end_reason = reason
    term.save(update_fields=["ended_on", "end_reason"])
    return term


@transaction.atomic
def check_step_down(position: Position, *, acting_user: User) -> Term:
    """The holder steps down from the position today; their term ends and the history keeps it."""
    term = (
        Term.objects.select_for_update()
        .filter(position=position, holder=acting_user, ended_on__isnull=True)
        .first()
    )
    if term is None:
        raise ActionError(_("You do not hold this position."))
    end_term(term, reason=Term.EndReason.STEPPED_DOWN)
    record(
        actor=acting_user,
        verb="term.stepped_down",
        target=term,
        group_id=position.group_id,
        new={"ended_on": str(term.ended_on)},
    )
    _keep_delegates_in_step(
        position, added=set(), removed={acting_user.pk}, acting_user=acting_user
    )
    return term


# An organiser ends a term for these reasons; a recall ends it through the recall ballot.
ORGANISER_END_REASONS = (
    Term.EndReason.TERM_ENDED,
    Term.EndReason.STEPPED_DOWN,
    Term.EndReason.LEFT_THE_GROUP,
)


@transaction.atomic
def check_end_term(term: Term, *, reason: str, acting_user: User) -> Term:
    """An organiser ends a holder's current term (its end reached, they stepped down, or they
    left the group); the holder is told."""
    term = Term.objects.select_for_update(of=("self",)).select_related("position").get(pk=term.pk)
    if term.ended_on is not None:
        raise ActionError(_("This term has already ended."))
    if reason not in ORGANISER_END_REASONS:
        raise ActionError(_("Choose why the term ends."), field="reason")
    end_term(term, reason=reason)
    position = term.position
    record(
        actor=acting_user,
        verb="term.ended",
        target=term,
        group_id=position.group_id,
        new={"reason": reason, "ended_on": str(term.ended_on)},
    )
    _keep_delegates_in_step(
        position, added=set(), removed={term.holder_id}, acting_user=acting_user
    )
    _tell_holders(position, elected=set(), ended={term.holder_id}, key=f"term-{term.pk}")
    return term


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
    old = {name: str(getattr(current, name)) for name in fields}
    current.report_due_days = report_due_days
    current.recall_share = recall_share
    current.recall_window_days = recall_window_days
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:
        raise ActionError(_("These rules are out of range.")) from None
    record(
        actor=acting_user,
        verb="accountability.settings_updated",
        target=group,
        group_id=group.pk,
        old=old,
        new={name: str(getattr(current, name)) for name in fields},
    )
    return current
