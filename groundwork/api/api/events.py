"""Events: the list and one event, as on the pages; answering (RSVP) and withdrawing; your RSVPs."""

from datetime import datetime

from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from groundwork.api.backends import ApiRequest, reads, signed_reads, writes
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.api.pagination import CursorParams, page_of, paginate
from groundwork.core.access import check_access
from groundwork.core.written import page_link
from groundwork.events import actions, queries
from groundwork.events.models import Event
from groundwork.groups.queries import get_group

router = Router(tags=["events"])


class GroupRef(Schema):
    slug: str
    name: str


class EventOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    visibility: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    group: GroupRef | None
    venue: str
    address: str
    postcode: str
    online_url: str
    capacity: int | None
    confirmed_count: int
    waitlist_count: int
    url: str

    @staticmethod
    def resolve_url(event: Event) -> str:
        return page_link("events:detail", pk=event.pk)


class EventDetailOut(EventOut):
    description: str
    cancellation_reason: str
    accessibility: str
    meeting_point: str
    legal_support: str
    what_to_bring: str


class RsvpOut(Schema):
    event: int = Field(..., alias="event_id")
    status: str
    queued_at: datetime


class MyRsvpOut(Schema):
    event: EventOut
    status: str
    queued_at: datetime


class EventFilters(Schema):
    kind: Event.Kind | None = Field(None, description="Only events of this kind.")
    group: str | None = Field(None, description="Only this group's events (its slug).")
    area: str = Field("", max_length=100, description="A place name or a postcode.")


ERRORS = dict.fromkeys(CLIENT_ERRORS, Problem)


@router.get("", response={200: page_of(EventOut), **ERRORS}, auth=reads("events"))
def list_events(
    request: ApiRequest, filters: Query[EventFilters], page: Query[CursorParams]
) -> dict:
    """Upcoming events the caller may see, soonest first (the events page's list)."""
    group = get_group(filters.group) if filters.group else None
    events = queries.upcoming_events(
        request.auth, kind=filters.kind or "", group=group, area=filters.area
    )
    return paginate(request, events, page)


@router.get("/mine", response={200: page_of(MyRsvpOut), **ERRORS}, auth=signed_reads("events"))
def list_my_rsvps(request: ApiRequest, page: Query[CursorParams]) -> dict:
    """The caller's own answers to events not yet over (going or waiting), soonest first."""
    return paginate(request, queries.upcoming_rsvps_of(request.auth), page)


@router.get("/{int:event_id}", response={200: EventDetailOut, **ERRORS}, auth=reads("events"))
def get_event(request: ApiRequest, event_id: int) -> Event:
    """One event; 404 alike for missing and not visible to the caller."""
    event = queries.get_event_for(request.auth, event_id)
    check_access(request.auth, "events.view_event", event)
    return event


@router.post("/{int:event_id}/rsvp", response={200: RsvpOut, **ERRORS}, auth=writes("events"))
def rsvp_to_event(request: ApiRequest, event_id: int):
    """Say the caller is going: a place if there is one, else the waiting list. Idempotent."""
    event = queries.get_event_for(request.auth, event_id)
    return actions.check_rsvp(event, acting_user=request.auth)


@router.delete("/{int:event_id}/rsvp", response={204: None, **ERRORS}, auth=writes("events"))
def cancel_rsvp(request: ApiRequest, event_id: int):
    """Withdraw the caller's answer; the next person waiting gets the place. Idempotent."""
    event = queries.get_event_for(request.auth, event_id)
    actions.do_cancel_rsvp(event, acting_user=request.auth)
    return Status(204, None)
