"""A group's targets with their progress, the organisers' forms to set, change and delete them,
and the page where organisers choose the areas the group works in."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from groundwork.aims.models import ObjectiveAdoption
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.outcomes import actions, queries
from groundwork.outcomes.forms import GroupAreasForm, TargetEditForm, TargetForm
from groundwork.outcomes.metrics import change_percent_of


def _posted(request: HttpRequest):
    """The form's data when sent (an empty form sent is still sent), None when only asked for."""
    return request.POST if request.method == "POST" else None


@access("outcomes.see_targets", fetch=get_group, signed_in=False)
def targets(request: HttpRequest, group: Group) -> HttpResponse:
    rows = queries.rows_of(queries.targets_of(group))
    context = {
        "group": group,
        "rows": rows,
        "areas": queries.areas_of(group),
        "may_set": request.user.has_perm("outcomes.set_target", group),
    }
    return render(request, "outcomes/target_list.html", context)


def _adopted_ids(group: Group) -> set[int]:
    adoptions = ObjectiveAdoption.objects.filter(group=group)
    return set(adoptions.values_list("objective_id", flat=True))


@access("outcomes.set_target", fetch=get_group)
@idempotent
def target_create(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    areas = queries.areas_of(group)
    form = TargetForm(
        _posted(request),
        areas=areas,
        indicators=queries.indicators_with_figures_in(areas),
        adopted_ids=_adopted_ids(group),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_set_target(
                group,
                area=data["area"],
                indicator=data["indicator"],
                **form.aim(),
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("The target is set."))
            return redirect("outcomes:targets", slug=group.slug)
    context = {"group": group, "form": form, "areas": areas}
    status = 400 if form.errors else 200
    return render(request, "outcomes/target_form.html", context, status=status)


def _initial(target) -> dict:
    change = change_percent_of(target.baseline_value, target.target_value)
    initial = {"objective": target.objective_id, "by_period": target.by_period, "note": target.note}
    if change is not None and change == change.quantize(1):
        return initial | {
            "change": "down" if change < 0 else "up",
            "percent": queries.plain(abs(change)),
        }
    return initial | {"target_value": queries.plain(target.target_value)}


@access("outcomes.set_target", fetch=get_group)
def target_edit(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    target = queries.get_target_in(group, pk)
    form = TargetEditForm(
        _posted(request), initial=_initial(target), adopted_ids=_adopted_ids(group)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_target(target, **form.aim(), acting_user=request.user)
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("outcomes:targets", slug=group.slug)
    context = {"group": group, "form": form, "target": target}
    context["baseline"] = queries.figure(target.baseline_value)
    status = 400 if form.errors else 200
    return render(request, "outcomes/target_form.html", context, status=status)


@access("outcomes.set_target", fetch=get_group)
def target_delete(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    target = queries.get_target_in(group, pk)
    if request.method == "POST":
        actions.check_delete_target(target, acting_user=request.user)
        messages.success(request, _("The target is deleted."))
        return redirect("outcomes:targets", slug=group.slug)
    return render(request, "outcomes/target_delete.html", {"group": group, "target": target})


@access("outcomes.choose_group_areas", fetch=get_group)
def group_areas(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    choices = queries.area_choices_for(group)
    initial = {"areas": [area.pk for area in queries.areas_of(group)]}
    form = GroupAreasForm(_posted(request), initial=initial, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_choose_group_areas(
                group, areas=list(form.cleaned_data["areas"]), acting_user=request.user
            )
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("The group's areas are saved."))
            return redirect("outcomes:targets", slug=group.slug)
    context = {"group": group, "form": form, "has_choices": choices.exists()}
    status = 400 if form.errors else 200
    return render(request, "outcomes/group_areas.html", context, status=status)
