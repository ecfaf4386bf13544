"""How the democracy app connects to hooks of the apps to its left: the home page."""

from groundwork.democracy import queries
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
