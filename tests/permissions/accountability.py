"""Rows of the permission matrix: the register of public representatives, their voting records,
policies and scorecards (public pages; policies and statements written by organisers and
coordinators, the import by coordinators only), the positions of a group and of the alliance (their members only),
and recall petitions (the position's group: Riverside's members)."""

from tests.permissions.cells import (
    COORDINATOR,
    IN_THE_ALLIANCE,
    LOGIN,
    PUBLIC,
    RIVERSIDE_MEMBERS,
    RIVERSIDE_ORGANISER,
    Row,
    riverside_slug,
)


def recall(which: str):
    return lambda world: {"pk": world.recall[which].pk}


def to_petition(which: str):
    return lambda world: f"→/recall/{world.recall[which].pk}/"


def registered(which: str):
    return lambda world: {"pk": world.register[which].pk}


def position_pk(world):
    return {"pk": world.register["position"].pk}


# Organisers of any group and coordinators, with two-factor authentication.
ORGANISERS_AND_COORDINATORS = (LOGIN, 404, 404, 404, 200, 200)

# Bob holds the Riverside position; he attended its meeting last week.
HOLDER = (LOGIN, 404, 200, 404, 404, 404)
HOLDER_OR_ORGANISER = (LOGIN, 404, 200, 404, 200, 404)


def _import(world) -> dict:
    return {"pk": world.register["import"].pk}


def _back_to_the_import(world) -> str:
    return f"→/representatives/imports/{world.register['import'].pk}/"


ROWS: dict[str, Row] = {
    "accountability:representatives": Row(PUBLIC),
    "accountability:find": Row(PUBLIC),
    "accountability:policies": Row(PUBLIC),
    "accountability:policy": Row(PUBLIC, kwargs=lambda w: {"pk": w.register["policy"].pk}),
    "accountability:scorecard": Row(
        PUBLIC,
        kwargs=lambda w: {"pk": w.register["person"].pk, "policy_pk": w.register["policy"].pk},
    ),
    "accountability:policy_create": Row(ORGANISERS_AND_COORDINATORS),
    "accountability:policy_objectives": Row(
        COORDINATOR, kwargs=lambda w: {"pk": w.register["policy"].pk}
    ),
    "accountability:statement_create": Row(
        ORGANISERS_AND_COORDINATORS, kwargs=lambda w: {"pk": w.register["person"].pk}
    ),
    "accountability:representative": Row(PUBLIC, kwargs=lambda w: {"pk": w.register["person"].pk}),
    "accountability:body": Row(PUBLIC, kwargs=lambda w: {"slug": w.register["body"].slug}),
    # Pledges: seen by whoever sees the campaign (Riverside's, active: everyone); written and
    # answered by the campaign's organisers.
    "accountability:pledge": Row(PUBLIC, kwargs=lambda w: {"pk": w.register["pledge"].pk}),
    "accountability:pledge_create": Row(
        RIVERSIDE_ORGANISER, kwargs=lambda w: {"pk": w.campaigns["campaign"].pk}
    ),
    "accountability:pledge_answer": Row(
        RIVERSIDE_ORGANISER, kwargs=lambda w: {"pk": w.register["pledge"].pk}
    ),
    # Positions
    "accountability:group_positions": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "accountability:group_position_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "accountability:group_accountability_settings": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "accountability:alliance_positions": Row(IN_THE_ALLIANCE),
    "accountability:alliance_position_create": Row(COORDINATOR),
    "accountability:position": Row(RIVERSIDE_MEMBERS, kwargs=position_pk),
    "accountability:position_edit": Row(RIVERSIDE_ORGANISER, kwargs=position_pk),
    "accountability:position_election": Row(RIVERSIDE_ORGANISER, kwargs=position_pk),
    "accountability:position_appoint": Row(RIVERSIDE_ORGANISER, kwargs=position_pk),
    "accountability:position_mandate": Row(RIVERSIDE_ORGANISER, kwargs=position_pk),
    "accountability:position_meeting": Row(HOLDER_OR_ORGANISER, kwargs=position_pk),
    "accountability:position_step_down": Row(HOLDER, kwargs=position_pk),
    "accountability:holder_report_backs": Row(
        RIVERSIDE_MEMBERS,
        kwargs=lambda w: {"pk": w.register["position"].pk, "user_pk": w.register["term"].holder_id},
    ),
    "accountability:term_end": Row(
        RIVERSIDE_ORGANISER, kwargs=lambda w: {"pk": w.register["term"].pk}
    ),
    "accountability:meeting_report": Row(HOLDER, kwargs=lambda w: {"pk": w.register["meeting"].pk}),
    # Correcting and removing: those who may create each record (a GET of a removal shows the
    # confirmation page; only a POST removes). The mandate is for the delegate's next meeting;
    # the policy and the statement are Riverside's; the pledge has a signed answer, so its
    # removal page says why it stays.
    "accountability:mandate_edit": Row(RIVERSIDE_ORGANISER, kwargs=registered("mandate")),
    "accountability:mandate_delete": Row(RIVERSIDE_ORGANISER, kwargs=registered("mandate")),
    "accountability:meeting_edit": Row(HOLDER_OR_ORGANISER, kwargs=registered("meeting")),
    "accountability:meeting_delete": Row(HOLDER_OR_ORGANISER, kwargs=registered("meeting")),
    "accountability:policy_edit": Row(RIVERSIDE_ORGANISER, kwargs=registered("riverside_policy")),
    "accountability:policy_delete": Row(RIVERSIDE_ORGANISER, kwargs=registered("riverside_policy")),
    "accountability:statement_edit": Row(RIVERSIDE_ORGANISER, kwargs=registered("statement")),
    "accountability:statement_delete": Row(RIVERSIDE_ORGANISER, kwargs=registered("statement")),
    "accountability:pledge_edit": Row(RIVERSIDE_ORGANISER, kwargs=registered("pledge")),
    "accountability:pledge_delete": Row(RIVERSIDE_ORGANISER, kwargs=registered("pledge")),
    "accountability:pledge_answer_delete": Row(RIVERSIDE_ORGANISER, kwargs=registered("answer")),
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
