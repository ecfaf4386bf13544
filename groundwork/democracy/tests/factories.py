"""Domain verbs for democracy tests: tellers appointed, ballots opened, votes cast, deadlines
passed, shares given."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Ballot, KeyShare, TellingPanel

# The teller codes handed out in this test process, by (group id or None, user id): a test plays
# the tellers, who keep their codes outside the database.
TELLER_CODES: dict[tuple[int | None, int], str] = {}


def appoint_tellers(group, organiser, tellers=None, *, needed: int = 1, **options) -> TellingPanel:
    """Appoint `tellers` (default: the organiser alone) and have each take their key."""
    tellers = tellers or [organiser]
    panel = actions.check_appoint_tellers(
        group, tellers=tellers, needed=needed, acting_user=organiser, **options
    )
    for teller in tellers:
        code = actions.check_take_teller_key(group, acting_user=teller)
        TELLER_CODES[(group.pk if group else None, teller.pk)] = code
    return panel


def open_ballot(group, organiser, *, close_when_all_voted: bool = False, **spec) -> Ballot:
    """Create and open a ballot of `group` (None: the alliance) closing in a week (or as soon as
    everyone has voted); a secret one gets the organiser as its one teller if the body has none."""
    fields: dict[str, Any] = {
        "title": "Should we occupy the town hall steps?",
        "closes_at": timezone.now() + timedelta(days=7),
    }
    fields |= spec
    if fields.get("secret", True) and not TellingPanel.objects.filter(group=group).exists():
        appoint_tellers(group, organiser)
    ballot = actions.do_create_ballot(
        group=group, spec=actions.BallotSpec(**fields), acting_user=organiser
    )
    return actions.check_open_ballot(
        ballot, acting_user=organiser, close_when_all_voted=close_when_all_voted
    )


def vote_for(ballot: Ballot, member, **content) -> str | None:
    """Cast `member`'s vote: choice="yes", approved=[0, 2] or ranking=[2, 0, 1]. Returns the
    tracker of a secret vote."""
    return actions.check_cast_vote(ballot, content=content, acting_user=member)


def close_voting(ballot: Ballot) -> Ballot:
    """Move the deadline into the past and stop voting as the job would (a secret ballot then
    waits for its tellers)."""
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    ballot.refresh_from_db()
    return actions.do_close_ballot(ballot)


def give_shares(ballot: Ballot, count: int | None = None) -> int:
    """The first `count` tellers (default: as many as needed) give their shares."""
    shares = KeyShare.objects.filter(ballot=ballot).select_related("teller")
    given = 0
    for share in list(shares)[: count if count is not None else ballot.shares_needed]:
        code = TELLER_CODES[(ballot.group_id, share.teller_id)]
        given = actions.check_give_share(ballot, code=code, acting_user=share.teller)
    return given


def fast_forward_past_deadline(ballot: Ballot) -> Ballot:
    """Close the ballot as the jobs would: stop voting, and for a secret ballot have its tellers
    give their shares and run the count."""
    ballot = close_voting(ballot)
    if ballot.status == Ballot.Status.COUNTING:
        give_shares(ballot)
        actions.do_count_sealed_ballot(ballot)
        ballot.refresh_from_db()
    return ballot
