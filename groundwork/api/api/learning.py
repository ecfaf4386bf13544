"""Courses (/api/v1/learning/), read-only, scoped as their pages scope them
(`courses_visible_to`, `get_course_for`). A step shows its title as the course page does; the
resource or event it points to is linked only when the caller may see it."""

from datetime import datetime
from typing import Any

from ninja import Query, Router, Schema

from groundwork.api.backends import ApiRequest, reads
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.api.pagination import CursorParams, page_of, paginate
from groundwork.core.access import check_access
from groundwork.learning import queries
from groundwork.learning.models import Course

router = Router(tags=["learning"])

ERRORS: dict[int, Any] = dict.fromkeys(CLIENT_ERRORS, Problem)


class CourseOut(Schema):
    slug: str
    group: str | None
    title: str
    summary: str
    scope: str
    step_total: int
    steps_done: int
    created_at: datetime
    url: str

    @staticmethod
    def resolve_group(course: Course) -> str | None:
        return course.group.slug if course.group is not None else None

    @staticmethod
    def resolve_url(course: Course, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(course.get_absolute_url())


class StepOut(Schema):
    id: int
    position: int
    title: str
    note: str
    kind: str  # "resource" or "event"
    item: int | None  # the resource's or event's id, if the caller may see it
    done: bool


class CourseDetailOut(Schema):
    slug: str
    group: str | None
    title: str
    summary: str
    description: str
    scope: str
    url: str
    steps: list[StepOut]


@router.get("/courses", response={200: page_of(CourseOut), **ERRORS}, auth=reads("learning"))
def list_courses(request: ApiRequest, page: Query[CursorParams]) -> Any:
    """The courses the caller may see, by title, with their progress through each."""
    return paginate(request, queries.courses_visible_to(request.auth), page)


@router.get(
    "/courses/{slug:slug}", response={200: CourseDetailOut, **ERRORS}, auth=reads("learning")
)
def get_course(request: ApiRequest, slug: str) -> Any:
    """One course the caller may see, with its steps in order, or 404."""
    found = queries.get_course_for(request.auth, slug)
    check_access(request.auth, "learning.open_course", found)
    done = queries.steps_done_by(request.auth, found)
    steps = []
    for step in queries.steps_of(found):
        item = step.resource if step.resource_id else step.event
        permission = "resources.view_resource" if step.resource_id else "events.view_event"
        steps.append(
            {
                "id": step.pk,
                "position": step.position,
                "title": step.display_title,
                "note": step.note,
                "kind": "resource" if step.resource_id else "event",
                "item": item.pk if item and request.auth.has_perm(permission, item) else None,
                "done": step.pk in done,
            }
        )
    return {
        "slug": found.slug,
        "group": found.group.slug if found.group is not None else None,
        "title": found.title,
        "summary": found.summary,
        "description": found.description,
        "scope": found.scope,
        "url": request.build_absolute_uri(found.get_absolute_url()),
        "steps": steps,
    }
