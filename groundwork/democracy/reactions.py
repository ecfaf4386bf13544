"""How the democracy app connects to hooks of the apps to its left: the home page, a group's page."""

from groundwork.democracy import queries
from groundwork.democracy.models import Ballot, Proposal
from groundwork.groups.hooks import add_group_section
from groundwork.members.hooks import add_home_section

# The home page shows at most this many; the notifications page tells of every ballot.
HOME_BALLOTS = 10


@add_home_section(order=40)
def ballots_open_to_you(request):
    """Open ballots in which the member may vote and has not yet, soonest to close first."""
    ballots = list(queries.ballots_awaiting_vote_of(request.user)[:HOME_BALLOTS])
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
