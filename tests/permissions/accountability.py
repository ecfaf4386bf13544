"""Rows of the permission matrix: the register of public representatives (public pages), and
recall petitions (the position's group: Riverside's members)."""

from tests.permissions.cells import COORDINATOR, LOGIN, PUBLIC, RIVERSIDE_MEMBERS, Row


def recall(which: str):
    return lambda world: {"pk": world.recall[which].pk}


def to_petition(which: str):
    return lambda world: f"→/recall/{world.recall[which].pk}/"


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
    # Recall: Riverside's members; bob opened the petition (signing again changes nothing), alice
    # signs; the organiser alone opens a waiting recall ballot and calls a by-election (an
    # empty form: 400).
    "accountability:recall_petitions": Row(RIVERSIDE_MEMBERS, kwargs=recall("position")),
    "accountability:recall_petition_create": Row(RIVERSIDE_MEMBERS, kwargs=recall("position")),
    "accountability:recall_petition": Row(RIVERSIDE_MEMBERS, kwargs=recall("petition")),
    "accountability:recall_petition_sign": Row(
        (LOGIN, 404, to_petition("petition"), 404, to_petition("petition"), 404),
        method="post",
        kwargs=recall("petition"),
    ),
    "accountability:recall_ballot_open": Row(
        (LOGIN, 404, 404, 404, to_petition("waiting"), 404),
        method="post",
        kwargs=recall("waiting"),
    ),
    "accountability:recall_by_election": Row(
        (LOGIN, 404, 404, 404, 400, 404), method="post", kwargs=recall("carried")
    ),
}
