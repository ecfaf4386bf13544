"""Domain verbs for democracy tests: ballots opened, votes cast, deadlines passed."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Ballot


def open_ballot(group, organiser, **spec) -> Ballot:
    """Create and open a ballot of `group` (None: the alliance) closing in a week."""
    fields: dict[str, Any] = {
        "title": "Should we occupy the town hall steps?",
        "closes_at": timezone.now() + timedelta(days=7),
    }
    fields |= spec
    ballot = actions.do_create_ballot(
        group=group, spec=actions.BallotSpec(**fields), acting_user=organiser
    )
    return actions.check_open_ballot(ballot, acting_user=organiser)


def vote_for(ballot: Ballot, member, **content) -> str:
    """Cast `member`'s vote: choice="yes", approved=[0, 2] or ranking=[2, 0, 1]."""
    return actions.check_cast_vote(ballot, content=content, acting_user=member)


def fast_forward_past_deadline(ballot: Ballot) -> Ballot:
    """Move the deadline into the past and close the ballot as the job would."""
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    ballot.refresh_from_db()
    return actions.do_close_ballot(ballot)
