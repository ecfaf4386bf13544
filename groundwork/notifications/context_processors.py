"""The bell in the navigation: the signed-in member's unread count, asked at most once a request.

The count is read in the same round trip as the member's roles (groups.rules, which every
signed-in page loads for its navigation); groups' context processor hands it to `bell_count`.
"""

from django.http import HttpRequest

from groundwork.notifications.queries import UNREAD_ON_USER, unread_count_of


def bell_count(request: HttpRequest) -> int:
    """The unread count, remembered on the request so a page that renders twice asks once: the
    one a view counted itself, else the one read with the roles, else a count of its own."""
    if not hasattr(request, "_unread_notifications"):
        counted = getattr(request.user, UNREAD_ON_USER, None)
        remember_unread_count(
            request, unread_count_of(request.user) if counted is None else counted
        )
    return request._unread_notifications  # type: ignore[attr-defined]


def remember_unread_count(request: HttpRequest, count: int) -> None:
    """A view that has just counted the member's unread notifications (the home page's section)
    hands the count to the bell, which then does not ask again. Only a count read in this
    request, after any change this request made: the bell must show what is in the database."""
    request._unread_notifications = count  # type: ignore[attr-defined]
