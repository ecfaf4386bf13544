"""Rows of the permission matrix: the register of public representatives (public pages)."""

from tests.permissions.cells import COORDINATOR, LOGIN, PUBLIC, Row


def _import(world) -> dict:
    return {"pk": world.register["import"].pk}


def _back_to_the_import(world) -> str:
    return f"→/representatives/imports/{world.register['import'].pk}/"


ROWS: dict[str, Row] = {
    "accountability:representatives": Row(PUBLIC),
    "accountability:find": Row(PUBLIC),
    "accountability:representative": Row(PUBLIC, kwargs=lambda w: {"pk": w.register["person"].pk}),
    "accountability:body": Row(PUBLIC, kwargs=lambda w: {"slug": w.register["body"].slug}),
    "accountability:register_imports": Row(COORDINATOR),
    "accountability:register_import": Row(COORDINATOR, kwargs=_import),
    # Applying an import that was not a dry run is refused: back to its page.
    "accountability:register_import_apply": Row(
        (LOGIN, 404, 404, 404, 404, _back_to_the_import), method="post", kwargs=_import
    ),
}
