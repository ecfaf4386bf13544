"""The decision logs of a group and of the alliance, and a group's conference delegates."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.democracy import actions, queries
from groundwork.democracy.forms import DelegatesForm
from groundwork.democracy.views.scope import add_action_error, scope_name
from groundwork.groups import queries as group_queries
from groundwork.members.models import AuthenticatedHttpRequest


def _decision_list(request: HttpRequest, group) -> HttpResponse:
    page = Paginator(queries.decisions_visible_to(request.user, group), 50).get_page(
        request.GET.get("page")
    )
    context = {"group": group, "scope_name": scope_name(group), "page": page}
    return render(request, "democracy/decision_list.html", context)


@access("democracy.view_decisions", fetch=group_queries.get_group)
def group_decisions(request: HttpRequest, group) -> HttpResponse:
    return _decision_list(request, group)


@access("democracy.view_decisions")
def alliance_decisions(request: HttpRequest) -> HttpResponse:
    return _decision_list(request, None)


@access("groups.manage_group", fetch=group_queries.get_group)
def delegates(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    members = list(group_queries.members_visible_to(request.user, group))
    form = DelegatesForm(request.POST or None, group=group, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_delegates(
                group, user_ids=form.cleaned_data["delegates"], acting_user=request.user
            )
            messages.success(request, _("The group's delegates are saved."))
            return redirect("democracy:delegates", slug=group.slug)
        except ActionError as error:
            add_action_error(form, error)
    status = 400 if form.errors else 200
    context = {"group": group, "form": form}
    return render(request, "democracy/delegate_form.html", context, status=status)
