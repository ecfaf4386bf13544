"""Course pages: the lists with the member's progress, a course's steps, marking a step done;
and building courses, for the alliance's coordinators and for each group's organisers."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from groundwork.core.errors import ActionError
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.groups.rules import has_two_factor, is_coordinator, is_group_organiser
from groundwork.learning import actions, queries
from groundwork.learning.forms import CourseForm, StepForm
from groundwork.learning.models import Course


def courses(request: HttpRequest) -> HttpResponse:
    found = list(queries.courses_visible_to(request.user))
    for course in found:
        course.progress = queries.percent(course.steps_done, course.step_total)
    return render(request, "learning/course_list.html", {"courses": found, "group": None})


def course(request: HttpRequest, slug: str) -> HttpResponse:
    found = queries.get_course_for(request.user, slug)
    steps = list(queries.steps_of(found))
    done = queries.steps_done_by(request.user, found)
    rows = []
    for step in steps:
        item = step.resource if step.resource_id else step.event
        permission = "resources.view_resource" if step.resource_id else "events.view_event"
        rows.append(
            {
                "step": step,
                "item": item,
                "visible": request.user.has_perm(permission, item),
                "done": step.pk in done,
            }
        )
    context = {
        "course": found,
        "rows": rows,
        "done_count": len(done),
        "progress": queries.percent(len(done), len(steps)),
    }
    return render(request, "learning/course_detail.html", context)


@require_POST
@login_required
def mark_step(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = queries.get_course_for(request.user, slug)
    if not request.user.has_perm("learning.complete_step", found):
        raise Http404("No such page.")
    step = queries.get_step_in(found, pk)
    actions.do_mark_step(step, done=request.POST.get("done", "1") == "1", acting_user=request.user)
    return redirect(f"{found.get_absolute_url()}#step-{step.pk}")


# --- building courses: the alliance's, under courses/, and a group's, under its pages ---------
# Each page is one view, reached at two addresses: `course_builder` admits the alliance's
# coordinators, `group_course_builder` the group's organisers. The permission is what differs.


def _builder_page(
    view, request: HttpRequest, group: Group | None, course_slug: str | None, args, kwargs
) -> HttpResponse:
    """Run `view` with the group (None: the alliance) or, when the address names one, the course
    to build; 404 to anyone who does not keep the group's (the alliance's) courses, and for a
    course that is not the group's; two-factor set-up first if missing."""
    keeps = (
        is_group_organiser(request.user, group)
        if group is not None
        else is_coordinator(request.user)
    )
    if not keeps:
        raise Http404("No such page.")
    if not has_two_factor(request.user):
        role = "an organiser" if group is not None else "a coordinator"
        messages.warning(request, f"Set up two-factor authentication before you act as {role}.")
        return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
    if course_slug is None:
        if not request.user.has_perm("learning.make_course", group):
            raise Http404("No such page.")
        return view(request, group, *args, **kwargs)
    course = queries.get_course_to_build(request.user, course_slug, group)
    if not request.user.has_perm("learning.build_course", course):
        raise Http404("No such course.")
    return view(request, course, *args, **kwargs)


def course_builder(view):
    """The alliance's own courses, built by its coordinators (`courses/<slug>/...`)."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, slug: str | None = None, **kwargs) -> HttpResponse:
        return _builder_page(view, request, None, slug, args, kwargs)

    return wrapper


def group_course_builder(view):
    """A group's courses, built by its organisers (`groups/<slug>/courses/<course_slug>/...`)."""

    @wraps(view)
    @login_required
    def wrapper(
        request: HttpRequest, *args, slug: str, course_slug: str | None = None, **kwargs
    ) -> HttpResponse:
        return _builder_page(view, request, get_group(slug), course_slug, args, kwargs)

    return wrapper


def group_courses(request: HttpRequest, slug: str) -> HttpResponse:
    """A group's courses, those the visitor may follow; its organisers make and build them here."""
    group = get_group(slug)
    found = list(queries.courses_visible_to(request.user, group))
    for course in found:
        course.progress = queries.percent(course.steps_done, course.step_total)
    return render(request, "learning/course_list.html", {"courses": found, "group": group})


def make_course(request: HttpRequest, group: Group | None) -> HttpResponse:
    scope = Course.Scope.GROUP if group else Course.Scope.ALLIANCE
    form = CourseForm(request.POST or None, initial={"scope": scope}, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.check_create_course(
                group=group, **form.cleaned_data, acting_user=request.user
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"“{created.title}” is made: now add its steps.")
            return redirect(created.get_builder_url())
    context = {"form": form, "course": None, "group": group}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


def build_course(request: HttpRequest, found: Course) -> HttpResponse:
    initial = {name: getattr(found, name) for name in actions.COURSE_FIELDS}
    form = CourseForm(request.POST or None, initial=initial, group=found.group)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_edit_course(found, values=form.cleaned_data, acting_user=request.user)
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"“{found.title}” was saved.")
            return redirect(found.get_builder_url())
    steps = list(queries.steps_of(found))
    context = {"form": form, "course": found, "group": found.group, "steps": steps}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


def add_step(request: HttpRequest, found: Course) -> HttpResponse:
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            step = actions.check_add_step(
                found,
                item=values["address"],
                title=values["title"],
                note=values["note"],
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"“{step.display_title}” is step {step.position}.")
            return redirect(f"{found.get_builder_url()}#step-{step.pk}")
    context = {"form": form, "course": found, "group": found.group}
    return render(request, "learning/step_form.html", context, status=400 if form.errors else 200)


def move_step(request: HttpRequest, found: Course, pk: int) -> HttpResponse:
    step = queries.get_step_in(found, pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        actions.do_move_step(step, direction=direction, acting_user=request.user)
    return redirect(f"{found.get_builder_url()}#step-{step.pk}")


def remove_step(request: HttpRequest, found: Course, pk: int) -> HttpResponse:
    step = queries.get_step_in(found, pk)
    actions.do_remove_step(step, acting_user=request.user)
    messages.success(request, f"“{step.display_title}” is no longer a step of the course.")
    return redirect(f"{found.get_builder_url()}#steps-heading")


course_create = course_builder(make_course)
course_edit = course_builder(build_course)
step_add = course_builder(add_step)
step_move = require_POST(course_builder(move_step))
step_remove = require_POST(course_builder(remove_step))

group_course_create = group_course_builder(make_course)
group_course_edit = group_course_builder(build_course)
group_step_add = group_course_builder(add_step)
group_step_move = require_POST(group_course_builder(move_step))
group_step_remove = require_POST(group_course_builder(remove_step))
