"""A campaign's pledges: the public page of a pledge with every answer and the votes that broke
it, and the organisers' forms to write a pledge and record an answer."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from groundwork.accountability import actions, queries
from groundwork.accountability.forms import PledgeAnswerForm, PledgeForm
from groundwork.accountability.models import Pledge, PledgeAnswer
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.queries import get_campaign_for
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.members.models import AuthenticatedHttpRequest

SEARCH_RESULTS = 20


@access("accountability.see_pledge", fetch=queries.get_pledge_for, signed_in=False)
def pledge(request: HttpRequest, pledge: Pledge) -> HttpResponse:
    answers = queries.answers_to(pledge)
    for answer in answers:
        answer.pledge = pledge  # already loaded: spares a query per answer
    flags = queries.broken_pledges(answers)
    rows = [(answer, flags.of(answer)) for answer in answers]
    context = {"pledge": pledge, "campaign": pledge.campaign, "rows": rows}
    return render(request, "accountability/pledge_detail.html", context)


@access("accountability.create_pledge", fetch=get_campaign_for)
@idempotent
def pledge_create(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    form = PledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = actions.check_create_pledge(
                campaign,
                title=data["title"],
                text=data["text"],
                policy=data["policy"],
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The pledge is written. Record the answers next."))
            return redirect(pledge)
    status = 400 if form.errors else 200
    context = {"form": form, "campaign": campaign}
    return render(request, "accountability/pledge_form.html", context, status=status)


def _answer_so_far(pledge: Pledge, request: HttpRequest) -> dict:
    """The form starts from the answer on file for the representative picked, if any."""
    picked = request.GET.get("person", "")
    if not picked.isdigit():
        return {}
    answer = PledgeAnswer.objects.filter(pledge=pledge, person_id=int(picked)).first()
    if answer is None:
        return {"representative": picked}
    fields = ("status", "answered_on", "evidence_url", "evidence_note")
    return {"representative": picked} | {name: getattr(answer, name) for name in fields}


@access("accountability.answer_pledge", fetch=queries.get_pledge_for)
def pledge_answer(request: AuthenticatedHttpRequest, pledge: Pledge) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    found = list(queries.representatives(search)[:SEARCH_RESULTS]) if search else []
    form = PledgeAnswerForm(request.POST or None, initial=_answer_so_far(pledge, request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_record_pledge_answer(
                pledge,
                person=data["representative"],
                status=data["status"],
                answered_on=data["answered_on"],
                evidence_url=data["evidence_url"],
                evidence_note=data["evidence_note"],
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The answer is recorded."))
            return redirect(pledge)
    status = 400 if form.errors else 200
    context = {"form": form, "pledge": pledge, "search": search, "found": found}
    return render(request, "accountability/pledge_answer_form.html", context, status=status)
