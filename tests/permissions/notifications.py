"""Rows of the permission matrix: notifications (each person's own)."""

from groundwork.notifications.email import make_token
from groundwork.notifications.models import EmailKind
from tests.permissions.cells import MEMBER_HOME, PUBLIC, Row, signed_in


def unsubscribe_token(world):
    return {"token": make_token("someone@example.org", EmailKind.NOTIFICATION)}


ROWS: dict[str, Row] = {
    "notifications:index": Row(MEMBER_HOME),
    "notifications:preferences": Row(MEMBER_HOME),
    "notifications:mark_all_read": Row(signed_in("→/notifications/"), method="post"),
    # The link in an email: no sign-in (RFC 8058); GET asks to confirm, POST unsubscribes.
    "notifications:unsubscribe": Row(PUBLIC, kwargs=unsubscribe_token),
}
