"""How the groups app connects to hooks of the apps to its left: the member's home page and the
page everyone sees first."""

from django.utils.translation import gettext as _

from groundwork.groups import queries
from groundwork.groups.map import draw_map
from groundwork.members.hooks import add_home_section, add_landing_section


@add_home_section(order=20)
def my_groups(request):
    """The member's groups and their requests waiting for an organiser."""
    return "groups/_home_groups.html", {
        "memberships": queries.memberships_of(request.user),
        "pending_requests": queries.pending_requests_of(request.user),
    }


def groups_map():
    """The map of every group with a place (one query), for the first page and the directory."""
    points = queries.map_of_groups()
    description = _(
        "%(count)s groups drawn as dots at their places on a map of Great Britain and Northern "
        "Ireland; each dot links to the group's page. The directory lists them all by name."
    ) % {"count": len(points)}
    return draw_map(points, title=_("Map of the groups"), description=description), len(points)


@add_landing_section(order=20)
def map_of_the_groups(request):
    """Where the alliance's groups are (one query)."""
    svg, count = groups_map()
    return "groups/_landing_map.html", {"map": svg, "count": count}
