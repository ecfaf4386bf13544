"""Pages of the movement's own representatives: a group's and the alliance's positions, a
position with its holders, history, mandates, meetings, report-backs and elections, and the
forms that create, fill and hold them to account."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability import actions, queries
from groundwork.accountability.forms import (
    AccountabilitySettingsForm,
    AppointForm,
    ElectionForm,
    EndTermForm,
    MandateForm,
    MeetingForm,
    PositionForm,
    ReportBackForm,
    StepDownForm,
)
from groundwork.accountability.models import Meeting, Position, Term
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.democracy.views.scope import add_action_error, scope_name
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


def posted(request: HttpRequest):
    """The submitted data of a POST, even an empty one (a form sent with nothing filled in is
    shown again with its errors); None for a GET."""
    return request.POST if request.method == "POST" else None


def _form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render a form page: 400 when the form has errors, so what was typed comes back."""
    status = 400 if context["form"].errors else 200
    return render(request, f"accountability/{template}", context, status=status)


def _position_list(request: HttpRequest, group) -> HttpResponse:
    positions = list(queries.positions_of(group))
    context = {
        "group": group,
        "scope_name": scope_name(group),
        "positions": positions,
        "overdue": len(queries.overdue_report_backs(positions)),
    }
    return render(request, "accountability/position_list.html", context)


@access("accountability.list_positions", fetch=get_group)
def group_positions(request: HttpRequest, group) -> HttpResponse:
    return _position_list(request, group)


@access("accountability.list_positions")
def alliance_positions(request: HttpRequest) -> HttpResponse:
    return _position_list(request, None)


def _position_create(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    form = PositionForm(posted(request), group=group)
    if request.method == "POST" and form.is_valid():
        try:
            position = actions.check_create_position(
                group=group, acting_user=request.user, **form.cleaned_data
            )
            messages.success(request, _("The position is created. Fill it by an election."))
            return redirect("accountability:position", pk=position.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": group, "scope_name": scope_name(group), "form": form}
    return _form_page(request, "position_form.html", context)


@access("accountability.create_position", fetch=get_group)
@idempotent
def group_position_create(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    return _position_create(request, group)


@access("accountability.create_position")
@idempotent
def alliance_position_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _position_create(request, None)


@access("accountability.set_accountability_rules", fetch=get_group)
def group_accountability_settings(request: AuthenticatedHttpRequest, group) -> HttpResponse:
    form = AccountabilitySettingsForm(posted(request), instance=queries.settings_for(group))
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_accountability_settings(
                group, acting_user=request.user, **form.cleaned_data
            )
            messages.success(request, _("The group's accountability rules are saved."))
            return redirect("accountability:group_positions", slug=group.slug)
        except ActionError as error:
            add_action_error(form, error)
    return _form_page(request, "position_settings.html", {"group": group, "form": form})


@access("accountability.see_position", fetch=queries.get_position)
def position(request: HttpRequest, position: Position) -> HttpResponse:
    terms = list(queries.terms_of(position))
    meetings = list(queries.meetings_of(position))
    today = timezone.localdate()
    overdue: dict[int, list[Term]] = {}
    awaited: dict[int, list[queries.AwaitedReportBack]] = {}
    for report in queries.awaited_report_backs([position], today=today):
        if report.is_overdue(today):
            overdue.setdefault(report.meeting.pk, []).append(report.term)
        else:
            awaited.setdefault(report.meeting.pk, []).append(report)
    mine = [t for t in terms if t.holder_id == request.user.pk]
    mandates = list(queries.mandates_of(position))
    # The position is already loaded: spares the rules a query per row.
    for mandate in mandates:
        mandate.position = position
    for meeting in meetings:
        meeting.position = position
        meeting.overdue_terms = overdue.get(meeting.pk, [])  # type: ignore[attr-defined]
        meeting.awaited = awaited.get(meeting.pk, [])  # type: ignore[attr-defined]
        # As the rule accountability.report_back decides, from the rows already loaded.
        reported = {report.term_id for report in meeting.report_backs.all()}
        meeting.can_report = meeting.held_on <= today and any(  # type: ignore[attr-defined]
            t.starts_on <= meeting.held_on
            and (t.ended_on is None or t.ended_on >= meeting.held_on)
            and t.pk not in reported
            for t in mine
        )
    current = [t for t in terms if t.ended_on is None]
    context = {
        "position": position,
        "group": position.group,
        "current": current,
        "vacant": max(position.seats - len(current), 0),
        "today": today,
        "past": [t for t in terms if t.ended_on is not None],
        "mandates": mandates,
        "meetings": meetings,
        "elections": list(queries.elections_of(position)),
    }
    return render(request, "accountability/position_detail.html", context)


@access("accountability.manage_position", fetch=queries.get_position)
def position_edit(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    initial = {
        name: getattr(position, name)
        for name in ("title", "kind", "description", "seats", "term_months", "electorate")
    }
    form = PositionForm(posted(request), initial=initial, group=position.group)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_position(position, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The position is saved."))
            return redirect("accountability:position", pk=position.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": position.group, "position": position, "form": form}
    return _form_page(request, "position_form.html", context)


def _members(position: Position):
    """The members to choose from for a group's position; None for the alliance's (named by
    email address: the alliance is too large for a list)."""
    return queries.members_for_positions(position.group) if position.group else None


@access("accountability.manage_position", fetch=queries.get_position)
@idempotent
def position_election(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    form = ElectionForm(posted(request), position=position, members=_members(position))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            election = actions.check_call_election(
                position,
                candidate_ids=data["candidates"],
                closes_at=data["closes_at"],
                method=data["method"],
                kind=data["kind"],
                acting_user=request.user,
            )
            messages.success(
                request, _("The ballot is ready in draft: check it, then open the vote.")
            )
            return redirect("democracy:ballot", pk=election.ballot_id)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": position.group, "position": position, "form": form}
    return _form_page(request, "position_election.html", context)


@access("accountability.manage_position", fetch=queries.get_position)
def position_appoint(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    form = AppointForm(posted(request), members=_members(position))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_appoint(
                position,
                holder_id=data["holder"],
                appointment=data["appointment"],
                starts_on=data["starts_on"],
                acting_user=request.user,
            )
            messages.success(request, _("The appointment is recorded in the decision log."))
            return redirect("accountability:position", pk=position.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": position.group, "position": position, "form": form}
    return _form_page(request, "position_appoint.html", context)


@access("accountability.step_down", fetch=queries.get_position)
def position_step_down(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    form = StepDownForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_step_down(position, acting_user=request.user)
            messages.success(request, _("You have stepped down. Thank you for serving."))
            return redirect("accountability:position", pk=position.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": position.group, "position": position, "form": form}
    return _form_page(request, "position_step_down.html", context)


@access("accountability.end_term", fetch=queries.get_term)
def term_end(request: AuthenticatedHttpRequest, term: Term) -> HttpResponse:
    form = EndTermForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_end_term(
                term, reason=form.cleaned_data["reason"], acting_user=request.user
            )
            messages.success(request, _("The term has ended; the holder is told."))
            return redirect("accountability:position", pk=term.position_id)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": term.position.group, "position": term.position, "term": term, "form": form}
    return _form_page(request, "position_end_term.html", context)


@access("accountability.manage_position", fetch=queries.get_position)
@idempotent
def position_mandate(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    form = MandateForm(
        posted(request),
        meetings=Meeting.objects.filter(position=position),
        decisions=queries.decisions_for_mandates(position.group),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_write_mandate(position, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The mandate is written."))
            return redirect("accountability:position", pk=position.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": position.group, "position": position, "form": form}
    return _form_page(request, "position_mandate.html", context)


@access("accountability.record_meeting", fetch=queries.get_position)
@idempotent
def position_meeting(request: AuthenticatedHttpRequest, position: Position) -> HttpResponse:
    form = MeetingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_record_meeting(position, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The meeting is recorded."))
            return redirect("accountability:position", pk=position.pk)
        except ActionError as error:
            add_action_error(form, error)
    context = {"group": position.group, "position": position, "form": form}
    return _form_page(request, "position_meeting.html", context)


@access("accountability.report_back", fetch=queries.get_meeting)
@idempotent
def meeting_report(request: AuthenticatedHttpRequest, meeting: Meeting) -> HttpResponse:
    form = ReportBackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_report_back(meeting, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("Your report-back is posted."))
            return redirect("accountability:position", pk=meeting.position_id)
        except ActionError as error:
            add_action_error(form, error)
    position = meeting.position
    context = {
        "group": position.group,
        "position": position,
        "meeting": meeting,
        "mandates": list(meeting.mandates.all()),
        "form": form,
    }
    return _form_page(request, "position_report.html", context)


@access("accountability.see_position", fetch=queries.get_position)
def holder_report_backs(request: HttpRequest, position: Position, user_pk: int) -> HttpResponse:
    terms = list(queries.holder_terms(position, user_pk))
    if not terms:
        raise Http404("Not a holder of this position.")
    context = {
        "group": position.group,
        "position": position,
        "holder": terms[0].holder,
        "terms": terms,
        "report_backs": list(queries.report_backs_of(position, user_pk)),
        "overdue": queries.overdue_report_backs([position], holder_id=user_pk),
    }
    return render(request, "accountability/position_holder.html", context)
