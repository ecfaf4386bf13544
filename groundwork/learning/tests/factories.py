"""Domain verbs for courses: make a course of resources and events, finish a step."""

from groundwork.learning import actions
from groundwork.learning.models import Course, Step


def make_course(*items, title: str = "Demystifying economics", scope: str = "public", group=None):
    slug = title.lower().replace(" ", "-")
    return actions.do_create_course(
        title=title, slug=slug, scope=scope, group=group, items=list(items), acting_user=None
    )


def finish(step: Step, member) -> None:
    actions.do_mark_step(step, done=True, acting_user=member)


def steps(course: Course) -> list[Step]:
    return list(course.steps.order_by("position"))


def build_matrix_course(riverside, resource) -> Course:
    """For the permission matrix: a course for Riverside's members only."""
    return make_course(resource, title="Riverside induction", scope="group", group=riverside)


def build_matrix_alliance_course(resource) -> Course:
    """For the permission matrix: one of the alliance's own courses, with one step."""
    return make_course(resource, title="Alliance economics", scope="alliance")
