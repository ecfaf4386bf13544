"""Rows of the permission matrix: projects (public pages; run by the project's coordinators)."""

from tests.permissions.cells import (
    LOGIN,
    PUBLIC,
    RIVERSIDE_ORGANISER,
    Row,
    riverside_slug,
)


def project_pk(which: str):
    return lambda world: {"pk": world.aims_projects[which].pk}


def to_project(which: str):
    return lambda world: f"→/projects/{world.aims_projects[which].pk}/"


ROWS: dict[str, Row] = {
    "projects:list": Row(PUBLIC),
    "projects:group_projects": Row(PUBLIC, kwargs=riverside_slug),
    "projects:create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "projects:partnership_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "projects:partners": Row(PUBLIC),
    "projects:detail": Row(PUBLIC, kwargs=project_pk("kitchen")),
    "projects:edit": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:step_done": Row(
        (LOGIN, 404, 404, 404, to_project("coop"), 404),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["coop"].pk,
            "step_pk": world.aims_projects["step"].pk,
        },
        data={"done": "yes"},
    ),
    "projects:listing_create": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:listing_close": Row(
        (LOGIN, 404, 404, 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "listing_pk": world.aims_projects["listing"].pk,
        },
    ),
    "projects:shift_create": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:shift_edit": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "shift_pk": world.aims_projects["shift"].pk,
        },
    ),
    "projects:shift_delete": Row(
        (LOGIN, 404, 404, 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "shift_pk": world.aims_projects["shift"].pk,
        },
    ),
    # Members of Riverside sign up; to everyone else the shift does not exist.
    "projects:shift_sign_up": Row(
        (LOGIN, 404, to_project("kitchen"), 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {"pk": world.aims_projects["shift"].pk},
    ),
    "projects:shift_cancel": Row(
        (LOGIN, 404, to_project("kitchen"), 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {"pk": world.aims_projects["shift"].pk},
    ),
    # Anyone may ask a mutual-aid project for help, without an account...
    "projects:ask": Row(PUBLIC, kwargs=project_pk("kitchen")),
    # ...and only the project's coordinators see who asked.
    "projects:aid_requests": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:aid_request_status": Row(
        (
            LOGIN,
            404,
            404,
            404,
            lambda world: f"→/projects/{world.aims_projects['kitchen'].pk}/requests/",
            404,
        ),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "request_pk": world.aims_projects["aid_request"].pk,
        },
        data={"status": "helped"},
    ),
}
