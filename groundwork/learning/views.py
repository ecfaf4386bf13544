"""Course pages: the lists with the member's progress, a course's steps, marking a step done;
and building courses, for the alliance's coordinators and for each group's organisers."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.learning import actions, queries
from groundwork.learning.forms import CourseForm, StepForm
from groundwork.learning.models import Course
from groundwork.members.models import AuthenticatedHttpRequest


@access(signed_in=False)
def courses(request: HttpRequest) -> HttpResponse:
    found = list(queries.courses_visible_to(request.user))
    for course in found:
        course.progress = queries.percent(course.steps_done, course.step_total)
    return render(request, "learning/course_list.html", {"courses": found, "group": None})


@access("learning.open_course", fetch=queries.get_course_for, signed_in=False)
def course(request: HttpRequest, found: Course) -> HttpResponse:
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
@access("learning.complete_step", fetch=queries.get_course_for)
def mark_step(request: AuthenticatedHttpRequest, found: Course, pk: int) -> HttpResponse:
    step = queries.get_step_in(found, pk)
    actions.do_mark_step(step, done=request.POST.get("done", "1") == "1", acting_user=request.user)
    return redirect(f"{found.get_absolute_url()}#step-{step.pk}")


# --- building courses: the alliance's, under courses/, and a group's, under its pages ---------
# Each page is one view, reached at two addresses: the alliance's courses are kept by its
# coordinators, a group's by its organisers. The rules (learning.make_course, build_course) say so.


def alliance_course(slug: str) -> Course:
    return queries.get_course_in(None, slug)


def group_course(slug: str, course_slug: str) -> Course:
    return queries.get_course_in(get_group(slug), course_slug)


@access("groups.see_group", fetch=get_group, signed_in=False)
def group_courses(request: HttpRequest, group: Group) -> HttpResponse:
    """A group's courses, those the visitor may follow; its organisers make and build them here."""
    found = list(queries.courses_visible_to(request.user, group))
    for course in found:
        course.progress = queries.percent(course.steps_done, course.step_total)
    return render(request, "learning/course_list.html", {"courses": found, "group": group})


def make_course(request: AuthenticatedHttpRequest, group: Group | None) -> HttpResponse:
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
            messages.success(
                request, _("“%(title)s” is made: now add its steps.") % {"title": created.title}
            )
            return redirect(created.get_builder_url())
    context = {"form": form, "course": None, "group": group}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


def build_course(request: AuthenticatedHttpRequest, found: Course) -> HttpResponse:
    initial = {name: getattr(found, name) for name in actions.COURSE_FIELDS}
    form = CourseForm(request.POST or None, initial=initial, group=found.group)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_edit_course(found, values=form.cleaned_data, acting_user=request.user)
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("“%(title)s” was saved.") % {"title": found.title})
            return redirect(found.get_builder_url())
    steps = list(queries.steps_of(found))
    context = {"form": form, "course": found, "group": found.group, "steps": steps}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


@idempotent
def add_step(request: AuthenticatedHttpRequest, found: Course) -> HttpResponse:
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
            messages.success(
                request,
                _("“%(title)s” is step %(position)s.")
                % {"title": step.display_title, "position": step.position},
            )
            return redirect(f"{found.get_builder_url()}#step-{step.pk}")
    context = {"form": form, "course": found, "group": found.group}
    return render(request, "learning/step_form.html", context, status=400 if form.errors else 200)


def move_step(request: AuthenticatedHttpRequest, found: Course, pk: int) -> HttpResponse:
    step = queries.get_step_in(found, pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        actions.do_move_step(step, direction=direction, acting_user=request.user)
    return redirect(f"{found.get_builder_url()}#step-{step.pk}")


def remove_step(request: AuthenticatedHttpRequest, found: Course, pk: int) -> HttpResponse:
    step = queries.get_step_in(found, pk)
    actions.do_remove_step(step, acting_user=request.user)
    messages.success(
        request, _("“%(title)s” is no longer a step of the course.") % {"title": step.display_title}
    )
    return redirect(f"{found.get_builder_url()}#steps-heading")


@access("learning.make_course")
@idempotent
def course_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return make_course(request, None)


@access("learning.make_course", fetch=get_group)
@idempotent
def group_course_create(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    return make_course(request, group)


def _builder(view, fetch):
    return access("learning.build_course", fetch=fetch)(view)


course_edit = _builder(build_course, alliance_course)
step_add = _builder(add_step, alliance_course)
step_move = require_POST(_builder(move_step, alliance_course))
step_remove = require_POST(_builder(remove_step, alliance_course))

group_course_edit = _builder(build_course, group_course)
group_step_add = _builder(add_step, group_course)
group_step_move = require_POST(_builder(move_step, group_course))
group_step_remove = require_POST(_builder(remove_step, group_course))
