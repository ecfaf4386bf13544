"""Public and members' event pages: the list, an event, answering it, the map."""

from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.fragments import digest, row_of
from groundwork.core.pagination import CappedPaginator
from groundwork.events import actions, queries
from groundwork.events.forms import EventFilterForm
from groundwork.events.hooks import EVENT_PAGES
from groundwork.events.models import Event
from groundwork.events.views.calendars import google_calendar_url
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


@access(signed_in=False)
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    group = get_group(filters["group"]) if filters.get("group") else None
    events = queries.upcoming_event_cards(
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
    """The event's page: what everyone who may see it sees is kept (`hooks.EVENT_PAGES`), and
    only the reader's own part (their answer, what they may do) is drawn for each request."""
    rsvp = queries.rsvp_of(request.user, event)
    live_programme = event.kind == Event.Kind.CONFERENCE and request.user.has_perm(
        "events.change_event", event
    )
    context = {
        "event": event,
        "rsvp": rsvp,
        "kept": kept_event_page(event),
        "live_programme": live_programme,
        "programme": queries.programme_of(event) if live_programme else [],
        "stewards": queries.stewards_visible_to(request.user, event, rsvp),
        "google_calendar_url": google_calendar_url(event, request),
        "map_points": event.latitude is not None,
    }
    return render(request, "events/event_detail.html", context)


KEPT_PARTS = {"head": "_event_head", "about": "_event_about", "more": "_event_more"}


def kept_event_page(event: Event) -> dict[str, str]:
    """The parts of `event`'s page that are the same for everyone who may see it (an organiser's
    programme, with its buttons, is drawn for them), built again when the event's, its group's
    or its series' columns are not those the kept copy was built from."""
    rows = digest(row_of(event), row_of(event.group), row_of(event.series))

    def build() -> dict[str, str]:
        context = {
            "event": event,
            "objectives": queries.objectives_of(event),
            "programme": queries.programme_of(event) if event.kind == Event.Kind.CONFERENCE else [],
            "map_points": [queries.map_point_of_event(event)] if event.latitude is not None else [],
        }
        parts = {
            name: render_to_string(f"events/{template}.html", context)
            for name, template in KEPT_PARTS.items()
        }
        return {"rows": rows, **parts}

    kept = EVENT_PAGES.get_or_build(build, part=event.pk)
    if kept["rows"] != rows:
        # Built from other columns (the event changed since, or this request read it before a
        # change another process has kept): this reader gets a copy of what they read.
        kept = build()
        EVENT_PAGES.forget(event.pk)
    return kept


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
