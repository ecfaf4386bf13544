"""How the notifications app connects to hooks of the apps to its left: the member's home page."""

from groundwork.members.hooks import add_home_section
from groundwork.notifications import queries

# The home page shows at most this many unread notifications; the notifications page has them all.
HOME_NOTIFICATIONS = 5


@add_home_section(order=10)
def unread_notifications(request):
    """The member's newest unread notifications (one query; the bell already counts them)."""
    unread = queries.notifications_of(request.user).filter(read_at=None).order_by("-created_at")
    return "notifications/_home_unread.html", {"notifications": list(unread[:HOME_NOTIFICATIONS])}
