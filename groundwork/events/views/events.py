"""Public and members' event pages: the list, an event, answering it, the map."""

from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.pagination import CappedPaginator
from groundwork.events import actions, queries
from groundwork.events.forms import EventFilterForm
from groundwork.events.models import Event
from groundwork.events.views.calendars import google_calendar_url
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


@access(signed_in=False)
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    group = get_group(filters["group"]) if filters.get("group") else None
    events = queries.upcoming_events(
        request.user, kind=filters.get("kind", ""), group=group, area=filters.get("area", "")
    )
    page = CappedPaginator(events, 25).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in filters.items() if value})
    context: dict[str, Any] = {"form": form, "group": group, "page": page, "query": query}
    kinds = cast(forms.ChoiceField, form.fields["kind"]).choices
    context |= {"kinds": kinds, "kind": filters.get("kind", "")}
    return render(request, "events/event_list.html", context)


@access("events.view_event", fetch=queries.get_event_for, signed_in=False)
def event_detail(request: HttpRequest, event: Event) -> HttpResponse:
    rsvp = queries.rsvp_of(request.user, event)
    context = {
        "event": event,
        "rsvp": rsvp,
        "programme": queries.programme_of(event) if event.kind == Event.Kind.CONFERENCE else [],
        "objectives": queries.objectives_of(event),
        "stewards": queries.stewards_visible_to(request.user, event, rsvp),
        "google_calendar_url": google_calendar_url(event, request),
        "map_points": [queries.map_point_of_event(event)] if event.latitude is not None else [],
    }
    return render(request, "events/event_detail.html", context)


@require_POST
@access(fetch=queries.get_event_for)  # check_rsvp says why someone may not answer
def rsvp(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    try:
        answer = actions.check_rsvp(event, acting_user=request.user)
    except ActionError as error:
        messages.error(request, error.message)
        return redirect(event)
    if answer.status == answer.Status.CONFIRMED:
        messages.success(request, _("You are going to %(title)s.") % {"title": event.title})
    else:
        messages.success(
            request,
            _(
                "%(title)s is full: you are on the waiting list. If a place comes free, it is "
                "yours and we will tell you."
            )
            % {"title": event.title},
        )
    return redirect(event)


@require_POST
@access(fetch=queries.get_event_for)  # only the person's own answer is withdrawn
def cancel_rsvp(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    if actions.do_cancel_rsvp(event, acting_user=request.user):
        messages.success(
            request, _("You are no longer going to %(title)s.") % {"title": event.title}
        )
    return redirect(event)


@access(signed_in=False)
def event_map(request: HttpRequest) -> HttpResponse:
    groups = list(queries.groups_on_the_map())
    events = list(queries.events_on_the_map(request.user))
    points = [queries.map_point_of_group(group) for group in groups]
    points += [queries.map_point_of_event(event) for event in events]
    context = {"groups": groups, "events": events, "map_points": points}
    return render(request, "events/map.html", context)
