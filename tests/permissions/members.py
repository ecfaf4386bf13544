"""Rows of the permission matrix: members' own pages (each person's own)."""

from tests.permissions.cells import MEMBER_HOME, PUBLIC, Row, signed_in

ROWS: dict[str, Row] = {
    "members:landing": Row(PUBLIC),
    "members:home": Row(MEMBER_HOME),
    "members:privacy": Row(PUBLIC),
    "members:profile": Row(MEMBER_HOME),
    "members:consents": Row(MEMBER_HOME),
    "members:withdraw_consent": Row(
        signed_in("→/profile/consents/"),
        method="post",
        kwargs=lambda world: {"purpose": "organiser_contact"},
    ),
}
