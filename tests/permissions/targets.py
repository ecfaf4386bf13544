"""Rows of the permission matrix: outcomes' targets (a group's public aims, set by its organisers)."""

from tests.permissions.cells import PUBLIC, RIVERSIDE_ORGANISER, Row, riverside_slug


def riverside_target(world):
    return {"slug": "riverside", "pk": world.targets["target"].pk}


ROWS: dict[str, Row] = {
    "outcomes:targets": Row(PUBLIC, kwargs=riverside_slug),
    "outcomes:target_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "outcomes:target_edit": Row(RIVERSIDE_ORGANISER, kwargs=riverside_target),
    # GET asks to confirm; the POST that deletes is held by the tests of the page.
    "outcomes:target_delete": Row(RIVERSIDE_ORGANISER, kwargs=riverside_target),
    "outcomes:group_areas": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
}
