"""The platform, its history and editing, members adopting it, action plans and the roll-up."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.aims import actions, queries
from groundwork.aims.forms import (
    AdoptObjectiveForm,
    GoalForm,
    PlankForm,
    TaskEditForm,
    TaskForm,
    TaskStatusForm,
)
from groundwork.aims.hooks import plan_sections
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.fragments import draw_sections
from groundwork.core.idempotency import idempotent
from groundwork.groups.hooks import GROUP_PAGES
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


@access("aims.view_platform", signed_in=False)
def platform(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "aims/platform_detail.html",
        {
            "aims": queries.aims(),
            "objectives": queries.objectives(),
            "version": queries.platform_version(),
            "adoption": queries.adoption_of(request.user),
        },
    )


@access("aims.view_platform", signed_in=False)
def history(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.history(), 50).get_page(request.GET.get("page"))
    return render(request, "aims/revision_list.html", {"page": page})


@require_POST
@access("aims.adopt_platform")
def adopt(request: AuthenticatedHttpRequest) -> HttpResponse:
    adoption = actions.do_adopt_platform(request.user, acting_user=request.user)
    messages.success(
        request,
        _("You have adopted the platform (version %(version)s).") % {"version": adoption.version},
    )
    return redirect("aims:platform")


@require_POST
@access("aims.adopt_platform")
def withdraw(request: AuthenticatedHttpRequest) -> HttpResponse:
    actions.do_withdraw_platform_adoption(request.user, acting_user=request.user)
    messages.success(request, _("Your adoption of the platform is withdrawn."))
    return redirect("aims:platform")


def _edit_plank(request: AuthenticatedHttpRequest, plank, kind: str) -> HttpResponse:
    initial = {"title": plank.title, "text": plank.text, "points": plank.points}
    form = PlankForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        revision = actions.do_edit_plank(
            plank,
            values=form.plank_values(),
            note=form.cleaned_data["note"],
            acting_user=request.user,
        )
        if revision:
            # The kind is "aim" or "objective"; each has its own sentence, for languages that
            # inflect.
            if kind == "aim":
                text = _("Saved as version %(version)s of the aim.")
            else:
                text = _("Saved as version %(version)s of the objective.")
            messages.success(request, text % {"version": revision.version})
        else:
            messages.success(request, _("Nothing had changed, so no new version was made."))
        return redirect("aims:platform")
    context = {"form": form, "plank": plank, "kind": kind}
    return render(request, "aims/plank_form.html", context, status=400 if form.errors else 200)


@access("aims.change_platform", fetch=queries.get_aim)
def aim_edit(request: AuthenticatedHttpRequest, aim) -> HttpResponse:
    return _edit_plank(request, aim, "aim")


@access("aims.change_platform", fetch=queries.get_objective)
def objective_edit(request: AuthenticatedHttpRequest, objective) -> HttpResponse:
    return _edit_plank(request, objective, "objective")


@access("aims.view_rollup")
def rollup(request: HttpRequest) -> HttpResponse:
    progress = queries.rollup()
    return render(
        request,
        "aims/rollup.html",
        {"progress": progress},
    )


@access("aims.view_actionplan", fetch=get_group)
def plan(request: HttpRequest, group: Group) -> HttpResponse:
    can_change = request.user.has_perm("aims.change_actionplan", group)
    return render(
        request,
        "aims/actionplan_detail.html",
        {
            "group": group,
            "adoptions": queries.action_plan_for(request.user, group),
            "can_change": can_change,
            "sections": _sections(request, group, can_change=can_change),
        },
    )


def _sections(request: HttpRequest, group: Group, *, can_change: bool) -> SafeString:
    """The sections other apps add to the plan (`hooks.plan_sections`), kept with the group's
    page (`GROUP_PAGES`, renewed by the same actions) per language and kind of reader: the
    organisers, who may change the plan, and the other members. Only members read the plan."""
    html, _changes_at = GROUP_PAGES.get_or_build(
        lambda: draw_sections(section(request, group) for section in plan_sections),
        part=group.pk,
        variant="plan-organising" if can_change else "plan-member",
        fresh_until=lambda built: built[1],
    )
    return mark_safe(html)  # noqa: S308 (each section's template escaped its own)


@access("aims.change_actionplan", fetch=get_group)
@idempotent
def adopt_objective(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    form = AdoptObjectiveForm(
        request.POST or None, objectives=queries.objectives_not_adopted_by(group)
    )
    if request.method == "POST" and form.is_valid():
        adoption = actions.do_adopt_objective(
            group,
            objective=form.cleaned_data["objective"],
            note=form.cleaned_data["note"],
            acting_user=request.user,
        )
        messages.success(
            request,
            _("%(group)s has adopted “%(objective)s”.")
            % {"group": group.name, "objective": adoption.objective.title},
        )
        return redirect("aims:plan", slug=group.slug)
    context = {"group": group, "form": form}
    return render(request, "aims/adoption_form.html", context, status=400 if form.errors else 200)


@access("aims.change_actionplan", fetch=get_group)
@idempotent
def goal_create(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    adoption = queries.get_adoption_in(group, pk)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_add_goal(adoption, **form.cleaned_data, acting_user=request.user)
        messages.success(request, _("The goal was added."))
        return redirect("aims:plan", slug=group.slug)
    context = {"group": group, "adoption": adoption, "form": form}
    return render(request, "aims/goal_form.html", context, status=400 if form.errors else 200)


@access("aims.change_actionplan", fetch=get_group)
@idempotent
def task_create(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    goal = queries.get_goal_in(group, pk)
    form = TaskForm(
        request.POST or None,
        owners=queries.possible_owners(group),
        member_count=group.member_count,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_add_task(goal, **form.cleaned_data, acting_user=request.user)
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The task was added."))
            return redirect("aims:plan", slug=group.slug)
    context = {"group": group, "goal": goal, "form": form}
    return render(request, "aims/task_form.html", context, status=400 if form.errors else 200)


@access("aims.change_actionplan", fetch=get_group)
def goal_edit(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    goal = queries.get_goal_in(group, pk)
    initial = {"title": goal.title, "description": goal.description}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_edit_goal(goal, **form.cleaned_data, acting_user=request.user)
        messages.success(request, _("The goal “%(title)s” was saved.") % {"title": goal.title})
        return redirect("aims:plan", slug=group.slug)
    context = {"group": group, "adoption": goal.adoption, "goal": goal, "form": form}
    return render(request, "aims/goal_form.html", context, status=400 if form.errors else 200)


@access("aims.change_actionplan", fetch=get_group)
def task_edit(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    task = queries.get_task_in(group, pk)
    initial = {"title": task.title, "owner": task.owner, "due_on": task.due_on}
    form = TaskEditForm(
        request.POST or None,
        initial=initial | {"status": task.status},
        owners=queries.possible_owners(group),
        member_count=group.member_count,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_edit_task(task, **form.cleaned_data, acting_user=request.user)
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The task “%(title)s” was saved.") % {"title": task.title})
            return redirect("aims:plan", slug=group.slug)
    context = {"group": group, "goal": task.goal, "task": task, "form": form}
    return render(request, "aims/task_form.html", context, status=400 if form.errors else 200)


@require_POST
@access("aims.change_actionplan", fetch=get_group)
def task_delete(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    task = queries.get_task_in(group, pk)
    actions.do_delete_task(task, acting_user=request.user)
    messages.success(request, _("The task “%(title)s” was deleted.") % {"title": task.title})
    return redirect("aims:plan", slug=group.slug)


@require_POST
@access("aims.change_task", fetch=queries.get_task)
def task_status(request: AuthenticatedHttpRequest, task) -> HttpResponse:
    form = TaskStatusForm(request.POST)
    try:
        status = form.cleaned_data["status"] if form.is_valid() else ""
        actions.check_set_task_status(task, status=status, acting_user=request.user)
        messages.success(
            request,
            # Translators: the status is the task's status label, in lower case ("doing").
            _("“%(title)s” is now %(status)s.")
            % {"title": task.title, "status": task.get_status_display().lower()},
        )
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("aims:plan", slug=task.goal.adoption.group.slug)
