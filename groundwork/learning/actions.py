"""Every change to courses and members' progress through them."""

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError
from groundwork.core.text import fit_to_field
from groundwork.events.models import Event
from groundwork.groups.models import Group
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
    deleted, _per_model = Completion.objects.filter(step=step, user=acting_user).delete()
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
    group: Group | None = None,
    items: Sequence[Resource | Event],
    acting_user: User | None,
) -> Course:
    """A course whose steps are `items` in order: resources or events."""
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


# --- building courses: the alliance's (coordinators) and each group's (its organisers) ----------

COURSE_FIELDS = ["title", "summary", "description", "scope"]
# Addresses under courses/ that are pages, not courses.
RESERVED_SLUGS = {"new"}


def course_slug(title: str) -> str:
    """The course's address, from its title (never one of the reserved page names)."""
    slug = slugify(title)[:150] or "course"
    return f"{slug}-course" if slug in RESERVED_SLUGS else slug


def free_course_slug(title: str, group: Group | None) -> str:
    """An address no course has yet, from the title: with the group's own address added, then a
    number, when another course (of any owner: addresses are shared) has it already."""
    base = course_slug(title)
    taken = set(Course.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidates = [base]
    if group is not None:
        candidates.append(fit_to_field(Course, "slug", f"{base}-{group.slug}").rstrip("-"))
    candidates += (f"{base}-{number}" for number in range(2, len(taken) + 3))
    return next(candidate for candidate in candidates if candidate not in taken)


def _title_taken(title: str, group: Group | None) -> ActionError:
    if group is None:
        text = _(
            "A course called “%(title)s” exists already among the alliance's courses: choose "
            "another title."
        ) % {"title": title}
    else:
        text = _(
            "A course called “%(title)s” exists already among %(group)s's courses: choose "
            "another title."
        ) % {"title": title, "group": group.name}
    return ActionError(text, field="title")


@transaction.atomic
def check_create_course(
    *,
    group: Group | None = None,
    title: str,
    summary: str = "",
    description: str = "",
    scope: str,
    acting_user: User,
) -> Course:
    """One of `group`'s courses (None: the alliance's own), without steps yet; refused if its
    owner has a course of that title already. Its address comes from its title."""
    _refuse_members_only_without_a_group(scope, group)
    if Course.objects.filter(group=group, title__iexact=title).exists():
        raise _title_taken(title, group)
    try:
        with transaction.atomic():
            return do_create_course(
                title=title,
                slug=free_course_slug(title, group),
                summary=summary,
                description=description,
                scope=scope,
                group=group,
                items=[],
                acting_user=acting_user,
            )
    except IntegrityError:  # the same title saved twice at once
        raise _title_taken(title, group) from None


def _refuse_members_only_without_a_group(scope: str, group: Group | None) -> None:
    """The alliance's own courses have no members of their own to be kept for (the database's
    course_group_scope_needs_a_group says so too, but as an error, not a message)."""
    if scope == Course.Scope.GROUP and group is None:
        raise ActionError(
            _(
                "Only a group's course can be for its members alone: choose the alliance or everyone."
            ),
            field="scope",
        )


def _only_for_group(item: Resource | Event) -> Group | None:
    """The group whose members alone may open the resource or event, if only they may."""
    if isinstance(item, Resource):
        return item.group if item.scope == Resource.Scope.GROUP else None
    if item.visibility == Event.Visibility.MEMBERS and item.group_id is not None:
        return item.group
    return None


ONLY_FOR_GROUP_STEPS = Q(resource__scope=Resource.Scope.GROUP) | Q(
    event__visibility=Event.Visibility.MEMBERS, event__group__isnull=False
)


@transaction.atomic
def check_edit_course(course: Course, *, values: dict, acting_user: User) -> Course:
    """Change a course's title, summary, description and scope; its address stays, so links to
    it keep working. Refused if its owner has another course of the new title, or if the new
    scope reaches people who could not open some of its steps. The audit entry keeps only what
    changed."""
    old, new = changes(
        values_of(course, COURSE_FIELDS), {name: values[name] for name in COURSE_FIELDS}
    )
    if not new:
        return course
    if "scope" in new:
        _refuse_members_only_without_a_group(new["scope"], course.group)
    others = Course.objects.filter(group=course.group_id).exclude(pk=course.pk)
    if "title" in new and others.filter(title__iexact=new["title"]).exists():
        raise _title_taken(new["title"], course.group)
    if "scope" in new and old["scope"] == Course.Scope.GROUP:
        _refuse_steps_only_for_its_members(course)
    for name, value in new.items():
        setattr(course, name, value)
    course.save(update_fields=[*new, "updated_at"])
    record(
        actor=acting_user,
        verb="course.edited",
        target=course,
        group_id=course.group_id,
        old=old,
        new=new,
    )
    return course


def _refuse_steps_only_for_its_members(course: Course) -> None:
    """A group's members-only course is not opened to others while some of its steps are its
    members' alone (steps added while it was theirs alone)."""
    closed = Step.objects.filter(ONLY_FOR_GROUP_STEPS, course=course).order_by("position")
    positions = [str(position) for position in closed.values_list("position", flat=True)]
    if not positions:
        return
    assert course.group is not None  # the course_group_scope_needs_a_group constraint
    raise ActionError(
        ngettext(
            "Step %(steps)s is for %(group)s's members only, so others could not open it: remove "
            "it first, or keep the course for %(group)s's members.",
            "Steps %(steps)s are for %(group)s's members only, so others could not open them: "
            "remove them first, or keep the course for %(group)s's members.",
            len(positions),
        )
        % {"steps": ", ".join(positions), "group": course.group.name},
        field="scope",
    )


def _closed_to_followers(item: Resource | Event, group: Group, course: Course) -> str:
    """Why a step that only `group`'s members may open does not fit the course. Each case is a
    whole sentence, for resources and for events, so that translators never join pieces."""
    names = {"title": item.title, "group": group.name}
    resource = isinstance(item, Resource)
    if course.scope == Course.Scope.GROUP:  # another group's: the course's members are shut out
        assert course.group is not None  # the course_group_scope_needs_a_group constraint
        names["course_group"] = course.group.name
        if resource:
            text = _(
                "“%(title)s” is in %(group)s's own library, so %(course_group)s's members could "
                "not open it."
            )
        else:
            text = _(
                "“%(title)s” is for %(group)s's members only, so %(course_group)s's members "
                "could not open it."
            )
    elif group.pk == course.group_id:
        if resource:
            text = _(
                "“%(title)s” is in %(group)s's own library, so most of those the course is for "
                "could not open it. Share it beyond %(group)s first, or make the course for "
                "%(group)s's members only."
            )
        else:
            text = _(
                "“%(title)s” is for %(group)s's members only, so most of those the course is for "
                "could not open it. Share it beyond %(group)s first, or make the course for "
                "%(group)s's members only."
            )
    elif resource:
        text = _(
            "“%(title)s” is in %(group)s's own library, so most members could not open it. Ask "
            "the group to share it with the alliance first."
        )
    else:
        text = _("“%(title)s” is for %(group)s's members only, so most members could not open it.")
    return text % names


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
    """Add a resource or an event as the course's last step; refused if some who may follow the
    course could not open it (one group's own, unless the course is for that group's members
    only), or if it is a step of the course already."""
    only_for = _only_for_group(item)
    if only_for is not None and not (
        course.scope == Course.Scope.GROUP and course.group_id == only_for.pk
    ):
        raise ActionError(_closed_to_followers(item, only_for, course), field="address")
    course = _lock(course)
    kind = "resource" if isinstance(item, Resource) else "event"
    if Step.objects.filter(course=course, **{kind: item}).exists():
        raise ActionError(
            _("“%(item)s” is a step of this course already.") % {"item": item}, field="address"
        )
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
    item = step.resource or step.event
    assert item is not None  # the step_is_a_resource_or_an_event constraint
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
