"""How the democracy app connects to hooks of the apps to its left: the home page, demo and scale
data."""

from django.dispatch import receiver

from groundwork.democracy import queries
from groundwork.groups.hooks import demo_loaded, scale_generated
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


@receiver(demo_loaded, dispatch_uid="democracy_demo")
def add_demo_democracy(sender, coordinator, groups, people, **kwargs) -> None:
    from groundwork.democracy.demo import load_demo_democracy

    load_demo_democracy(coordinator=coordinator, groups=groups, people=people)


@receiver(scale_generated, dispatch_uid="democracy_scale")
def add_scale_ballots(sender, group_ids, options, progress, **kwargs) -> int:
    from groundwork.democracy.scale_data import add_scale_ballots

    return add_scale_ballots(group_ids=group_ids, options=options, progress=progress)
