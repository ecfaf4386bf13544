"""Jobs of the democracy app: telling electors, reminding them, closing ballots, lapsing proposals.

Each job is an entry point: it finds what its arguments name and calls the action that does the
work. The actions are idempotent: they check the state they act on, so a retried or early job
does no harm.
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
    schedule_ballot_closing(ballot)


def schedule_ballot_closing(ballot: Ballot) -> None:
    """Close the ballot at its deadline."""
    close_ballot_at_deadline.using(run_after=ballot.closes_at).enqueue(ballot.pk)


@task()
def notify_ballot_opened(ballot_id: int) -> int:
    """Tell the electors the ballot is open (do_notify_ballot_opened)."""
    from groundwork.democracy.actions import do_notify_ballot_opened

    ballot = Ballot.objects.filter(pk=ballot_id).first()
    return do_notify_ballot_opened(ballot) if ballot else 0


@task()
def remind_ballot_electors(ballot_id: int) -> int:
    """Remind the electors who have not voted (do_remind_electors)."""
    from groundwork.democracy.actions import do_remind_electors

    ballot = Ballot.objects.filter(pk=ballot_id).first()
    return do_remind_electors(ballot) if ballot else 0


@task()
def close_ballot_at_deadline(ballot_id: int) -> str:
    """Close the ballot, or come back if its deadline moved (do_close_ballot_at_deadline)."""
    from groundwork.democracy.actions import do_close_ballot_at_deadline

    ballot = Ballot.objects.filter(pk=ballot_id).first()
    return do_close_ballot_at_deadline(ballot) if ballot else "nothing to do"


@task()
def count_sealed_ballot(ballot_id: int) -> str:
    """Open the sealed box with the tellers' shares and count (do_count_sealed_ballot). Its only
    argument is the ballot's id: the job queue holds no key, share or vote."""
    from groundwork.democracy.actions import do_count_sealed_ballot

    ballot = Ballot.objects.filter(pk=ballot_id).first()
    return do_count_sealed_ballot(ballot) if ballot else "nothing to do"


@task()
def lapse_proposal(proposal_id: int) -> bool:
    """Lapse the proposal if its discussion ended long ago without a vote (do_lapse_if_stale)."""
    from groundwork.democracy.actions import do_lapse_if_stale

    proposal = Proposal.objects.filter(pk=proposal_id).first()
    return do_lapse_if_stale(proposal) if proposal else False
