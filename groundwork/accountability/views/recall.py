"""Recall petitions: a position's petitions, opening one, a petition with its progress, signing,
opening a recall ballot that waited, and calling a by-election after a recall carried.

Who signed is shown to nobody but the signer (their own signature): the holder, the organisers
and the members see only how many have signed. Signing against your own officer is sensitive."""

import math

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.accountability import actions, queries
from groundwork.accountability.forms import ByElectionForm, RecallPetitionForm
from groundwork.accountability.models import Position, RecallPetition
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.democracy.models import Ballot
from groundwork.democracy.views.scope import add_action_error
from groundwork.members.models import AuthenticatedHttpRequest


@access("accountability.see_recall_petitions", fetch=queries.get_recall_position)
def recall_petitions(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    petitions = list(queries.recall_petitions_of(position))
    context = {
        "position": position,
        "petitions": petitions,
        "signed": queries.recall_petitions_signed_by(request.user, petitions),
        "now": timezone.now(),
    }
    return render(request, "accountability/recall_list.html", context)


@access("accountability.open_recall_petition", fetch=queries.get_recall_position)
@idempotent
def recall_petition_create(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    terms = queries.current_terms_of(position)
    form = RecallPetitionForm(request.POST or None, terms=terms)
    if request.method == "POST" and form.is_valid():
        try:
            petition = actions.check_open_recall_petition(
                form.cleaned_data["term"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The petition is open, with your signature."))
            return redirect("accountability:recall_petition", pk=petition.pk)
    context = {"position": position, "form": form, "has_holder": terms.exists()}
    status = 400 if form.errors else 200
    return render(request, "accountability/recall_form.html", context, status=status)


@access("accountability.see_recall_petition", fetch=queries.get_recall_petition)
def recall_petition(request: AuthenticatedHttpRequest, petition: RecallPetition) -> HttpResponse:
    ballot = petition.ballot
    waiting = ballot is not None and ballot.status == Ballot.Status.DRAFT
    # Whole days, rounded up: a petition opened today for 28 days has 28 left.
    days_left = math.ceil((petition.closes_at - timezone.now()).total_seconds() / 86400)
    context = {
        "petition": petition,
        "position": petition.term.position,
        "signed": bool(queries.recall_petitions_signed_by(request.user, [petition])),
        "days_left": max(days_left, 0),
        "window_over": petition.closes_at <= timezone.now(),
        "waiting_why": queries.why_recall_ballot_waits(petition) if waiting else "",
        "by_election_form": ByElectionForm()
        if request.user.has_perm("accountability.call_by_election", petition)
        else None,
    }
    return render(request, "accountability/recall_detail.html", context)


@require_POST
@access("accountability.sign_recall_petition", fetch=queries.get_recall_petition)
def recall_petition_sign(
    request: AuthenticatedHttpRequest, petition: RecallPetition
) -> HttpResponse:
    try:
        signed = actions.check_sign_recall_petition(petition, acting_user=request.user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        if signed:
            messages.success(request, _("You have signed. Thank you."))
        else:
            messages.info(request, _("You have already signed this petition."))
    return redirect("accountability:recall_petition", pk=petition.pk)


@require_POST
@access("accountability.open_recall_ballot", fetch=queries.get_recall_petition)
def recall_ballot_open(request: AuthenticatedHttpRequest, petition: RecallPetition) -> HttpResponse:
    try:
        actions.check_open_recall_ballot(petition, acting_user=request.user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The recall ballot is open."))
    return redirect("accountability:recall_petition", pk=petition.pk)


@require_POST
@access("accountability.call_by_election", fetch=queries.get_recall_petition)
@idempotent
def recall_by_election(request: AuthenticatedHttpRequest, petition: RecallPetition) -> HttpResponse:
    form = ByElectionForm(request.POST)
    if form.is_valid():
        try:
            election = actions.check_call_by_election(
                petition,
                candidates=form.cleaned_data["candidates"],
                closes_at=form.cleaned_data["closes_at"],
                acting_user=request.user,
            )
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("The by-election ballot is ready as a draft: check it, then open it.")
            )
            return redirect("democracy:ballot", pk=election.ballot_id)
    context = {
        "petition": petition,
        "position": petition.term.position,
        "signed": bool(queries.recall_petitions_signed_by(request.user, [petition])),
        "days_left": 0,
        "window_over": True,
        "waiting_why": "",
        "by_election_form": form,
    }
    return render(request, "accountability/recall_detail.html", context, status=400)
