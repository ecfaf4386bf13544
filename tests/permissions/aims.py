"""Rows of the permission matrix: aims (the platform is public; a group's plan is its own)."""

from tests.permissions.cells import (
    COORDINATOR,
    IN_THE_ALLIANCE,
    LOGIN,
    PUBLIC,
    RIVERSIDE_MEMBERS,
    RIVERSIDE_ORGANISER,
    Row,
    riverside_slug,
    signed_in,
)

ROWS: dict[str, Row] = {
    "aims:platform": Row(PUBLIC),
    "aims:history": Row(PUBLIC),
    "aims:adopt": Row(signed_in("→/platform/"), method="post"),
    "aims:withdraw": Row(signed_in("→/platform/"), method="post"),
    "aims:aim_edit": Row(COORDINATOR, kwargs=lambda world: {"pk": world.aims_projects["aim"].pk}),
    "aims:objective_edit": Row(
        COORDINATOR, kwargs=lambda world: {"pk": world.aims_projects["objective"].pk}
    ),
    "aims:rollup": Row(IN_THE_ALLIANCE),
    "aims:plan": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "aims:adopt_objective": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "aims:goal_create": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["adoption"].pk},
    ),
    "aims:task_create": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["goal"].pk},
    ),
    "aims:goal_edit": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["goal"].pk},
    ),
    # Bob owns the task, and moves it along (aims:task_status); editing it is for organisers.
    "aims:task_edit": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["task"].pk},
    ),
    "aims:task_delete": Row(
        (LOGIN, 404, 404, 404, "→/groups/riverside/plan/", 404),
        method="post",
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["task"].pk},
    ),
    # Bob owns the task; alice organises Riverside.
    "aims:task_status": Row(
        (LOGIN, 404, "→/groups/riverside/plan/", 404, "→/groups/riverside/plan/", 404),
        method="post",
        kwargs=lambda world: {"pk": world.aims_projects["task"].pk},
        data={"status": "doing"},
    ),
}
