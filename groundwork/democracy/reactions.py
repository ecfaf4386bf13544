"""How the democracy app connects to hooks of the apps to its left: the home page, a group's page."""

from django.utils.translation import gettext_lazy

from groundwork.democracy import queries
from groundwork.democracy.models import Ballot, Elector, Proposal
from groundwork.groups.hooks import MailingSegment, add_group_section, add_mailing_segment
from groundwork.members.hooks import add_home_section

# The home page shows at most this many; the notifications page tells of every ballot.
HOME_BALLOTS = 10


@add_home_section
def ballots_open_to_you(request):
    """Open ballots in which the member may vote, soonest to close first."""
    ballots = list(queries.open_ballots_for(request.user)[:HOME_BALLOTS])
    if not ballots:
        return None
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
