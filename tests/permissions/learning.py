"""Rows of the permission matrix: learning (a course for Riverside's members only)."""

from tests.permissions.cells import (
    COORDINATOR,
    LOGIN,
    PUBLIC,
    RIVERSIDE_ORGANISER,
    Row,
    riverside_slug,
)


def riverside_course(world):
    return {"slug": "riverside", "course_slug": "riverside-induction"}


def riverside_step(world):
    return riverside_course(world) | {"pk": world.library["step"].pk}


def to_riverside_course(anchor):
    """A redirect cell to the builder page of Riverside's course, at `anchor(world)`."""
    return lambda world: f"→/groups/riverside/courses/riverside-induction/edit/{anchor(world)}"


ROWS: dict[str, Row] = {
    "learning:courses": Row(PUBLIC),
    "learning:course": Row(
        (404, 404, 200, 404, 200, 404), kwargs=lambda w: {"slug": "riverside-induction"}
    ),
    "learning:mark_step": Row(
        (LOGIN, 404, lambda w: f"→/courses/riverside-induction/#step-{w.library['step'].pk}", 404)
        + (lambda w: f"→/courses/riverside-induction/#step-{w.library['step'].pk}", 404),
        method="post",
        kwargs=lambda w: {"slug": "riverside-induction", "pk": w.library["step"].pk},
    ),
    # The alliance's own courses are built by its coordinators (with two-factor).
    "learning:course_create": Row(COORDINATOR),
    "learning:course_edit": Row(COORDINATOR, kwargs=lambda w: {"slug": "alliance-economics"}),
    "learning:step_add": Row(COORDINATOR, kwargs=lambda w: {"slug": "alliance-economics"}),
    "learning:step_move": Row(
        (LOGIN, 404, 404, 404, 404)
        + (lambda w: f"→/courses/alliance-economics/edit/#step-{w.library['alliance_step'].pk}",),
        method="post",
        kwargs=lambda w: {"slug": "alliance-economics", "pk": w.library["alliance_step"].pk},
        data={"direction": "down"},
    ),
    "learning:step_remove": Row(
        (LOGIN, 404, 404, 404, 404, "→/courses/alliance-economics/edit/#steps-heading"),
        method="post",
        kwargs=lambda w: {"slug": "alliance-economics", "pk": w.library["alliance_step"].pk},
    ),
    # A group's courses: listed for everyone (each sees those they may follow); built by the
    # group's organisers (with two-factor) on the group's pages, the course for its members only.
    "learning:group_courses": Row(PUBLIC, kwargs=riverside_slug),
    "learning:group_course_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "learning:group_course_edit": Row(RIVERSIDE_ORGANISER, kwargs=riverside_course),
    "learning:group_step_add": Row(RIVERSIDE_ORGANISER, kwargs=riverside_course),
    "learning:group_step_move": Row(
        (LOGIN, 404, 404, 404, to_riverside_course(lambda w: f"#step-{w.library['step'].pk}"), 404),
        method="post",
        kwargs=riverside_step,
        data={"direction": "up"},
    ),
    "learning:group_step_remove": Row(
        (LOGIN, 404, 404, 404, to_riverside_course(lambda w: "#steps-heading"), 404),
        method="post",
        kwargs=riverside_step,
    ),
}
