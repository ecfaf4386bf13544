"""Jobs of the democracy app: telling electors, reminding them, closing ballots, lapsing proposals.

Each job is idempotent: it checks the state it acts on, so a retried or early job does no harm.
"""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from groundwork.democracy.models import Ballot, Proposal


def schedule_ballot_jobs(ballot: Ballot) -> None:
    """After a ballot opens: tell the electors now, remind them a day before, close at the deadline."""
    notify_ballot_opened.enqueue(ballot.pk)
    reminder_at = ballot.closes_at - timedelta(days=1)
    if reminder_at > timezone.now():
        remind_ballot_electors.using(run_after=reminder_at).enqueue(ballot.pk)
    close_ballot_at_deadline.using(run_after=ballot.closes_at).enqueue(ballot.pk)


@task()
def notify_ballot_opened(ballot_id: int) -> int:
    from groundwork.democracy.actions.ballots import notify_opened

    ballot = Ballot.objects.filter(pk=ballot_id, status=Ballot.Status.OPEN).first()
    return notify_opened(ballot) if ballot else 0


@task()
def remind_ballot_electors(ballot_id: int) -> int:
    from groundwork.democracy.actions.ballots import remind_electors

    ballot = Ballot.objects.filter(pk=ballot_id).first()
    return remind_electors(ballot) if ballot else 0


@task()
def close_ballot_at_deadline(ballot_id: int) -> str:
    """Close the ballot; if the deadline moved later, come back then."""
    from groundwork.democracy.actions.ballots import close_ballot

    ballot = Ballot.objects.filter(pk=ballot_id).first()
    if ballot is None or ballot.status != Ballot.Status.OPEN:
        return "nothing to do"
    if ballot.closes_at > timezone.now():
        close_ballot_at_deadline.using(run_after=ballot.closes_at).enqueue(ballot_id)
        return "rescheduled"
    close_ballot(ballot)
    return "closed"


@task()
def lapse_proposal(proposal_id: int) -> bool:
    from groundwork.democracy.actions.proposals import lapse_if_stale

    proposal = Proposal.objects.filter(pk=proposal_id).first()
    return lapse_if_stale(proposal) if proposal else False
