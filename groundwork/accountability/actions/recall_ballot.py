"""Recall ballots: called at a petition's threshold and opened by themselves (or, when they
cannot open yet, as soon as the body's tellers are ready, or by an organiser once they can), settled at their close (carried: the term ends
and the position falls vacant), and a by-election called for the vacancy."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.actions.recall_common import (
    RECALL_BALLOT_DAYS,
    is_in_electorate,
    log_step,
    names_of,
    tell_holder,
    tell_organisers_ballot_waits,
)
from groundwork.accountability.models import (
    Candidate,
    Election,
    RecallPetition,
    Term,
)
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy import actions as democracy
from groundwork.democracy.models import Ballot
from groundwork.groups.models import Group
from groundwork.groups.rules import holds_organising_role
from groundwork.members.models import User


def call_recall_ballot(petition: RecallPetition, *, acting_user: User) -> None:
    """The threshold is reached: the petition moves to its ballot, made now and opened now if it
    can be (a secret ballot needs tellers with keys); otherwise it waits for an organiser."""
    position = petition.term.position
    names = names_of(petition)
    ballot = democracy.do_create_ballot(
        group=position.group,
        spec=democracy.BallotSpec(
            title=_("Recall %(holder)s as %(position)s?") % names,
            description=petition.reason,
            closes_at=timezone.now() + timedelta(days=RECALL_BALLOT_DAYS),
            electorate=position.electorate,
            secret=True,
            allow_change=True,
        ),
        acting_user=acting_user,
    )
    petition.ballot, petition.status = ballot, RecallPetition.Status.BALLOT
    petition.save(update_fields=["ballot", "status", "updated_at"])
    record(
        actor=acting_user,
        verb="recall.threshold_reached",
        target=petition,
        group_id=position.group_id,
        new={"signatures": petition.signature_count, "ballot": ballot.pk},
    )
    log_step(
        petition,
        _(
            "The recall petition against %(holder)s as %(position)s reached its threshold: "
            "a recall ballot is called."
        )
        % names,
        acting_user,
    )
    tell_holder(
        petition,
        "threshold",
        _(
            "The recall petition against you as %(position)s has enough signatures: a recall ballot is called."
        )
        % names,
    )
    _try_to_open(petition, ballot, acting_user=acting_user)


def _try_to_open(petition: RecallPetition, ballot: Ballot, *, acting_user: User) -> str | None:
    """Open the recall ballot, or leave it in draft and return why (also in the audit)."""
    try:
        democracy.check_open_ballot(ballot, acting_user=acting_user)
    except ActionError as error:
        # The signatures stand; the ballot waits for what the organisers must fix (tellers
        # without keys, say), as a proposal's vote does.
        record(
            actor=None,
            verb="recall.ballot_waiting",
            target=petition,
            group_id=petition.term.position.group_id,
            new={"why": error.message},
        )
        tell_organisers_ballot_waits(petition, error.message)
        return error.message
    record(
        actor=acting_user,
        verb="recall.ballot_opened",
        target=petition,
        group_id=petition.term.position.group_id,
        new={"ballot": ballot.pk},
    )
    tell_holder(
        petition,
        "ballot-opened",
        _("The recall ballot on you as %(position)s is open.") % names_of(petition),
    )
    return None


@transaction.atomic
def check_open_recall_ballot(petition: RecallPetition, *, acting_user: User) -> Ballot:
    """An organiser opens a recall ballot that could not open by itself (tellers without keys,
    say), now that it can; it runs its full length from now."""
    petition = (
        RecallPetition.objects.select_for_update(of=("self",))
        .select_related("term__position", "term__holder", "ballot")
        .get(pk=petition.pk)
    )
    ballot = petition.ballot
    if petition.status != RecallPetition.Status.BALLOT or ballot is None:
        raise ActionError(_("This petition has no recall ballot waiting to open."))
    if ballot.status != Ballot.Status.DRAFT:
        raise ActionError(_("The recall ballot has already been opened."))
    ballot.closes_at = timezone.now() + timedelta(days=RECALL_BALLOT_DAYS)
    ballot.save(update_fields=["closes_at", "updated_at"])
    why = _try_to_open(petition, ballot, acting_user=acting_user)
    if why is not None:
        raise ActionError(why)
    ballot.refresh_from_db()
    return ballot


@transaction.atomic
def do_open_recall_ballots_waiting_for_tellers(
    group: Group | None, *, acting_user: User
) -> list[Ballot]:
    """The body's tellers are ready (democracy's `tellers_ready`): open each of its recall
    ballots that could not open by itself, each once however often this runs, for its full
    length from now; one that still cannot open stays waiting, and says why."""
    petitions = (
        RecallPetition.objects.select_for_update(of=("self",))
        .filter(
            status=RecallPetition.Status.BALLOT,
            ballot__status=Ballot.Status.DRAFT,
            ballot__group=group,
        )
        .select_related("term__position", "term__holder")
        .order_by("id")
    )
    opened = []
    for petition in petitions:
        # Read again under its lock: an organiser may have opened it since the list was read.
        ballot = Ballot.objects.select_for_update().get(recall_petition=petition)
        if ballot.status != Ballot.Status.DRAFT:
            continue
        ballot.closes_at = timezone.now() + timedelta(days=RECALL_BALLOT_DAYS)
        ballot.save(update_fields=["closes_at", "updated_at"])
        with transaction.atomic():  # one that fails leaves the others, and the tellers, alone
            if _try_to_open(petition, ballot, acting_user=acting_user) is None:
                opened.append(ballot)
    return opened


@transaction.atomic
def do_settle_recall_ballot(ballot: Ballot) -> RecallPetition | None:
    """At the close of a recall ballot (democracy's `ballot_closed`): carried, the term ends as
    recalled and the position falls vacant; otherwise the holder stays. Safe to run again."""
    petition = (
        RecallPetition.objects.select_for_update(of=("self",))
        .select_related("term__position", "term__holder")
        .filter(ballot=ballot)
        .first()
    )
    if petition is None or petition.status != RecallPetition.Status.BALLOT:
        return None
    result = ballot.result or {}
    carried = bool(result.get("passed")) and bool(result.get("quorum_met"))
    names = names_of(petition)
    term = petition.term
    if carried:
        petition.status = RecallPetition.Status.CARRIED
        if term.ended_on is None:
            term.ended_on = timezone.localdate()
            term.end_reason = Term.EndReason.RECALLED
            term.save(update_fields=["ended_on", "end_reason"])
        summary = _("%(holder)s is recalled as %(position)s: the position is vacant.") % names
        told = _("The recall ballot carried: your term as %(position)s has ended.") % names
    else:
        petition.status = RecallPetition.Status.NOT_CARRIED
        summary = _("The recall of %(holder)s as %(position)s was not carried.") % names
        told = _("The recall ballot did not carry: you remain %(position)s.") % names
    petition.save(update_fields=["status", "updated_at"])
    record(
        actor=None,
        verb="recall.carried" if carried else "recall.not_carried",
        target=petition,
        group_id=term.position.group_id,
        new={"ballot": ballot.pk, "term_ended": carried},
    )
    log_step(petition, summary, None)
    tell_holder(petition, "result", told)
    return petition


@transaction.atomic
def check_call_by_election(
    petition: RecallPetition,
    *,
    candidates: list[User],
    closes_at: datetime,
    acting_user: User,
) -> Election:
    """After a recall carried, an organiser calls a by-election for the vacant seat: a draft
    ranked ballot of the position's electorate with the candidates, and its Election row.

    Kept small and named apart so that it can give way to the positions' own election action."""
    petition = RecallPetition.objects.select_related("term__position__group").get(pk=petition.pk)
    position = petition.term.position
    if petition.status != RecallPetition.Status.CARRIED:
        raise ActionError(_("A by-election follows only a recall that carried."))
    if not holds_organising_role(acting_user, position.group_id):
        raise ActionError(_("Only organisers call a by-election."))
    if Election.objects.filter(
        position=position,
        kind=Election.Kind.BY_ELECTION,
        ballot__created_at__gte=petition.updated_at,
    ).exists():
        raise ActionError(_("A by-election has already been called for this vacancy."))
    for candidate in candidates:
        if not is_in_electorate(candidate, position):
            raise ActionError(
                _("%(name)s is not in this position's electorate.") % {"name": candidate.name},
                field="candidates",
            )
    ballot = democracy.do_create_ballot(
        group=position.group,
        spec=democracy.BallotSpec(
            title=_("By-election: %(position)s") % {"position": position.title},
            closes_at=closes_at,
            method=Ballot.Method.IRV,
            options=[candidate.name for candidate in candidates],
            electorate=position.electorate,
            secret=True,
        ),
        acting_user=acting_user,
    )
    election = Election.objects.create(
        position=position, ballot=ballot, kind=Election.Kind.BY_ELECTION
    )
    options = list(ballot.options.order_by("position"))
    Candidate.objects.bulk_create(
        Candidate(election=election, option=option, user=user)
        for option, user in zip(options, candidates, strict=True)
    )
    record(
        actor=acting_user,
        verb="recall.by_election_called",
        target=petition,
        group_id=position.group_id,
        new={"ballot": ballot.pk, "candidates": [candidate.pk for candidate in candidates]},
    )
    log_step(
        petition,
        _("A by-election is called for %(position)s.") % {"position": position.title},
        acting_user,
    )
    return election
