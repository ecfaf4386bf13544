"""Proposals through their lifecycle: draft → discussion → voting → decided, withdrawn or lapsed."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy.actions.ballots import BallotSpec, check_open_ballot, do_create_ballot
from groundwork.democracy.models import (
    Amendment,
    Ballot,
    Comment,
    Delegate,
    Proposal,
    Support,
)
from groundwork.democracy.queries import settings_for
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User

# A proposal whose discussion ended without a vote lapses after this long.
LAPSE_AFTER = timedelta(days=28)
# When enough supporters move a proposal to a vote by themselves, the vote runs this long.
SUPPORTED_VOTE_DAYS = 7


def _log(proposal: Proposal, verb: str, actor: User | None, **changes: Any) -> None:
    record(actor=actor, verb=verb, target=proposal, group_id=proposal.group_id, **changes)


@transaction.atomic
def do_create_proposal(
    *, group: Group | None, title: str, body: str, submit: bool, acting_user: User
) -> Proposal:
    """Write a proposal; submitted straight away, or kept as the proposer's draft."""
    proposal = Proposal.objects.create(
        group=group,
        title=title,
        body=body,
        proposer=acting_user,
        supporters_to_vote=settings_for(group).supporters_to_vote,
    )
    _log(proposal, "proposal.created", acting_user, new={"title": title})
    if submit:
        do_submit_proposal(proposal, acting_user=acting_user)
    return proposal


@transaction.atomic
def do_submit_proposal(proposal: Proposal, *, acting_user: User) -> Proposal:
    """Move a draft into discussion, for the group's discussion period."""
    from groundwork.democracy import tasks

    if proposal.status != Proposal.Status.DRAFT:
        return proposal
    days = settings_for(proposal.group).discussion_days
    proposal.status = Proposal.Status.DISCUSSION
    proposal.discussion_closes_at = timezone.now() + timedelta(days=days)
    proposal.save(update_fields=["status", "discussion_closes_at", "updated_at"])
    group_page_changed(proposal.group_id)  # its proposals under way
    _log(
        proposal,
        "proposal.submitted",
        acting_user,
        new={"discussion_closes_at": proposal.discussion_closes_at.isoformat()},
    )
    lapse_at = proposal.discussion_closes_at + LAPSE_AFTER
    transaction.on_commit(
        lambda: tasks.lapse_proposal.using(run_after=lapse_at).enqueue(proposal.pk)
    )
    return proposal


@transaction.atomic
def do_withdraw_proposal(proposal: Proposal, *, acting_user: User) -> None:
    """The proposer withdraws a proposal that is not being voted on."""
    if proposal.status not in {Proposal.Status.DRAFT, Proposal.Status.DISCUSSION}:
        raise ActionError(_("Only a draft or a proposal in discussion can be withdrawn."))
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    group_page_changed(proposal.group_id)  # its proposals under way
    _log(proposal, "proposal.withdrawn", acting_user)


@transaction.atomic
def do_lapse_if_stale(proposal: Proposal) -> bool:
    """Lapse a proposal whose discussion ended long ago without a vote (run by a job)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.DISCUSSION or proposal.discussion_closes_at is None:
        return False
    if proposal.discussion_closes_at + LAPSE_AFTER > timezone.now():
        return False
    proposal.status = Proposal.Status.LAPSED
    proposal.save(update_fields=["status", "updated_at"])
    group_page_changed(proposal.group_id)  # its proposals under way
    _log(proposal, "proposal.lapsed", None)
    return True


@transaction.atomic
def do_comment(
    proposal: Proposal, *, body: str, parent: Comment | None, acting_user: User
) -> Comment:
    """Add a comment to the discussion, or a reply to a comment on the same proposal."""
    if parent is not None and parent.proposal_id != proposal.pk:
        raise ActionError(_("You can only reply to a comment on this proposal."))
    comment = Comment.objects.create(
        proposal=proposal, parent=parent, author=acting_user, body=body
    )
    record(actor=acting_user, verb="comment.added", target=comment, group_id=proposal.group_id)
    return comment


@transaction.atomic
def check_support_proposal(proposal: Proposal, *, acting_user: User) -> Proposal:
    """Support a proposal (once); with enough supporters it moves to a vote by itself."""
    if proposal.status != Proposal.Status.DISCUSSION:
        raise ActionError(_("Only a proposal in discussion can gather support."))
    try:
        with transaction.atomic():
            Support.objects.create(proposal=proposal, user=acting_user)
    except IntegrityError:
        return proposal
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
    proposal.refresh_from_db()
    _log(proposal, "proposal.supported", acting_user, new={"supporters": proposal.support_count})
    needed = proposal.supporters_to_vote
    if needed and proposal.support_count >= needed and not _amendments_pending(proposal):
        _open_supported_vote(proposal, acting_user=acting_user)
    return proposal


def _open_supported_vote(proposal: Proposal, *, acting_user: User) -> bool:
    """Open the vote that enough support asked for; if it cannot open yet, log why and wait."""
    spec = BallotSpec(
        title=proposal.title,
        closes_at=timezone.now() + timedelta(days=SUPPORTED_VOTE_DAYS),
        electorate=Ballot.Electorate.GROUP if proposal.group_id else Ballot.Electorate.ALLIANCE,
    )
    try:
        with transaction.atomic():
            _open_vote(proposal, spec, acting_user=acting_user)
    except ActionError as error:
        # The supporters' support stands; the vote waits for what the organisers must fix
        # (tellers without keys, say), and the log says why.
        _log(proposal, "proposal.vote_waiting", None, new={"why": error.message})
        return False
    return True


def do_open_votes_waiting_for_tellers(group: Group | None, *, acting_user: User) -> int:
    """Open the votes that the body's proposals earned by support while its tellers were not
    ready (each once, under a lock); returns how many opened."""
    waiting = Proposal.objects.filter(
        group=group,
        status=Proposal.Status.DISCUSSION,
        supporters_to_vote__gt=0,
        support_count__gte=F("supporters_to_vote"),
    ).values_list("pk", flat=True)
    opened = 0
    for pk in waiting:
        proposal = Proposal.objects.select_for_update().get(pk=pk)
        if proposal.status != Proposal.Status.DISCUSSION or _amendments_pending(proposal):
            continue
        opened += _open_supported_vote(proposal, acting_user=acting_user)
    return opened


def _amendments_pending(proposal: Proposal) -> bool:
    return proposal.amendments.filter(
        status__in=[Amendment.Status.PROPOSED, Amendment.Status.PUT_TO_VOTE]
    ).exists()


def _open_vote(
    proposal: Proposal, spec: BallotSpec, *, acting_user: User, close_when_all_voted: bool = False
) -> Ballot:
    ballot = do_create_ballot(
        group=proposal.group, spec=spec, proposal=proposal, acting_user=acting_user
    )
    ballot = check_open_ballot(
        ballot, acting_user=acting_user, close_when_all_voted=close_when_all_voted
    )
    proposal.status = Proposal.Status.VOTING
    proposal.save(update_fields=["status", "updated_at"])  # check_open_ballot renewed its page
    _log(proposal, "proposal.vote_opened", acting_user, new={"ballot": ballot.pk})
    return ballot


@transaction.atomic
def check_open_proposal_vote(
    proposal: Proposal, *, spec: BallotSpec, acting_user: User, close_when_all_voted: bool = False
) -> Ballot:
    """An organiser (a coordinator for the alliance) puts the proposal to a yes/no vote, which
    may close as soon as everyone has voted."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.DISCUSSION:
        raise ActionError(_("Only a proposal in discussion can be put to a vote."))
    if _amendments_pending(proposal):
        raise ActionError(_("Settle the amendments first: accept, decline or vote on each."))
    if spec.method != Ballot.Method.MAJORITY:
        raise ActionError(_("A proposal is decided by a yes / no vote."), field="method")
    return _open_vote(
        proposal, spec, acting_user=acting_user, close_when_all_voted=close_when_all_voted
    )


@transaction.atomic
def do_propose_amendment(
    proposal: Proposal, *, summary: str, new_body: str, acting_user: User
) -> Amendment:
    """A member proposes a change to the text while the proposal is in discussion."""
    if proposal.status != Proposal.Status.DISCUSSION:
        raise ActionError(_("Amendments can be proposed only during the discussion."))
    if new_body.strip() == proposal.body.strip():
        raise ActionError(_("The amended text is the same as the proposal's."), field="new_body")
    amendment = Amendment.objects.create(
        proposal=proposal, proposer=acting_user, summary=summary, new_body=new_body
    )
    record(
        actor=acting_user, verb="amendment.proposed", target=amendment, group_id=proposal.group_id
    )
    return amendment


def _pending_amendment(amendment: Amendment) -> Amendment:
    amendment = (
        Amendment.objects.select_for_update().select_related("proposal").get(pk=amendment.pk)
    )
    if amendment.status != Amendment.Status.PROPOSED:
        raise ActionError(
            # Translators: the status is the amendment's status label, in lower case ("accepted").
            _("This amendment was already %(status)s.")
            % {"status": amendment.get_status_display().lower()}
        )
    if amendment.proposal.status != Proposal.Status.DISCUSSION:
        raise ActionError(_("The proposal is no longer in discussion."))
    return amendment


@transaction.atomic
def check_accept_amendment(amendment: Amendment, *, acting_user: User) -> Amendment:
    """The proposer accepts an amendment: the proposal's text becomes the amended text."""
    amendment = _pending_amendment(amendment)
    proposal = amendment.proposal
    old_body = proposal.body
    proposal.body = amendment.new_body
    proposal.save(update_fields=["body", "updated_at"])
    amendment.status = Amendment.Status.ACCEPTED
    amendment.save(update_fields=["status", "updated_at"])
    _log(
        proposal,
        "amendment.accepted",
        acting_user,
        old={"body": old_body},
        new={"body": proposal.body},
    )
    return amendment


@transaction.atomic
def check_decline_amendment(amendment: Amendment, *, acting_user: User) -> Amendment:
    """The proposer declines an amendment; its supporters may still ask for it to be voted on."""
    amendment = _pending_amendment(amendment)
    amendment.status = Amendment.Status.FALLEN
    amendment.save(update_fields=["status", "updated_at"])
    record(
        actor=acting_user,
        verb="amendment.declined",
        target=amendment,
        group_id=amendment.proposal.group_id,
    )
    return amendment


def amendment_ballot_spec(amendment: Amendment, *, closes_at: datetime) -> BallotSpec:
    """The rules of every amendment vote: a secret yes / no vote of the proposal's electorate,
    carried by more than half, with no quorum. Only the closing time is the organiser's to choose."""
    proposal = amendment.proposal
    title_length = Ballot._meta.get_field("title").max_length
    return BallotSpec(
        title=(_("Amendment: %(summary)s") % {"summary": amendment.summary})[:title_length],
        closes_at=closes_at,
        method=Ballot.Method.MAJORITY,
        quorum=Decimal("0"),
        threshold=Ballot.Threshold.SIMPLE,
        secret=True,
        electorate=Ballot.Electorate.GROUP if proposal.group_id else Ballot.Electorate.ALLIANCE,
    )


@transaction.atomic
def check_put_amendment_to_vote(
    amendment: Amendment, *, closes_at: datetime, acting_user: User
) -> Ballot:
    """An organiser puts a disputed amendment to the members' vote instead of the proposer's say,
    under the rules of `amendment_ballot_spec` whatever the caller would prefer."""
    amendment = (
        Amendment.objects.select_for_update().select_related("proposal").get(pk=amendment.pk)
    )
    if amendment.status not in {Amendment.Status.PROPOSED, Amendment.Status.FALLEN}:
        raise ActionError(
            _("Only an amendment that is proposed or was declined can be put to a vote.")
        )
    if amendment.proposal.status != Proposal.Status.DISCUSSION:
        raise ActionError(_("The proposal is no longer in discussion."))
    ballot = do_create_ballot(
        group=amendment.proposal.group,
        spec=amendment_ballot_spec(amendment, closes_at=closes_at),
        proposal=amendment.proposal,
        amendment=amendment,
        acting_user=acting_user,
    )
    ballot = check_open_ballot(ballot, acting_user=acting_user)
    amendment.status = Amendment.Status.PUT_TO_VOTE
    amendment.save(update_fields=["status", "updated_at"])
    record(
        actor=acting_user,
        verb="amendment.put_to_vote",
        target=amendment,
        group_id=amendment.proposal.group_id,
    )
    return ballot


@transaction.atomic
def do_set_delegates(group: Group, *, user_ids: list[int], acting_user: User | None) -> None:
    """An organiser names the group's conference delegates (members of the group); no one
    (None) when they follow the group's delegate positions as a ballot fills them."""
    members = set(
        Membership.objects.filter(group=group, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    if members != set(user_ids):
        raise ActionError(_("Delegates must be members of the group."), field="delegates")
    old = sorted(Delegate.objects.filter(group=group).values_list("user_id", flat=True))
    Delegate.objects.filter(group=group).exclude(user_id__in=user_ids).delete()
    Delegate.objects.bulk_create(
        [Delegate(group=group, user_id=u) for u in user_ids], ignore_conflicts=True
    )
    record(
        actor=acting_user,
        verb="delegates.set",
        target=group,
        group_id=group.pk,
        old={"delegates": old},
        new={"delegates": sorted(user_ids)},
    )
