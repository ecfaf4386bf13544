"""A group's democracy settings, set by its organisers."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.democracy import actions, queries
from groundwork.democracy.forms import DemocracySettingsForm
from groundwork.democracy.views.scope import add_action_error
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


@access("democracy.set_group_rules", fetch=get_group)
def group_settings(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    current = queries.settings_for(group)
    initial = {
        "supporters_to_vote": current.supporters_to_vote,
        "discussion_days": current.discussion_days,
    }
    form = DemocracySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_democracy_settings(
                group, acting_user=request.user, **form.cleaned_data
            )
            messages.success(
                request, _("Saved. Proposals submitted from now on follow these rules.")
            )
            return redirect("democracy:group_proposals", slug=group.slug)
        except ActionError as error:
            add_action_error(form, error)
    status = 400 if form.errors else 200
    context = {"group": group, "form": form}
    return render(request, "democracy/groupdemocracysettings_form.html", context, status=status)
