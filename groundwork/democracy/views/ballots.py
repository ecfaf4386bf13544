"""Ballots: the lists, creating and opening one, and the ballot page where members vote.

A secret vote is sealed by the action before it is stored; the voter is shown its tracker, which
proves the vote was included, not how it voted. The vote itself is kept out of error reports
(`sensitive_post_parameters`) and out of every log.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.democracy import actions, queries
from groundwork.democracy.forms import (
    BallotForm,
    OpenBallotForm,
    ShareForm,
    confirmed_groups_without_delegates,
    submitted_ranks,
    vote_content,
)
from groundwork.democracy.models import Ballot
from groundwork.democracy.views.scope import add_action_error, scope_name
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


def _ballot_list(request: HttpRequest, group) -> HttpResponse:
    ballots = queries.with_my_vote(queries.ballots_visible_to(request.user, group), request.user)
    page = Paginator(ballots, 25).get_page(request.GET.get("page"))
    context = {"group": group, "scope_name": scope_name(group), "page": page}
    return render(request, "democracy/ballot_list.html", context)


@access("democracy.view_proposals", fetch=get_group)
def group_ballots(request: HttpRequest, group) -> HttpResponse:
    return _ballot_list(request, group)


@access("democracy.view_proposals")
def alliance_ballots(request: HttpRequest) -> HttpResponse:
    return _ballot_list(request, None)


def _ballot_create(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    form = BallotForm(request.POST or None, alliance=group is None)
    if request.method == "POST" and form.is_valid():
        try:
            ballot = actions.do_create_ballot(
                group=group, spec=form.spec(), acting_user=request.user
            )
            messages.success(request, _("The ballot is saved as a draft. Check it, then open it."))
            return redirect("democracy:ballot", pk=ballot.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": group, "scope_name": scope_name(group), "form": form}
    status = 400 if form.errors else 200
    return render(request, "democracy/ballot_form.html", context, status=status)


@access("democracy.create_ballot", fetch=get_group)
@idempotent
def group_ballot_create(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    return _ballot_create(request, group)


@access("democracy.create_ballot")
@idempotent
def alliance_ballot_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _ballot_create(request, None)


@access("democracy.edit_ballot", fetch=queries.get_ballot)
def ballot_edit(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse:
    """An organiser changes a ballot while it is a draft."""
    initial = BallotForm.initial_for(actions.spec_of(ballot))
    form = BallotForm(request.POST or None, alliance=ballot.group is None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_edit_draft_ballot(ballot, spec=form.spec(), acting_user=request.user)
            messages.success(request, _("The draft ballot is saved."))
            return redirect("democracy:ballot", pk=ballot.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"ballot": ballot, "group": ballot.group, "form": form}
    status = 400 if form.errors else 200
    return render(request, "democracy/ballot_edit.html", context, status=status)


def render_ballot(
    request: HttpRequest, ballot: Ballot, *, error=None, status=200, ranks=None, share_form=None
) -> HttpResponse:
    """The ballot page: its facts, the vote form, and for a teller at the count, the share form."""
    elector = queries.elector_for(request.user, ballot)
    options = [] if ballot.method == Ballot.Method.MAJORITY else list(ballot.options.all())
    submitted = request.POST if error else None
    ranks = ranks or {}
    approved = set(submitted.getlist("approved")) if submitted else set()
    rows = [
        {
            "option": option,
            "rank": ranks.get(option.position, ""),
            "approved": str(option.position) in approved,
        }
        for option in options
    ]
    shares = queries.shares_of(ballot) if ballot.secret else []
    my_share = next((share for share in shares if share.teller_id == request.user.pk), None)
    context = {
        "ballot": ballot,
        "rows": rows,
        "elector": elector,
        "can_vote": ballot.status == Ballot.Status.OPEN and elector and not elector.voted_on,
        "tracker": queries.tracker_of(elector) if ballot.secret and elector else None,
        "shares": shares,
        "shares_given": sum(1 for share in shares if share.given_at),
        "my_share": my_share,
        "share_form": share_form or ShareForm(),
        "open_form": OpenBallotForm(),
        "error": error,
        "rank_choices": [str(n) for n in range(1, len(options) + 1)],
        "choice": submitted.get("choice", "") if submitted else "",
        "majority_choices": [("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain"))],
    }
    return render(request, "democracy/ballot_detail.html", context, status=status)


def _to_receipt(ballot: Ballot, *, changed: bool = False) -> HttpResponse:
    """POST/redirect/GET: the receipt is a page of its own, so reloading it sends nothing again."""
    receipt = reverse("democracy:ballot_voted", args=[ballot.pk])
    return redirect(f"{receipt}?changed=1" if changed else receipt)


def _already_voted(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse | None:
    """For a form sent again after the vote was recorded: say so, and show the receipt."""
    elector = queries.elector_for(request.user, ballot)
    if elector is None or elector.voted_on is None:
        return None
    messages.info(
        request,
        _(
            "You have already voted in this ballot: your vote was recorded on %(date)s. "
            "Sending the form again changed nothing."
        )
        % {"date": date_format(elector.voted_on, "j F Y")},
    )
    return _to_receipt(ballot)


@sensitive_post_parameters()
@access(fetch=queries.get_ballot_for)  # check_cast_vote: electors alone vote
def ballot(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse:
    if request.method != "POST":
        return render_ballot(request, ballot)
    try:
        content = vote_content(ballot, request.POST)
        actions.check_cast_vote(ballot, content=content, acting_user=request.user)
    except ActionError as error:
        if already := _already_voted(request, ballot):
            return already
        ranks = submitted_ranks(request.POST)
        return render_ballot(request, ballot, error=error, status=400, ranks=ranks)
    return _to_receipt(ballot)


@access(fetch=queries.get_ballot_for)
def ballot_voted(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse:
    """The voter's receipt: that the vote was recorded, when, and in a secret ballot its tracker."""
    elector = queries.elector_for(request.user, ballot)
    if elector is None or elector.voted_on is None:
        return redirect("democracy:ballot", pk=ballot.pk)
    context = {
        "ballot": ballot,
        "voted_on": elector.voted_on,
        "tracker": queries.tracker_of(elector) if ballot.secret else None,
        "changed": request.GET.get("changed") == "1",
    }
    response = render(request, "democracy/ballot_voted.html", context)
    add_never_cache_headers(response)  # what the voter was shown must not linger in any cache
    return response


@sensitive_post_parameters()
@require_POST
@access(fetch=queries.get_ballot_for)  # check_change_vote: the elector who voted
def ballot_change_vote(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse:
    try:
        content = vote_content(ballot, request.POST)
        actions.check_change_vote(ballot, content=content, acting_user=request.user)
    except ActionError as error:
        ranks = submitted_ranks(request.POST)
        return render_ballot(request, ballot, error=error, status=400, ranks=ranks)
    return _to_receipt(ballot, changed=True)


@require_POST
# The organisers' own rule decides, so one without two-factor is sent to set it up.
@access("democracy.manage_ballot", fetch=queries.get_ballot)
def ballot_open(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse:
    form = OpenBallotForm(request.POST)
    close_early = form.is_valid() and form.cleaned_data["close_when_all_voted"]
    try:
        actions.check_open_ballot(
            ballot,
            acting_user=request.user,
            without_delegates_from=confirmed_groups_without_delegates(request.POST),
            close_when_all_voted=close_early,
        )
        messages.success(request, _("The ballot is open. Every elector has been told."))
    except actions.GroupsWithoutDelegates as refusal:
        # The coordinator is shown the groups, and confirms exactly these, or none.
        context = {
            "ballot": ballot,
            "refusal": refusal,
            "group_ids": " ".join(str(group.pk) for group in refusal.groups),
            "close_when_all_voted": close_early,
        }
        return render(request, "democracy/ballot_open_confirm.html", context)
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("democracy:ballot", pk=ballot.pk)


@require_POST
@access("democracy.manage_ballot", fetch=queries.get_ballot)
def ballot_cancel(request: AuthenticatedHttpRequest, ballot: Ballot) -> HttpResponse:
    try:
        actions.check_cancel_ballot(ballot, acting_user=request.user)
        messages.success(request, _("The ballot is cancelled; its votes were discarded uncounted."))
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("democracy:ballot", pk=ballot.pk)
