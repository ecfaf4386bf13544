"""Organisers' pages: creating and editing events, cancelling, the programme, attendees, the door."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from groundwork.core.errors import ActionError
from groundwork.events import actions, queries
from groundwork.events.forms import CancelEventForm, EventForm, SessionForm
from groundwork.events.models import Event
from groundwork.events.rules import organises_event
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.groups.rules import has_two_factor, is_coordinator, roles_of


def _two_factor_first(request: HttpRequest) -> HttpResponse:
    messages.warning(request, "Set up two-factor authentication before you organise events.")
    return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")


def _holds_the_role(user, group: Group | None) -> bool:
    """Organiser of the group (coordinator, without one), with or without two-factor yet."""
    return is_coordinator(user) if group is None else roles_of(user).get(group.pk) == "organiser"


def event_organiser_view(view):
    """Fetch the event for its organisers; 404 for anyone else, two-factor set-up if missing."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        event = queries.get_event_for(request.user, pk)
        if not _holds_the_role(request.user, event.group):
            raise Http404("No such page.")
        if not has_two_factor(request.user):
            return _two_factor_first(request)
        if not organises_event(request.user, event):
            raise Http404("No such page.")
        return view(request, event, *args, **kwargs)

    return wrapper


def _create(request: HttpRequest, group: Group | None) -> HttpResponse:
    if not _holds_the_role(request.user, group):
        raise Http404("No such page.")
    if not has_two_factor(request.user):
        return _two_factor_first(request)
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
        messages.success(request, f"{event.title} is on the calendar.")
        return redirect(event)
    status = 400 if form.errors else 200
    context = {"form": form, "group": group}
    return render(request, "events/event_form.html", context, status=status)


@login_required
def create_group_event(request: HttpRequest, slug: str) -> HttpResponse:
    return _create(request, get_group(slug))


@login_required
def create_alliance_event(request: HttpRequest) -> HttpResponse:
    return _create(request, None)


@event_organiser_view
def edit_event(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event, group=event.group)
    if request.method == "POST" and form.is_valid():
        actions.do_update_event(
            event,
            values=form.event_values(),
            stewards=form.cleaned_data.get("stewards") or [],
            objectives=form.cleaned_data["objectives"],
            acting_user=request.user,
        )
        messages.success(request, "The event is saved.")
        return redirect(event)
    context = {"form": form, "group": event.group, "event": event}
    return render(request, "events/event_form.html", context, status=400 if form.errors else 200)


@event_organiser_view
def cancel_event(request: HttpRequest, event: Event) -> HttpResponse:
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_cancel_event(
                event, reason=form.cleaned_data["reason"], acting_user=request.user
            )
            messages.success(request, "The event is cancelled; everyone who answered is told.")
        except ActionError as error:
            messages.error(request, error.message)
        return redirect(event)
    context = {"form": form, "event": event}
    return render(request, "events/event_cancel.html", context, status=400 if form.errors else 200)


@event_organiser_view
def attendees(request: HttpRequest, event: Event) -> HttpResponse:
    rsvps = queries.attendees_visible_to(request.user, event)
    return render(request, "events/rsvp_list.html", {"event": event, "rsvps": rsvps})


@event_organiser_view
def check_in(request: HttpRequest, event: Event) -> HttpResponse:
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


@event_organiser_view
def add_session(request: HttpRequest, event: Event) -> HttpResponse:
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        actions.do_add_session(event, values=form.session_values(), acting_user=request.user)
        messages.success(request, "The session is in the programme.")
        return redirect(f"{event.get_absolute_url()}#programme")
    context = {"form": form, "event": event}
    return render(request, "events/session_form.html", context, status=400 if form.errors else 200)


@require_POST
@event_organiser_view
def remove_session(request: HttpRequest, event: Event, session_pk: int) -> HttpResponse:
    session = event.sessions.filter(pk=session_pk).first()
    if session is None:
        raise Http404("No such session.")
    actions.do_remove_session(session, acting_user=request.user)
    messages.success(request, f"“{session.title}” is no longer in the programme.")
    return redirect(f"{event.get_absolute_url()}#programme")
