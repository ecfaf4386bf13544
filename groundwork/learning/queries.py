"""Reading courses and a member's progress, scoped by permission, in a fixed number of queries."""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from groundwork.groups.models import Group, Membership
from groundwork.groups.rules import has_two_factor, is_coordinator, is_in_the_alliance, roles_of
from groundwork.learning.models import Completion, Course, Step

if TYPE_CHECKING:  # django-stubs-ext is a development dependency, for the type checker
    from django_stubs_ext import WithAnnotations


def visibility_filter(user) -> Q:
    """The courses `user` may see (twin of the `learning.open_course` rule)."""
    public = Q(scope=Course.Scope.PUBLIC)
    if not user.is_authenticated or not is_in_the_alliance(user):
        return public
    own = Q(scope=Course.Scope.GROUP, group_id__in=list(roles_of(user)))
    return public | Q(scope=Course.Scope.ALLIANCE) | own


class StepCounts(TypedDict):
    step_total: int
    steps_done: int


# A course as courses_visible_to gives it: with its steps counted, and those the reader did.
type CourseWithCounts = WithAnnotations[Course, StepCounts]


def courses_visible_to(user, group: Group | None = None) -> QuerySet[CourseWithCounts]:
    """Courses `user` may see (only `group`'s, if given), each with `step_total` and
    `steps_done` (by `user`)."""
    done = (
        Q(steps__completions__user_id=user.pk)
        if user.is_authenticated
        else Q(steps__completions__user_id=-1)
    )
    found = Course.objects.filter(visibility_filter(user))
    if group is not None:
        found = found.filter(group=group)
    return (
        found.select_related("group")
        .annotate(
            step_total=Count("steps", distinct=True),
            steps_done=Count("steps__completions", filter=done, distinct=True),
        )
        .order_by("title")
    )


def get_course_for(user, slug: str) -> Course:
    """The course if `user` may see it; 404 alike for missing and not theirs."""
    try:
        return Course.objects.filter(visibility_filter(user)).select_related("group").get(slug=slug)
    except Course.DoesNotExist:
        raise Http404("No such course.") from None


def courses_built_by(user) -> QuerySet[Course]:
    """The courses `user` builds (twin of the `learning.build_course` rule): the alliance's own
    for a coordinator, their groups' for an organiser, with two-factor either way."""
    if not has_two_factor(user):
        return Course.objects.none()
    organised = [
        group_id for group_id, role in roles_of(user).items() if role == Membership.Role.ORGANISER
    ]
    kept = Q(group_id__in=organised)
    if is_coordinator(user):
        kept |= Q(group__isnull=True)
    return Course.objects.filter(kept).select_related("group")


def get_course_in(group: Group | None, slug: str) -> Course:
    """The course `slug` of `group` (None: of the alliance itself); 404 if it has none such.
    Who may build it is the rule's to say (`learning.build_course`), not this query's."""
    try:
        return Course.objects.select_related("group").get(slug=slug, group=group)
    except Course.DoesNotExist:
        raise Http404("No such course.") from None


def steps_of(course: Course) -> QuerySet[Step]:
    """The course's steps in order, with their resources and events."""
    return (
        Step.objects.filter(course=course)
        .select_related("resource__group", "event__group")
        .order_by("position")
    )


def get_step_in(course: Course, pk: int) -> Step:
    try:
        return Step.objects.select_related("course").get(course=course, pk=pk)
    except Step.DoesNotExist:
        raise Http404("No such step.") from None


def steps_done_by(user, course: Course) -> set[int]:
    """Ids of the course's steps that `user` marked done."""
    if not user.is_authenticated:
        return set()
    return set(
        Completion.objects.filter(user=user, step__course=course).values_list("step_id", flat=True)
    )


def percent(done: int, total: int) -> int:
    """Progress as a whole percentage (0 for a course without steps)."""
    return round(100 * done / total) if total else 0
