"""Rows of the permission matrix: notifications (each person's own)."""

from tests.permissions.cells import MEMBER_HOME, Row, signed_in

ROWS: dict[str, Row] = {
    "notifications:index": Row(MEMBER_HOME),
    "notifications:mark_all_read": Row(signed_in("→/notifications/"), method="post"),
}
