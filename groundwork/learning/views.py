"""Course pages: the list with the member's progress, a course's steps, marking a step done;
and for the alliance's coordinators, building its courses."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from groundwork.core.errors import ActionError
from groundwork.groups.rules import has_two_factor, is_coordinator
from groundwork.learning import actions, queries
from groundwork.learning.forms import CourseForm, StepForm
from groundwork.learning.models import Course


def courses(request: HttpRequest) -> HttpResponse:
    found = list(queries.courses_visible_to(request.user))
    for course in found:
        course.progress = queries.percent(course.steps_done, course.step_total)
    return render(request, "learning/course_list.html", {"courses": found})


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


# --- building the alliance's courses -----------------------------------------------------------


def course_builder_view(view):
    """Building the alliance's courses, for coordinators; 404 for anyone else (and for a group's
    course), two-factor set-up first if missing. Passes the course when the address names one."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, slug: str | None = None, **kwargs) -> HttpResponse:
        if not is_coordinator(request.user):
            raise Http404("No such page.")
        if not has_two_factor(request.user):
            messages.warning(
                request, "Set up two-factor authentication before you act as a coordinator."
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        if slug is None:
            return view(request, *args, **kwargs)
        course = queries.get_course_to_build(slug)
        if not request.user.has_perm("learning.build_course", course):
            raise Http404("No such course.")
        return view(request, course, *args, **kwargs)

    return wrapper


def _edit_address(course: Course) -> str:
    return reverse("learning:course_edit", kwargs={"slug": course.slug})


@course_builder_view
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None, initial={"scope": Course.Scope.ALLIANCE})
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.check_create_course(**form.cleaned_data, acting_user=request.user)
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"“{created.title}” is made: now add its steps.")
            return redirect(_edit_address(created))
    context = {"form": form, "course": None}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


@course_builder_view
def course_edit(request: HttpRequest, found: Course) -> HttpResponse:
    initial = {name: getattr(found, name) for name in actions.COURSE_FIELDS}
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_edit_course(found, values=form.cleaned_data, acting_user=request.user)
        messages.success(request, f"“{found.title}” was saved.")
        return redirect(_edit_address(found))
    context = {"form": form, "course": found, "steps": list(queries.steps_of(found))}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


@course_builder_view
def step_add(request: HttpRequest, found: Course) -> HttpResponse:
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
            return redirect(f"{_edit_address(found)}#step-{step.pk}")
    context = {"form": form, "course": found}
    return render(request, "learning/step_form.html", context, status=400 if form.errors else 200)


@require_POST
@course_builder_view
def step_move(request: HttpRequest, found: Course, pk: int) -> HttpResponse:
    step = queries.get_step_in(found, pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        actions.do_move_step(step, direction=direction, acting_user=request.user)
    return redirect(f"{_edit_address(found)}#step-{step.pk}")


@require_POST
@course_builder_view
def step_remove(request: HttpRequest, found: Course, pk: int) -> HttpResponse:
    step = queries.get_step_in(found, pk)
    actions.do_remove_step(step, acting_user=request.user)
    messages.success(request, f"“{step.display_title}” is no longer a step of the course.")
    return redirect(f"{_edit_address(found)}#steps-heading")
