"""Organisers' pages: creating and editing events, cancelling, the programme, attendees, the door."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.events import actions, queries
from groundwork.events.forms import CancelEventForm, EventForm, SessionForm
from groundwork.events.models import Event
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


def _create(request: AuthenticatedHttpRequest, group: Group | None) -> HttpResponse:
    form = EventForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        event = actions.do_create_event(
            group=group,
            values=form.event_values(),
            stewards=form.cleaned_data.get("stewards") or [],
            objectives=form.cleaned_data["objectives"],
            repeat=form.cleaned_data["repeat"],
            repeat_until=form.cleaned_data["repeat_until"],
            acting_user=request.user,
        )
        messages.success(request, _("%(title)s is on the calendar.") % {"title": event.title})
        return redirect(event)
    status = 400 if form.errors else 200
    context = {"form": form, "group": group}
    return render(request, "events/event_form.html", context, status=status)


@access("events.add_event", fetch=get_group)
@idempotent
def create_group_event(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    return _create(request, group)


@access("events.add_alliance_event")
@idempotent
def create_alliance_event(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _create(request, None)


@access("events.change_event", fetch=queries.get_event_for)
def edit_event(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event, group=event.group)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_event(
                event,
                values=form.event_values(),
                stewards=form.cleaned_data.get("stewards") or [],
                objectives=form.cleaned_data["objectives"],
                acting_user=request.user,
            )
            messages.success(request, _("The event is saved."))
            return redirect(event)
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
    context = {"form": form, "group": event.group, "event": event}
    return render(request, "events/event_form.html", context, status=400 if form.errors else 200)


# Not events.cancel_event: on an event already over or cancelled, check_cancel_event says why.
@access("events.change_event", fetch=queries.get_event_for)
def cancel_event(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_cancel_event(
                event, reason=form.cleaned_data["reason"], acting_user=request.user
            )
            messages.success(request, _("The event is cancelled; everyone who answered is told."))
        except ActionError as error:
            messages.error(request, error.message)
        return redirect(event)
    context = {"form": form, "event": event}
    return render(request, "events/event_cancel.html", context, status=400 if form.errors else 200)


@access("events.view_attendee_list", fetch=queries.get_event_for)
def attendees(request: HttpRequest, event: Event) -> HttpResponse:
    rsvps = queries.attendees_visible_to(request.user, event)
    return render(request, "events/rsvp_list.html", {"event": event, "rsvps": rsvps})


@access("events.check_in_event", fetch=queries.get_event_for)
def check_in(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    if request.method == "POST":
        rsvp = queries.get_rsvp_in(event, int(request.POST.get("rsvp") or 0))
        present = request.POST.get("present") == "yes"
        try:
            actions.check_check_in(rsvp, present=present, acting_user=request.user)
        except ActionError as error:
            messages.error(request, error.message)
        return redirect(f"{reverse('events:check_in', args=[event.pk])}#rsvp-{rsvp.pk}")
    rsvps = queries.attendees_visible_to(request.user, event)
    return render(request, "events/rsvp_check_in.html", {"event": event, "rsvps": rsvps})


@access("events.change_event", fetch=queries.get_event_for)
@idempotent
def add_session(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        actions.do_add_session(event, values=form.session_values(), acting_user=request.user)
        messages.success(request, _("The session is in the programme."))
        return redirect(f"{event.get_absolute_url()}#programme")
    context = {"form": form, "event": event}
    return render(request, "events/session_form.html", context, status=400 if form.errors else 200)


@require_POST
@access("events.change_event", fetch=queries.get_event_for)
def remove_session(
    request: AuthenticatedHttpRequest, event: Event, session_pk: int
) -> HttpResponse:
    session = queries.get_session_in(event, session_pk)
    actions.do_remove_session(session, acting_user=request.user)
    messages.success(
        request, _("“%(title)s” is no longer in the programme.") % {"title": session.title}
    )
    return redirect(f"{event.get_absolute_url()}#programme")
