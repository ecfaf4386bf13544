"""Closing ballots at their deadline: re-sealing the votes, counting them, publishing the result
and the decision, and settling the proposal or amendment that was put to the vote."""

import random
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.text import fit_to_field
from groundwork.democracy import counting
from groundwork.democracy.models import Amendment, Ballot, CastVote, Decision, Proposal
from groundwork.members.models import User


def _reseal(ballot: Ballot) -> list[CastVote]:
    """Rewrite every cast vote in random order, so storage order says nothing about who voted."""
    votes = list(CastVote.objects.filter(ballot=ballot))
    random.SystemRandom().shuffle(votes)
    CastVote.objects.filter(ballot=ballot).delete()
    resealed = [
        CastVote(
            ballot=ballot,
            receipt=v.receipt,
            content=v.content,
            weight=v.weight,
            voter_id=v.voter_id,
        )
        for v in votes
    ]
    CastVote.objects.bulk_create(resealed, batch_size=2000)
    return resealed


def count_votes(ballot: Ballot, votes: list[CastVote]) -> dict:
    """Count the ballot with the counting package and return the published result."""
    cast_weight = sum(vote.weight for vote in votes)
    quorum = Fraction(str(ballot.quorum))
    quorum_met = cast_weight >= quorum * ballot.electorate_weight
    summary = {
        "electorate": ballot.electorate_size,
        "electorate_weight": ballot.electorate_weight,
        "votes_cast": len(votes),
        "weight_cast": cast_weight,
        "turnout": f"{Fraction(cast_weight, ballot.electorate_weight or 1) * 100:.1f}"
        if ballot.electorate_weight
        else "0.0",
        "quorum": str(ballot.quorum),
        "quorum_met": quorum_met,
    }
    if ballot.method == Ballot.Method.MAJORITY:
        tally = {"yes": 0, "no": 0, "abstain": 0}
        for vote in votes:
            tally[vote.content["choice"]] += vote.weight
        result = counting.decide_majority(
            **tally,
            electorate=ballot.electorate_weight,
            quorum=quorum,
            threshold=Fraction(ballot.threshold),
        )
        return summary | {
            "count": counting.to_data(result),
            "passed": result.passed,
            "reason": result.reason,
        }
    options = list(ballot.options.all())
    key = "approved" if ballot.method == Ballot.Method.APPROVAL else "ranking"
    election = counting.Election(
        candidates=tuple(option.label for option in options),
        ballots=tuple(
            counting.Ballot(ranking=tuple(v.content[key]), weight=v.weight) for v in votes
        ),
        seats=ballot.seats,
        title=ballot.title,
        default_option=next((o.position for o in options if o.is_none_of_the_above), None),
    )
    counters: dict[str, counting.Counter] = {
        Ballot.Method.APPROVAL: counting.count_approval,
        Ballot.Method.IRV: counting.count_irv,
        Ballot.Method.STV_SCOTTISH: counting.count_scottish_stv,
        Ballot.Method.STV_MEEK: counting.count_meek_stv,
        Ballot.Method.SCHULZE: counting.count_schulze,
    }
    data = (
        counting.to_data(counters[ballot.method](election))
        if votes
        else {"elected": [], "stages": None}
    )
    return summary | {
        "count": data,
        "passed": quorum_met and bool(data.get("elected") or data.get("ranking")),
    }


def _decision_summary(ballot: Ballot, result: dict) -> str:
    """The decision log's line: stored, so it stays in the language it was written in."""
    title = {"title": ballot.title}
    if not result["quorum_met"]:
        return _("%(title)s: not decided, the quorum was not met.") % title
    if ballot.method == Ballot.Method.MAJORITY:
        if result["passed"]:
            return _("%(title)s: carried.") % title
        return _("%(title)s: not carried.") % title
    count = result["count"]
    if count.get("ranking"):
        return _("%(title)s: %(first)s first.") % (title | {"first": count["ranking"][0]})
    if not count.get("elected"):
        return _("%(title)s: elected nobody.") % title
    return _("%(title)s: elected %(names)s.") % (title | {"names": ", ".join(count["elected"])})


@transaction.atomic
def do_close_ballot(ballot: Ballot, *, acting_user: User | None = None) -> Ballot:
    """Close an open ballot at its deadline: re-seal, count, publish, and log the decision."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != Ballot.Status.OPEN or ballot.closes_at > timezone.now():
        return ballot
    votes = _reseal(ballot)
    result = count_votes(ballot, votes)
    ballot.status = Ballot.Status.CLOSED
    ballot.closed_at = timezone.now()
    ballot.result = result
    ballot.save(update_fields=["status", "closed_at", "result", "updated_at"])
    summary = _decision_summary(ballot, result)
    Decision.objects.create(
        group=ballot.group,
        ballot=ballot,
        proposal=ballot.proposal,
        summary=fit_to_field(Decision, "summary", summary),
        decided_at=ballot.closed_at,
    )
    _settle_proposal(ballot, passed=result["passed"] and result["quorum_met"], summary=summary)
    record(
        actor=acting_user,
        verb="ballot.closed",
        target=ballot,
        group_id=ballot.group_id,
        new={"summary": summary, "turnout": result["turnout"]},
    )
    return ballot


def _settle_proposal(ballot: Ballot, *, passed: bool, summary: str) -> None:
    amendment = ballot.amendment  # no query when the ballot is on no amendment
    if amendment is not None:
        amendment.status = Amendment.Status.CARRIED if passed else Amendment.Status.FALLEN
        amendment.save(update_fields=["status", "updated_at"])
        if passed:
            Proposal.objects.filter(pk=amendment.proposal_id).update(body=amendment.new_body)
        return
    if ballot.proposal_id:
        Proposal.objects.filter(pk=ballot.proposal_id).update(
            status=Proposal.Status.DECIDED,
            outcome=fit_to_field(Proposal, "outcome", summary),
            decided_at=ballot.closed_at,
        )


def do_close_ballot_at_deadline(ballot: Ballot) -> str:
    """The closing job's work: close the open ballot once its deadline has passed; if the deadline
    moved later, schedule the job again for then. Returns what happened."""
    from groundwork.democracy import tasks

    if ballot.status != Ballot.Status.OPEN:
        return "nothing to do"
    if ballot.closes_at > timezone.now():
        tasks.schedule_ballot_closing(ballot)
        return "rescheduled"
    do_close_ballot(ballot)
    return "closed"
