"""Rows of the permission matrix: operations."""

from tests.permissions.cells import PUBLIC, Row

ROWS: dict[str, Row] = {
    "health": Row(PUBLIC),
}
