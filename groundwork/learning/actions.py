"""Every change to courses and members' progress through them."""

from django.db import IntegrityError, transaction

from groundwork.core.audit import record
from groundwork.learning.models import Completion, Course, Step
from groundwork.members.models import User
from groundwork.resources.models import Resource


@transaction.atomic
def do_mark_step(step: Step, *, done: bool, acting_user: User) -> bool:
    """Mark a step done (or not done again) for the member; a second identical request is harmless."""
    if done:
        try:
            with transaction.atomic():
                completion = Completion.objects.create(step=step, user=acting_user)
        except IntegrityError:
            return True
        record(actor=acting_user, verb="course_step.done", target=completion.step)
        return True
    deleted, _ = Completion.objects.filter(step=step, user=acting_user).delete()
    if deleted:
        record(actor=acting_user, verb="course_step.undone", target=step)
    return False


@transaction.atomic
def do_create_course(
    *,
    title: str,
    slug: str,
    summary: str = "",
    description: str = "",
    scope: str = Course.Scope.ALLIANCE,
    group=None,
    items: list[Resource | object],
    acting_user: User | None,
) -> Course:
    """A course whose steps are `items` in order: resources, or events (anything else refused)."""
    course = Course.objects.create(
        title=title,
        slug=slug,
        summary=summary,
        description=description,
        scope=scope,
        group=group,
        created_by=acting_user,
    )
    steps = []
    for position, item in enumerate(items, start=1):
        if isinstance(item, Resource):
            steps.append(Step(course=course, position=position, resource=item))
        else:
            steps.append(Step(course=course, position=position, event=item))
    Step.objects.bulk_create(steps)
    record(
        actor=acting_user,
        verb="course.created",
        target=course,
        group_id=group.pk if group else None,
        new={"title": title, "steps": len(steps)},
    )
    return course
