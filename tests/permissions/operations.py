"""Rows of the permission matrix: operations."""

from tests.permissions.cells import PUBLIC, Row, everyone

ROWS: dict[str, Row] = {
    "health": Row(PUBLIC),
    "favicon": Row(everyone("→/static/img/favicon.svg")),
}
