"""The bell in the navigation: the signed-in member's unread count, asked at most once a request."""

from collections.abc import Callable

from django.http import HttpRequest

from groundwork.notifications.queries import unread_count_of


def _unread_count(request: HttpRequest) -> int:
    """The unread count, remembered on the request so a page that renders twice asks once."""
    if not hasattr(request, "_unread_notifications"):
        remember_unread_count(request, unread_count_of(request.user))
    return request._unread_notifications  # type: ignore[attr-defined]


def remember_unread_count(request: HttpRequest, count: int) -> None:
    """A view that has just counted the member's unread notifications (the home page's section)
    hands the count to the bell, which then does not ask again. Only a count read in this
    request, after any change this request made: the bell must show what is in the database."""
    request._unread_notifications = count  # type: ignore[attr-defined]


def bell(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """`unread_notifications` for the navigation: a callable, so counted only if a template reads it."""
    return {"unread_notifications": lambda: _unread_count(request)}
