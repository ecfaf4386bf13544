"""Rows of the permission matrix: outcomes.

importing: the coordinators' upload of files of statistics (coordinators only, with two-factor).
"""

from tests.permissions.cells import COORDINATOR, LOGIN, Row


def _import(world) -> dict:
    return {"pk": world.outcomes["import"].pk}


def _back_to_the_import(world) -> str:
    return f"→/outcomes/imports/{world.outcomes['import'].pk}/"


ROWS: dict[str, Row] = {
    # importing
    "outcomes:imports": Row(COORDINATOR),
    "outcomes:import": Row(COORDINATOR, kwargs=_import),
    # Applying an import that was not a dry run is refused: back to its page.
    "outcomes:import_apply": Row(
        (LOGIN, 404, 404, 404, 404, _back_to_the_import), method="post", kwargs=_import
    ),
}
