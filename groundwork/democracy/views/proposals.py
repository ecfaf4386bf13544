"""Proposals: the lists, writing one, its page, and deliberation (support, comments, amendments)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.democracy import actions, queries
from groundwork.democracy.forms import (
    AmendmentForm,
    AmendmentVoteForm,
    CommentForm,
    OpenVoteForm,
    ProposalForm,
)
from groundwork.democracy.models import Proposal
from groundwork.democracy.views import proposal_page
from groundwork.democracy.views.scope import add_action_error, scope_name
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest

# The query parameter that names a page of a proposal's discussion.
DISCUSSION_PAGE = "comments"


def _url(proposal: Proposal, anchor: str) -> str:
    return f"{reverse('democracy:proposal', args=[proposal.pk])}#{anchor}"


def _comment_url(proposal: Proposal, comment_pk: int) -> str:
    """The proposal's page that shows the comment (its latest page needs no parameter)."""
    number, pages = queries.discussion_page_number(proposal, comment_pk)
    query = "" if number == pages else f"?{DISCUSSION_PAGE}={number}"
    return f"{reverse('democracy:proposal', args=[proposal.pk])}{query}#comment-{comment_pk}"


def _proposal_list(request: HttpRequest, group) -> HttpResponse:
    page = queries.proposal_cards_page(request.user, group, request.GET.get("page"), per_page=25)
    context = {"group": group, "scope_name": scope_name(group), "page": page}
    return render(request, "democracy/proposal_list.html", context)


def _proposal_create(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("status") != "draft"
        proposal = actions.do_create_proposal(
            group=group, submit=submit, acting_user=request.user, **form.cleaned_data
        )
        if submit:
            messages.success(request, _("Your proposal is open for discussion."))
        else:
            messages.success(
                request, _("Your draft is saved. Only you can see it until you submit it.")
            )
        return redirect("democracy:proposal", pk=proposal.pk)
    context = {"group": group, "scope_name": scope_name(group), "form": form}
    status = 400 if form.errors else 200
    return render(request, "democracy/proposal_form.html", context, status=status)


@access("democracy.view_proposals", fetch=get_group)
def group_proposals(request: HttpRequest, group) -> HttpResponse:
    return _proposal_list(request, group)


@access("democracy.view_proposals")
def alliance_proposals(request: HttpRequest) -> HttpResponse:
    return _proposal_list(request, None)


@access("democracy.propose", fetch=get_group)
@idempotent
def group_proposal_create(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    return _proposal_create(request, group)


@access("democracy.propose")
@idempotent
def alliance_proposal_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _proposal_create(request, None)


def _render_proposal(request: HttpRequest, proposal: Proposal, status: int = 200, **forms):
    # A reply sent back with an error is shown on the page of the comment it answers.
    discussion = queries.discussion_page(
        proposal, request.GET.get(DISCUSSION_PAGE), showing=forms.get("reply_to")
    )
    context = {
        "proposal": proposal,
        "discussion": discussion,
        "amendments": queries.amendments_shown_on(proposal),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "amendment_form": forms.get("amendment_form")
        or AmendmentForm(initial={"new_body": proposal.body}),
        "vote_form": forms.get("vote_form") or OpenVoteForm(),
        "amendment_vote_form": AmendmentVoteForm(prefix="amendment"),
        "ballots": queries.ballots_shown_on(proposal),
        "reply_form": forms.get("reply_form"),
        "reply_to": forms.get("reply_to"),
    }
    # Kept unless a form is sent back with what the person wrote.
    context["content"] = proposal_page.content(request, context, keep=not forms)
    return render(request, "democracy/proposal_detail.html", context, status=status)


@access("democracy.see_proposal", fetch=queries.get_proposal_for)
def proposal(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    return _render_proposal(request, proposal)


@access("democracy.edit_proposal", fetch=queries.get_proposal_for)
def proposal_edit(request: AuthenticatedHttpRequest, proposal: Proposal) -> HttpResponse:
    """The proposer rewrites their draft."""
    initial = {"title": proposal.title, "body": proposal.body}
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_edit_draft_proposal(
                proposal, acting_user=request.user, **form.cleaned_data
            )
            messages.success(request, _("Your draft is saved."))
            return redirect("democracy:proposal", pk=proposal.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"proposal": proposal, "group": proposal.group, "form": form}
    status = 400 if form.errors else 200
    return render(request, "democracy/proposal_edit.html", context, status=status)


def _done(request: HttpRequest, proposal: Proposal, call, success: str) -> HttpResponse:
    """Run one action; its refusal becomes a message on the proposal's page."""
    try:
        call()
        messages.success(request, success)
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("democracy:proposal", pk=proposal.pk)


@require_POST
@access("democracy.edit_proposal", fetch=queries.get_proposal_for)
def proposal_submit(request: AuthenticatedHttpRequest, proposal: Proposal) -> HttpResponse:
    actions.do_submit_proposal(proposal, acting_user=request.user)
    messages.success(request, _("Your proposal is open for discussion."))
    return redirect("democracy:proposal", pk=proposal.pk)


@require_POST
@access("democracy.withdraw_proposal", fetch=queries.get_proposal_for)
def proposal_withdraw(request: AuthenticatedHttpRequest, proposal: Proposal) -> HttpResponse:
    return _done(
        request,
        proposal,
        lambda: actions.do_withdraw_proposal(proposal, acting_user=request.user),
        _("You withdrew the proposal."),
    )


@require_POST
@access("democracy.support_proposal", fetch=queries.get_proposal_for)
def proposal_support(request: AuthenticatedHttpRequest, proposal: Proposal) -> HttpResponse:
    return _done(
        request,
        proposal,
        lambda: actions.check_support_proposal(proposal, acting_user=request.user),
        _("You support this proposal."),
    )


@require_POST
@access("democracy.comment_proposal", fetch=queries.get_proposal_for)
@idempotent
def proposal_comment(request: AuthenticatedHttpRequest, proposal: Proposal) -> HttpResponse:
    form = CommentForm(request.POST)
    if not form.is_valid():
        # The error goes where the person wrote: beside the reply they were writing, or the
        # comment form (the form's action carries the anchor that brings the page back to it).
        if reply_to := form.cleaned_data.get("parent"):
            return _render_proposal(
                request, proposal, status=400, reply_form=form, reply_to=reply_to
            )
        return _render_proposal(request, proposal, status=400, comment_form=form)
    parent_id = form.cleaned_data["parent"]
    parent = get_object_or_404(proposal.comments, pk=parent_id) if parent_id else None
    comment = actions.do_comment(
        proposal, body=form.cleaned_data["body"], parent=parent, acting_user=request.user
    )
    messages.success(
        request, _("Your reply was added.") if parent else _("Your comment was added.")
    )
    return redirect(_comment_url(proposal, comment.pk))


@require_POST
@access("democracy.amend_proposal", fetch=queries.get_proposal_for)
@idempotent
def proposal_amend(request: AuthenticatedHttpRequest, proposal: Proposal) -> HttpResponse:
    form = AmendmentForm(request.POST)
    if form.is_valid():
        try:
            actions.do_propose_amendment(proposal, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("Your amendment was proposed."))
            return redirect(_url(proposal, "amendments"))
        except ActionError as error:
            add_action_error(form, error)
    return _render_proposal(request, proposal, status=400, amendment_form=form)


@require_POST
@idempotent  # above @access: once the vote is open, the rule no longer lets anyone open it
@access("democracy.open_vote", fetch=queries.get_proposal_for)
def proposal_open_vote(request: AuthenticatedHttpRequest, proposal: Proposal) -> HttpResponse:
    form = OpenVoteForm(request.POST)
    if form.is_valid():
        spec = form.spec(title=proposal.title, alliance=proposal.group_id is None)
        try:
            ballot = actions.check_open_proposal_vote(
                proposal,
                spec=spec,
                acting_user=request.user,
                close_when_all_voted=form.cleaned_data["close_when_all_voted"],
            )
            messages.success(request, _("The vote is open. Every member has been told."))
            return redirect("democracy:ballot", pk=ballot.pk)
        except ActionError as error:
            add_action_error(form, error)
    return _render_proposal(request, proposal, status=400, vote_form=form)


def _amendment_of(proposal: Proposal, amendment_pk: int):
    return get_object_or_404(queries.amendments_of(proposal), pk=amendment_pk)


@require_POST
@access("democracy.decide_amendment", fetch=queries.get_proposal_for)
def amendment_accept(
    request: AuthenticatedHttpRequest, proposal: Proposal, amendment_pk: int
) -> HttpResponse:
    amendment = _amendment_of(proposal, amendment_pk)
    return _done(
        request,
        proposal,
        lambda: actions.check_accept_amendment(amendment, acting_user=request.user),
        _("You accepted the amendment: the proposal now reads as amended."),
    )


@require_POST
@access("democracy.decide_amendment", fetch=queries.get_proposal_for)
def amendment_decline(
    request: AuthenticatedHttpRequest, proposal: Proposal, amendment_pk: int
) -> HttpResponse:
    amendment = _amendment_of(proposal, amendment_pk)
    return _done(
        request,
        proposal,
        lambda: actions.check_decline_amendment(amendment, acting_user=request.user),
        _("You declined the amendment. An organiser can still put it to a vote."),
    )


@require_POST
@access("democracy.open_vote", fetch=queries.get_proposal_for)
@idempotent
def amendment_put_to_vote(
    request: AuthenticatedHttpRequest, proposal: Proposal, amendment_pk: int
) -> HttpResponse:
    amendment = _amendment_of(proposal, amendment_pk)
    form = AmendmentVoteForm(request.POST, prefix="amendment")
    if not form.is_valid():
        errors = "; ".join(
            f"{form[name].label}: {' '.join(map(str, e))}" for name, e in form.errors.items()
        )
        messages.error(
            request, _("The amendment was not put to a vote. %(errors)s") % {"errors": errors}
        )
        return redirect("democracy:proposal", pk=proposal.pk)
    try:
        ballot = actions.check_put_amendment_to_vote(
            amendment, closes_at=form.cleaned_data["closes_at"], acting_user=request.user
        )
    except ActionError as error:
        messages.error(request, error.message)
        return redirect("democracy:proposal", pk=proposal.pk)
    messages.success(request, _("The amendment is put to the members' vote."))
    return redirect("democracy:ballot", pk=ballot.pk)
