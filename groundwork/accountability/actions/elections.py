"""Elections that fill a position: calling one (a democracy ballot with the candidates as its
options), and its elected candidates taking office, once, as the ballot closes."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.actions.positions import (
    add_months,
    current_terms,
    keep_delegates_in_step,
    members_among,
    position_url,
    tell_holders,
)
from groundwork.accountability.models import Candidate, Election, Position, Term
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy import actions as democracy
from groundwork.democracy.models import Ballot, Decision
from groundwork.members.models import User


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
    if members_among(position.group_id, candidate_ids) != set(candidate_ids):
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
        options=[c.name for c in candidates],
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
    keep_delegates_in_step(position, added=new_ids, removed=ended_ids - new_ids, acting_user=None)
    tell_holders(position, elected=new_ids, ended=ended_ids - new_ids, key=f"ballot-{ballot.pk}")
    return terms
