"""The tellers of a group's (or the alliance's) secret ballots: appointing them, each teller
taking their key, and giving a share at the count.

A teller's code is shown once, in the answer to the request that made it, and is stored nowhere
(not in the session, not in a message, not in any cache): the database holds only its public key.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.democracy import actions, queries
from groundwork.democracy.forms import ShareForm, TellersForm
from groundwork.democracy.models import Ballot, TellingPanel
from groundwork.democracy.views.ballots import render_ballot
from groundwork.democracy.views.scope import add_action_error, scope_name
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


def _tellers_url(group) -> str:
    if group is None:
        return reverse("democracy:alliance_tellers")
    return reverse("democracy:group_tellers", args=[group.slug])


def _tellers_page(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    panel, tellers = queries.tellers_of(group)
    can_appoint = request.user.has_perm("democracy.appoint_tellers", group)
    form = None
    if can_appoint:
        initial = {
            "custody": panel.custody if panel else TellingPanel.Custody.TELLERS,
            "tellers": [teller.user_id for teller in tellers],
            "needed": panel.needed if panel else 2,
        }
        candidates = queries.teller_candidates(request.user, group)
        form = TellersForm(request.POST or None, initial=initial, candidates=candidates)
        if request.method == "POST" and form.is_valid():
            chosen = set(form.cleaned_data["tellers"])
            try:
                actions.check_appoint_tellers(
                    group,
                    tellers=[user for user in _users(chosen)],
                    needed=form.cleaned_data["needed"],
                    custody=form.cleaned_data["custody"],
                    acting_user=request.user,
                )
                messages.success(
                    request,
                    _("Saved. Each new teller has been asked to take their key."),
                )
                return redirect(_tellers_url(group))
            except ActionError as error:
                add_action_error(form, error)
    context = {
        "group": group,
        "scope_name": scope_name(group),
        "panel": panel,
        "tellers": tellers,
        "me": next((teller for teller in tellers if teller.user_id == request.user.pk), None),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "democracy/teller_list.html", context, status=status)


def _users(ids: set[int]) -> list:
    from groundwork.members.models import User

    return list(User.objects.filter(pk__in=ids))


@access("democracy.see_tellers", fetch=get_group)
def group_tellers(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    return _tellers_page(request, group)


@access("democracy.see_tellers")
def alliance_tellers(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _tellers_page(request, None)


def _take_key(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    try:
        code = actions.check_take_teller_key(group, acting_user=request.user)
    except ActionError as error:
        messages.error(request, error.message)
        return redirect(_tellers_url(group))
    context = {"group": group, "scope_name": scope_name(group), "code": code}
    response = render(request, "democracy/teller_key.html", context)
    add_never_cache_headers(response)  # the code must not linger in any cache
    return response


@require_POST
@access("democracy.take_teller_key", fetch=get_group)
def group_teller_key(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    return _take_key(request, group)


@require_POST
@access("democracy.take_teller_key")
def alliance_teller_key(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _take_key(request, None)


@sensitive_post_parameters("code")
@require_POST
@access("democracy.give_share", fetch=queries.get_ballot_for)
def ballot_give_share(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse:
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            given = actions.check_give_share(
                ballot, code=form.cleaned_data["code"], acting_user=request.user
            )
            messages.success(
                request,
                _("Thank you: %(given)s of the %(needed)s shares needed are in.")
                % {"given": given, "needed": ballot.shares_needed},
            )
            return redirect("democracy:ballot", pk=ballot.pk)
        except ActionError as error:
            add_action_error(form, error)
    return render_ballot(request, ballot, share_form=form, status=400)
