"""Every change to courses and members' progress through them."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.events.models import Event
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


# --- building the alliance's courses (coordinators) ------------------------------------------

COURSE_FIELDS = ["title", "summary", "description", "scope"]
# Addresses under courses/ that are pages, not courses.
RESERVED_SLUGS = {"new"}


def course_slug(title: str) -> str:
    """The course's address, from its title (never one of the reserved page names)."""
    slug = slugify(title)[:150] or "course"
    return f"{slug}-course" if slug in RESERVED_SLUGS else slug


@transaction.atomic
def check_create_course(
    *, title: str, summary: str = "", description: str = "", scope: str, acting_user: User
) -> Course:
    """One of the alliance's own courses, without steps yet; its address comes from its title,
    so two courses cannot share a title's address."""
    slug = course_slug(title)
    taken = ActionError(
        "A course with this title (or one with the same address) exists already: choose "
        "another title.",
        field="title",
    )
    if Course.objects.filter(slug=slug).exists():
        raise taken
    try:
        with transaction.atomic():
            return do_create_course(
                title=title,
                slug=slug,
                summary=summary,
                description=description,
                scope=scope,
                items=[],
                acting_user=acting_user,
            )
    except IntegrityError:  # the same title saved twice at once
        raise taken from None


@transaction.atomic
def do_edit_course(course: Course, *, values: dict, acting_user: User) -> Course:
    """Change a course's title, summary, description and scope; its address stays, so links to
    it keep working. The audit entry keeps only what changed."""
    old = {name: getattr(course, name) for name in COURSE_FIELDS}
    new = {name: values[name] for name in COURSE_FIELDS}
    changed = [name for name in COURSE_FIELDS if old[name] != new[name]]
    if not changed:
        return course
    for name in changed:
        setattr(course, name, new[name])
    course.save(update_fields=[*changed, "updated_at"])
    record(
        actor=acting_user,
        verb="course.edited",
        target=course,
        group_id=course.group_id,
        old={name: old[name] for name in changed},
        new={name: new[name] for name in changed},
    )
    return course


def _lock(course: Course) -> Course:
    """Lock the course, so changes to its steps' order happen one after another."""
    return Course.objects.select_for_update().get(pk=course.pk)


def _describe(item: Resource | Event) -> dict:
    kind = "resource" if isinstance(item, Resource) else "event"
    return {kind: item.pk, "title": str(item)}


@transaction.atomic
def check_add_step(
    course: Course,
    *,
    item: Resource | Event,
    title: str = "",
    note: str = "",
    acting_user: User,
) -> Step:
    """Add a resource or an event as the course's last step; refused if only one group's
    members could open it, or if it is a step of the course already."""
    if isinstance(item, Resource) and item.scope == Resource.Scope.GROUP:
        raise ActionError(
            f"“{item.title}” is in {item.group.name}'s own library, so most members could not "
            "open it. Ask the group to share it with the alliance first.",
            field="address",
        )
    if isinstance(item, Event) and item.visibility == Event.Visibility.MEMBERS:
        raise ActionError(
            f"“{item.title}” is for its group's members only, so most members could not open it.",
            field="address",
        )
    course = _lock(course)
    kind = "resource" if isinstance(item, Resource) else "event"
    if Step.objects.filter(course=course, **{kind: item}).exists():
        raise ActionError(f"“{item}” is a step of this course already.", field="address")
    last = Step.objects.filter(course=course).aggregate(last=Max("position"))["last"] or 0
    step = Step.objects.create(
        course=course, position=last + 1, title=title, note=note, **{kind: item}
    )
    record(
        actor=acting_user,
        verb="course_step.added",
        target=step,
        group_id=course.group_id,
        new=_describe(item) | {"position": step.position, "course": course.pk},
    )
    return step


@transaction.atomic
def do_move_step(step: Step, *, direction: str, acting_user: User) -> bool:
    """Swap the step with the one before (`up`) or after (`down`); False at either end."""
    course = _lock(step.course)
    step = Step.objects.get(pk=step.pk)
    neighbours = Step.objects.filter(course=course)
    if direction == "up":
        other = neighbours.filter(position__lt=step.position).order_by("-position").first()
    else:
        other = neighbours.filter(position__gt=step.position).order_by("position").first()
    if other is None:
        return False
    old_position, new_position = step.position, other.position
    # Position 0 is never used: it frees the step's place so the unique order is kept throughout.
    Step.objects.filter(pk=step.pk).update(position=0)
    Step.objects.filter(pk=other.pk).update(position=old_position)
    Step.objects.filter(pk=step.pk).update(position=new_position)
    record(
        actor=acting_user,
        verb="course_step.moved",
        target=step,
        group_id=course.group_id,
        old={"position": old_position},
        new={"position": new_position, "course": course.pk},
    )
    return True


@transaction.atomic
def do_remove_step(step: Step, *, acting_user: User) -> None:
    """Take the step out of the course (members' ticks on it go too); later steps move up."""
    course = _lock(step.course)
    step = Step.objects.select_related("resource", "event").get(pk=step.pk)
    item = step.resource if step.resource_id else step.event
    record(
        actor=acting_user,
        verb="course_step.removed",
        target=step,
        group_id=course.group_id,
        old=_describe(item)
        | {
            "position": step.position,
            "course": course.pk,
            "completions": step.completions.count(),
        },
    )
    position = step.position
    step.delete()
    # One by one from the front, each step into the place just freed: the order stays unique.
    for later in Step.objects.filter(course=course, position__gt=position).order_by("position"):
        Step.objects.filter(pk=later.pk).update(position=later.position - 1)
