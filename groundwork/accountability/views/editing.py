"""Correcting and removing: the forms that change a mandate, a meeting, a policy, a statement or
a pledge, and the confirmation pages before one is removed (a GET shows what will be removed and
what goes with it, or why it must stay; only a POST removes). Who may is the rule that lets them
create it; each page calls one action."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from groundwork.accountability import actions, queries
from groundwork.accountability.forms import (
    MandateForm,
    MeetingForm,
    PledgeForm,
    PolicyEditForm,
    StatementEditForm,
    division_lines_text,
)
from groundwork.accountability.models import (
    Mandate,
    Meeting,
    Pledge,
    PledgeAnswer,
    Policy,
    Statement,
)
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.democracy.views.scope import add_action_error
from groundwork.members.models import AuthenticatedHttpRequest

get_and_post = require_http_methods(["GET", "POST"])


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A form page: 400 when the form has errors, with what was typed."""
    status = 400 if context["form"].errors else 200
    return render(request, f"accountability/{template}", context, status=status)


def _confirm_delete(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    remove: Callable[[], None],
    done: str,
    message: str,
) -> HttpResponse:
    """A confirmation page on GET; on POST the removal, or the page again with why it was
    refused (400)."""
    if request.method == "POST":
        try:
            remove()
        except ActionError as error:
            context["refusal"] = error.message
            return render(request, f"accountability/{template}", context, status=400)
        messages.success(request, message)
        return redirect(done)
    return render(request, f"accountability/{template}", context)


# Mandates and meetings


@access("accountability.correct_mandate", fetch=queries.get_mandate)
@get_and_post
def mandate_edit(request: AuthenticatedHttpRequest, mandate: Mandate) -> HttpResponse:
    position = mandate.position
    fields = ("title", "text", "meeting", "decision")
    form = MandateForm(
        _posted(request),
        initial={name: getattr(mandate, name) for name in fields},
        meetings=Meeting.objects.filter(position=position, held_on__gt=timezone.localdate()),
        decisions=queries.decisions_for_mandates(position.group),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_mandate(mandate, acting_user=request.user, **form.cleaned_data)
            messages.success(
                request, _("The mandate is corrected; the earlier text is kept in the log.")
            )
            return redirect("accountability:position", pk=position.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": position.group, "position": position, "mandate": mandate, "form": form}
    return _form_page(request, "mandate_edit.html", context)


@access("accountability.remove_mandate", fetch=queries.get_mandate)
@get_and_post
def mandate_delete(request: AuthenticatedHttpRequest, mandate: Mandate) -> HttpResponse:
    position = mandate.position
    context = {
        "group": position.group,
        "position": position,
        "mandate": mandate,
        "refusal": queries.why_mandate_stays(mandate),
    }
    return _confirm_delete(
        request,
        "mandate_confirm_delete.html",
        context,
        remove=lambda: actions.check_delete_mandate(mandate, acting_user=request.user),
        done=reverse("accountability:position", kwargs={"pk": position.pk}),
        message=_("The mandate is removed."),
    )


@access("accountability.correct_meeting", fetch=queries.get_meeting)
@get_and_post
def meeting_edit(request: AuthenticatedHttpRequest, meeting: Meeting) -> HttpResponse:
    initial = {name: getattr(meeting, name) for name in ("title", "held_on", "place")}
    form = MeetingForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_meeting(meeting, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The meeting is corrected."))
            return redirect("accountability:position", pk=meeting.position_id)
        except ActionError as error:
            add_action_error(form, error)
    position = meeting.position
    context = {"group": position.group, "position": position, "meeting": meeting, "form": form}
    return _form_page(request, "meeting_edit.html", context)


@access("accountability.remove_meeting", fetch=queries.get_meeting)
@get_and_post
def meeting_delete(request: AuthenticatedHttpRequest, meeting: Meeting) -> HttpResponse:
    position = meeting.position
    context = {
        "group": position.group,
        "position": position,
        "meeting": meeting,
        "mandates": queries.mandates_for_meeting(meeting),
        "refusal": queries.why_meeting_stays(meeting),
    }
    return _confirm_delete(
        request,
        "meeting_confirm_delete.html",
        context,
        remove=lambda: actions.check_delete_meeting(meeting, acting_user=request.user),
        done=reverse("accountability:position", kwargs={"pk": position.pk}),
        message=_("The meeting is removed."),
    )


# Policies and statements


@access("accountability.correct_policy", fetch=queries.get_policy)
@get_and_post
def policy_edit(request: AuthenticatedHttpRequest, policy: Policy) -> HttpResponse:
    lines = list(queries.divisions_of(policy))
    initial = {
        "title": policy.title,
        "description": policy.description,
        "body": lines[0].division.body if lines else None,
        "divisions": division_lines_text(lines),
    }
    form = PolicyEditForm(_posted(request), initial=initial, bodies=queries.division_bodies())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_update_policy(
                policy,
                body=data["body"],
                title=data["title"],
                description=data["description"],
                lines=data["divisions"],
                acting_user=request.user,
            )
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The policy is corrected; its scorecards are recounted."))
            return redirect(policy)
    return _form_page(request, "policy_edit.html", {"policy": policy, "form": form})


@access("accountability.remove_policy", fetch=queries.get_policy)
@get_and_post
def policy_delete(request: AuthenticatedHttpRequest, policy: Policy) -> HttpResponse:
    context = {"policy": policy, "ties": queries.policy_ties(policy), "refusal": ""}
    return _confirm_delete(
        request,
        "policy_confirm_delete.html",
        context,
        remove=lambda: actions.check_delete_policy(policy, acting_user=request.user),
        done=reverse("accountability:policies"),
        message=_("The policy is removed."),
    )


@access("accountability.correct_statement", fetch=queries.get_statement)
@get_and_post
def statement_edit(request: AuthenticatedHttpRequest, statement: Statement) -> HttpResponse:
    fields = ("kind", "date", "objective", "stance", "summary", "source_url")
    form = StatementEditForm(
        _posted(request), initial={name: getattr(statement, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_update_statement(
                statement,
                kind=data["kind"],
                day=data["date"],
                summary=data["summary"],
                source_url=data["source_url"],
                objective=data["objective"],
                stance=data["stance"],
                acting_user=request.user,
            )
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The statement is corrected."))
            return redirect(statement.person)
    context = {"statement": statement, "person": statement.person, "form": form}
    return _form_page(request, "statement_edit.html", context)


@access("accountability.remove_statement", fetch=queries.get_statement)
@get_and_post
def statement_delete(request: AuthenticatedHttpRequest, statement: Statement) -> HttpResponse:
    context = {"statement": statement, "person": statement.person, "refusal": ""}
    return _confirm_delete(
        request,
        "statement_confirm_delete.html",
        context,
        remove=lambda: actions.check_delete_statement(statement, acting_user=request.user),
        done=statement.person.get_absolute_url(),
        message=_("The statement is removed."),
    )


# Pledges and answers


@access("accountability.correct_pledge", fetch=queries.get_pledge_for)
@get_and_post
def pledge_edit(request: AuthenticatedHttpRequest, pledge: Pledge) -> HttpResponse:
    initial = {"title": pledge.title, "text": pledge.text, "policy": pledge.policy}
    form = PledgeForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_update_pledge(
                pledge,
                title=data["title"],
                text=data["text"],
                policy=data["policy"],
                acting_user=request.user,
            )
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The pledge is corrected."))
            return redirect(pledge)
    context = {
        "pledge": pledge,
        "campaign": pledge.campaign,
        "answered": queries.answered_count(pledge),
        "form": form,
    }
    return _form_page(request, "pledge_edit.html", context)


@access("accountability.remove_pledge", fetch=queries.get_pledge_for)
@get_and_post
def pledge_delete(request: AuthenticatedHttpRequest, pledge: Pledge) -> HttpResponse:
    context = {
        "pledge": pledge,
        "campaign": pledge.campaign,
        "answers": list(queries.answers_to(pledge)),
        "refusal": queries.why_pledge_stays(pledge),
    }
    return _confirm_delete(
        request,
        "pledge_confirm_delete.html",
        context,
        remove=lambda: actions.check_delete_pledge(pledge, acting_user=request.user),
        done=pledge.campaign.get_absolute_url(),
        message=_("The pledge is removed."),
    )


@access("accountability.remove_pledge_answer", fetch=queries.get_pledge_answer_for)
@get_and_post
def pledge_answer_delete(request: AuthenticatedHttpRequest, answer: PledgeAnswer) -> HttpResponse:
    context = {"answer": answer, "pledge": answer.pledge, "refusal": ""}
    return _confirm_delete(
        request,
        "pledgeanswer_confirm_delete.html",
        context,
        remove=lambda: actions.check_delete_pledge_answer(answer, acting_user=request.user),
        done=answer.pledge.get_absolute_url(),
        message=_("The answer is removed."),
    )
