"""How the groups app connects to hooks of the apps to its left."""

from groundwork.groups import queries
from groundwork.members.hooks import add_home_section


@add_home_section
def my_groups(request):
    """The member's groups and their requests waiting for an organiser."""
    return "groups/_home_groups.html", {
        "memberships": queries.memberships_of(request.user),
        "pending_requests": queries.pending_requests_of(request.user),
    }
