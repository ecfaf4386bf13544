"""Course pages: the list with the member's progress, a course's steps, marking a step done."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundwork.learning import actions, queries


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
