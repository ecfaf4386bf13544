"""How the democracy app connects to hooks of the apps to its left: the home page, a group's page."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from groundwork.democracy import queries
from groundwork.democracy.models import (
    Amendment,
    Ballot,
    CastVote,
    Comment,
    Delegate,
    Elector,
    Proposal,
    Support,
)
from groundwork.groups.hooks import MailingSegment, add_group_section, add_mailing_segment
from groundwork.members.hooks import add_home_section, add_personal_data_exporter, member_erased

# The home page shows at most this many; the notifications page tells of every ballot.
HOME_BALLOTS = 10


@add_home_section(order=40)
def ballots_open_to_you(request):
    """Open ballots in which the member may vote and has not yet, soonest to close first."""
    awaiting = queries.ballots_awaiting_vote_of(request.user)
    ballots = list(awaiting.only("title", "closes_at", "group__name")[:HOME_BALLOTS])
    return "democracy/_home_ballots.html", {"ballots": ballots}


# A group's page shows at most this many of each; the group's democracy pages have them all.
GROUP_PAGE_ROWS = 5
UNDER_WAY = [Proposal.Status.DISCUSSION, Proposal.Status.VOTING]


@add_group_section(order=20)
def group_proposals_and_ballots(request, group):
    """The group's proposals under discussion or vote and its open ballots, for those who take
    part in it (two queries, none for others)."""
    under_way = queries.proposals_visible_to(request.user, group).filter(status__in=UNDER_WAY)
    open_now = queries.ballots_visible_to(request.user, group).filter(status=Ballot.Status.OPEN)
    proposals = list(under_way.order_by("-created_at", "-id")[:GROUP_PAGE_ROWS])
    ballots = list(open_now.order_by("closes_at", "id")[:GROUP_PAGE_ROWS])
    if not proposals and not ballots:
        return None
    context = {"group": group, "proposals": proposals, "ballots": ballots}
    return "democracy/_group_proposals.html", context


@add_group_section(order=50)
def group_recent_decisions(request, group):
    """The latest entries of the group's decision log, for those who take part in it (one query)."""
    decisions = list(queries.decisions_visible_to(request.user, group)[:GROUP_PAGE_ROWS])
    if not decisions:
        return None
    return "democracy/_group_decisions.html", {"group": group, "decisions": decisions}


# --- Data rights (members' hooks) -------------------------------------------------------------


def _iso(moment):
    return moment.isoformat() if moment is not None else None


@add_personal_data_exporter
def democracy_personal_data(user) -> dict[str, list[dict]]:
    """The member's proposals, comments, amendments and support, the ballots they could vote
    in, and their votes in open ballots. Of a secret ballot only that they voted, and on which
    day: how they voted cannot be linked to them, here or anywhere."""
    open_votes = {vote.ballot_id: vote.content for vote in CastVote.objects.filter(voter=user)}
    electorships = Elector.objects.filter(user=user).select_related("ballot")
    return {
        "proposals": [
            {
                "title": p.title,
                "body": p.body,
                "status": p.get_status_display(),
                "created_at": _iso(p.created_at),
            }
            for p in Proposal.objects.filter(proposer=user)
        ],
        "comments": [
            {"proposal": c.proposal.title, "body": c.body, "created_at": _iso(c.created_at)}
            for c in Comment.objects.filter(author=user).select_related("proposal")
        ],
        "amendments": [
            {
                "proposal": a.proposal.title,
                "summary": a.summary,
                "status": a.get_status_display(),
                "created_at": _iso(a.created_at),
            }
            for a in Amendment.objects.filter(proposer=user).select_related("proposal")
        ],
        "proposals_supported": [
            {"proposal": s.proposal.title, "supported_at": _iso(s.created_at)}
            for s in Support.objects.filter(user=user).select_related("proposal")
        ],
        "ballots": [
            {
                "ballot": e.ballot.title,
                "secret": e.ballot.secret,
                "voted": e.voted_on is not None,
                "voted_on": _iso(e.voted_on),
                # Open (roll-call) ballots only: a secret vote is never linked to its voter.
                "vote": None if e.ballot.secret else open_votes.get(e.ballot_id),
            }
            for e in electorships
        ],
        "delegate_seats": [
            {"group": d.group.name, "appointed_at": _iso(d.appointed_at)}
            for d in Delegate.objects.filter(user=user).select_related("group")
        ],
    }


@receiver(member_erased, dispatch_uid="democracy_member_erased")
def forget_erased_member(sender, user, **kwargs) -> None:
    """An erased member gives up their delegate seats. Everything else stays, as the record of
    a democratic body must: their votes still count (a secret one was never theirs to see),
    their support still counts, and what they proposed or wrote is by "a former member"."""
    Delegate.objects.filter(user=user).delete()


# Organisers can remind those who have not yet voted in one of the group's open ballots. Only
# whether someone voted is read (as the ballot's turnout already counts it), never how.
def _open_ballots_to_email(group) -> list[tuple[str, str]]:
    ballots = (
        Ballot.objects.filter(group=group, status=Ballot.Status.OPEN)
        .order_by("closes_at", "id")
        .values_list("id", "title")
    )
    return [(str(pk), title) for pk, title in ballots]


def _not_yet_voted(group, parameter: str):
    if not parameter.isdigit():
        return None
    return Elector.objects.filter(
        ballot_id=int(parameter),
        ballot__group=group,
        ballot__status=Ballot.Status.OPEN,
        voted_on__isnull=True,
    ).values("user_id")


add_mailing_segment(
    MailingSegment(
        key="not_voted",
        label=gettext_lazy("Not yet voted in an open ballot"),
        choices=_open_ballots_to_email,
        user_ids=_not_yet_voted,
        order=30,
    )
)
