"""Rows of the permission matrix: the register of public representatives (public pages)."""

from tests.permissions.cells import PUBLIC, Row

ROWS: dict[str, Row] = {
    "accountability:representatives": Row(PUBLIC),
    "accountability:find": Row(PUBLIC),
    "accountability:representative": Row(PUBLIC, kwargs=lambda w: {"pk": w.register["person"].pk}),
    "accountability:body": Row(PUBLIC, kwargs=lambda w: {"slug": w.register["body"].slug}),
}
