"""OSDI endpoints (/api/v1/osdi/): people, events, attendances, petitions and signatures in the
HAL+JSON shapes of the Open Supporter Data Interface, read-only, for tools written for Action
Network's API v2 (which is OSDI).

Why a prefix of its own: OSDI tools are configured with an API entry point and follow its links
(`osdi:people`, `next`, ...), so the entry point can live anywhere; keeping it under /api/v1/ gives
it the same tokens, scopes, rate limits and problem details as the rest of the API, and /osdi/
keeps its page-numbered HAL collections apart from the native, cursor-paginated endpoints.
Tools send their key as `OSDI-API-Token: <token>`; a Groundwork token works there, as it does as
`Authorization: Bearer <token>`.

Who sees what is decided by the pages' own queries and rules (the token narrows the owner's roles
to its groups, see backends.py): events by `events_visible_to`, attendances by
`attendees_visible_to` (organisers), petitions by `campaigns_visible_to`, signatures by
`signatures_visible_to` (organisers, logged as the CSV export is), people by `members_visible_to`
of each group the caller organises, with an email address only where the member agreed that
organisers hold it (as the member list shows it).
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError

from groundwork.api import osdi
from groundwork.api.backends import ApiRequest, TokenAuth
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.campaigns.actions import do_record_signature_export
from groundwork.campaigns.models import Petition, Signature
from groundwork.campaigns.queries import (
    campaigns_visible_to,
    get_petition_for,
    signatures_visible_to,
)
from groundwork.core.access import check_access
from groundwork.events.models import Event, Rsvp
from groundwork.events.queries import attendees_visible_to, events_visible_to, get_event_for
from groundwork.groups.models import Group, Membership
from groundwork.groups.queries import members_visible_to
from groundwork.groups.rules import roles_of
from groundwork.members.models import User

router = Router(tags=["osdi"])

CONTENT_TYPE = "application/hal+json"
# Far past any real list; a bound keeps the database's OFFSET in range whatever a caller sends.
MAX_PAGE = 100_000
HAL = {"content": {CONTENT_TYPE: {"schema": {"type": "object", "additionalProperties": True}}}}


class OsdiTokenAuth(TokenAuth):
    """A Groundwork token sent as `OSDI-API-Token` (what OSDI tools send), or as a Bearer."""

    def __call__(self, request: HttpRequest) -> Any:
        secret = request.META.get("HTTP_OSDI_API_TOKEN")
        if secret is not None and "HTTP_AUTHORIZATION" not in request.META:
            if not secret.strip():
                raise AuthenticationError
            return self.authenticate(request, secret.strip())
        return super().__call__(request)


def reads(kind: str) -> OsdiTokenAuth:
    return OsdiTokenAuth(f"{kind}:read", anonymous=True)


class Paging(Schema):
    """OSDI's page-numbered paging, as Action Network's: `?page=2&per_page=25`."""

    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(osdi.DEFAULT_PER_PAGE, ge=1, le=osdi.MAX_PER_PAGE)


def hal(body: dict[str, Any]) -> HttpResponse:
    return HttpResponse(json.dumps(body), content_type=CONTENT_TYPE)


def base_of(request: ApiRequest) -> str:
    return request.build_absolute_uri("/api/v1/osdi").rstrip("/")


# The 200 answer is HAL+JSON (declared here, as ninja would call it application/json); the
# problems are the API's own.
HAL_OK = {"responses": {200: {"description": "OK", **HAL}}}
ERRORS: dict[int, Any] = dict.fromkeys(CLIENT_ERRORS, Problem)


def page_of_rows[T, R: Model](
    request: ApiRequest,
    rows: QuerySet[R],
    paging: Paging,
    kind: str,
    path: str,
    convert: Callable[[R], T],
    shape: Callable[[T, str], dict[str, Any]],
) -> tuple[HttpResponse, Sequence[R]]:
    """One page of `rows`: two queries (the count, the page), shaped as an OSDI collection."""
    page = osdi.page_of(paging.page, paging.per_page, total_records=rows.count())
    chosen = list(rows[page.offset : page.offset + page.per_page]) if page.total_records else []
    body = osdi.collection(
        kind,
        [convert(row) for row in chosen],
        shape,
        page=page,
        base=base_of(request),
        path=path,
    )
    return hal(body), chosen


# --- rows to the shapes' dataclasses ------------------------------------------------------------


def as_person(user: User) -> osdi.OsdiPerson:
    profile = getattr(user, "profile", None)
    shared = profile is not None and profile.allow_organiser_contact and user.erased_at is None
    return osdi.OsdiPerson(
        id=user.pk,
        name=user.name,
        created=user.date_joined,
        modified=user.date_joined,
        email=user.email if shared else None,
    )


def as_event(request: ApiRequest, event: Event) -> osdi.OsdiEvent:
    return osdi.OsdiEvent(
        id=event.pk,
        title=event.title,
        description=event.description,
        starts=event.starts_at,
        ends=event.ends_at,
        created=event.created_at,
        modified=event.updated_at,
        cancelled=event.status == Event.Status.CANCELLED,
        public=event.visibility == Event.Visibility.PUBLIC,
        total_accepted=event.confirmed_count,
        browser_url=request.build_absolute_uri(event.get_absolute_url()),
        time_zone=event.time_zone,
        venue=event.venue,
        address=event.address,
        postcode=event.postcode,
        capacity=event.capacity,
    )


def as_attendance(rsvp: Rsvp) -> osdi.OsdiAttendance:
    return osdi.OsdiAttendance(
        id=rsvp.pk,
        event_id=rsvp.event_id,
        status=rsvp.status,
        created=rsvp.created_at,
        modified=rsvp.updated_at,
        attended=rsvp.checked_in_at is not None,
        person_id=rsvp.user_id,
    )


def as_petition(request: ApiRequest, petition: Petition) -> osdi.OsdiPetition:
    return osdi.OsdiPetition(
        id=petition.pk,
        title=petition.title,
        statement=petition.statement,
        summary=petition.campaign.summary,
        created=petition.created_at,
        modified=petition.updated_at,
        total_signatures=petition.signature_count,
        browser_url=request.build_absolute_uri(petition.get_absolute_url()),
        targets=[petition.target.name] if petition.target is not None else [],
        open=petition.is_open,
    )


def as_signature(signature: Signature) -> osdi.OsdiSignature:
    signer = osdi.OsdiSigner(
        name=signature.name, email=signature.email, postcode_district=signature.postcode_district
    )
    return osdi.OsdiSignature(
        id=signature.pk,
        petition_id=signature.petition_id,
        created=signature.created_at,
        action_date=signature.verified_at or signature.created_at,
        signer=signer,
    )


# --- queries: the pages' own, put together -----------------------------------------------------


def people_visible_to(user) -> QuerySet[User]:
    """Members of every group whose member list `user` may see (members_visible_to of each)."""
    organised = [pk for pk, role in roles_of(user).items() if role == Membership.Role.ORGANISER]
    if not organised:
        return User.objects.none()
    listed = Q(pk__in=[])
    for group in Group.objects.filter(pk__in=organised).order_by("pk"):
        # An organiser without two-factor is told so (403), as the member list's page sends
        # them to set it up, rather than handed an empty list.
        check_access(user, "groups.view_member_list", group)
        listed |= Q(pk__in=members_visible_to(user, group).values("user_id"))
    return User.objects.filter(listed).select_related("profile").order_by("pk")


def petitions_visible_to(user) -> QuerySet[Petition]:
    """Petitions of the campaigns `user` may see (see_petition is see_campaign)."""
    return (
        Petition.objects.filter(campaign__in=campaigns_visible_to(user).values("pk"))
        .select_related("campaign", "target")
        .order_by("-created_at", "-id")
    )


# --- endpoints ---------------------------------------------------------------------------------


@router.get("/", auth=reads("events"), response=ERRORS, openapi_extra=HAL_OK)
def osdi_entry_point(request: ApiRequest) -> HttpResponse:
    """The API entry point: links to the people, events and petitions collections."""
    motd = _("Groundwork's OSDI entry point: read-only people, events and petitions.")
    return hal(osdi.entry_point(osdi.EntryPoint(motd=motd), base_of(request)))


@router.get("/people", auth=reads("people"), response=ERRORS, openapi_extra=HAL_OK)
def osdi_list_people(request: ApiRequest, paging: Query[Paging]) -> HttpResponse:
    """Members of the groups the caller organises; emails only of those who shared them."""
    people = people_visible_to(request.auth)
    response, _rows = page_of_rows(
        request, people, paging, "people", "people", as_person, osdi.person
    )
    return response


@router.get("/people/{int:person_id}", auth=reads("people"), response=ERRORS, openapi_extra=HAL_OK)
def osdi_get_person(request: ApiRequest, person_id: int) -> HttpResponse:
    """One member of a group the caller organises, or 404."""
    found = people_visible_to(request.auth).filter(pk=person_id).first()
    if found is None:
        raise Http404("No such person.")
    return hal(osdi.person(as_person(found), base_of(request)))


@router.get("/events", auth=reads("events"), response=ERRORS, openapi_extra=HAL_OK)
def osdi_list_events(request: ApiRequest, paging: Query[Paging]) -> HttpResponse:
    """Every event the caller may see, past and future, soonest first."""
    events = events_visible_to(request.auth).order_by("starts_at", "id")
    response, _rows = page_of_rows(
        request,
        events,
        paging,
        "events",
        "events",
        lambda event: as_event(request, event),
        osdi.event,
    )
    return response


@router.get("/events/{int:event_id}", auth=reads("events"), response=ERRORS, openapi_extra=HAL_OK)
def osdi_get_event(request: ApiRequest, event_id: int) -> HttpResponse:
    """One event the caller may see, or 404."""
    event = get_event_for(request.auth, event_id)
    return hal(osdi.event(as_event(request, event), base_of(request)))


def _attendees(request: ApiRequest, event_id: int) -> QuerySet[Rsvp]:
    event = get_event_for(request.auth, event_id)
    check_access(request.auth, "events.view_attendee_list", event)
    return attendees_visible_to(request.auth, event).order_by("queued_at", "id")


@router.get(
    "/events/{int:event_id}/attendances",
    auth=reads("events"),
    response=ERRORS,
    openapi_extra=HAL_OK,
)
def osdi_list_attendances(
    request: ApiRequest, event_id: int, paging: Query[Paging]
) -> HttpResponse:
    """The event's RSVPs (going and waiting), for its organisers; 404 for anyone else."""
    rsvps = _attendees(request, event_id)
    response, _rows = page_of_rows(
        request,
        rsvps,
        paging,
        "attendances",
        f"events/{event_id}/attendances",
        as_attendance,
        osdi.attendance,
    )
    return response


@router.get(
    "/events/{int:event_id}/attendances/{int:attendance_id}",
    auth=reads("events"),
    response=ERRORS,
    openapi_extra=HAL_OK,
)
def osdi_get_attendance(request: ApiRequest, event_id: int, attendance_id: int) -> HttpResponse:
    """One RSVP of the event, for its organisers; 404 for anyone else."""
    found = _attendees(request, event_id).filter(pk=attendance_id).first()
    if found is None:
        raise Http404("No such attendance.")
    return hal(osdi.attendance(as_attendance(found), base_of(request)))


@router.get("/petitions", auth=reads("campaigns"), response=ERRORS, openapi_extra=HAL_OK)
def osdi_list_petitions(request: ApiRequest, paging: Query[Paging]) -> HttpResponse:
    """Petitions of the campaigns the caller may see, newest first."""
    petitions = petitions_visible_to(request.auth)
    response, _rows = page_of_rows(
        request,
        petitions,
        paging,
        "petitions",
        "petitions",
        lambda petition: as_petition(request, petition),
        osdi.petition,
    )
    return response


@router.get(
    "/petitions/{int:petition_id}",
    auth=reads("campaigns"),
    response=ERRORS,
    openapi_extra=HAL_OK,
)
def osdi_get_petition(request: ApiRequest, petition_id: int) -> HttpResponse:
    """One petition the caller may see, or 404."""
    petition = get_petition_for(request.auth, petition_id)
    return hal(osdi.petition(as_petition(request, petition), base_of(request)))


def _signatures(request: ApiRequest, petition_id: int) -> tuple[Petition, QuerySet[Signature]]:
    petition = get_petition_for(request.auth, petition_id)
    check_access(request.auth, "campaigns.view_signature", petition)
    return petition, signatures_visible_to(request.auth, petition)


@router.get(
    "/petitions/{int:petition_id}/signatures",
    auth=reads("people"),
    response=ERRORS,
    openapi_extra=HAL_OK,
)
def osdi_list_signatures(
    request: ApiRequest, petition_id: int, paging: Query[Paging]
) -> HttpResponse:
    """The petition's verified signatures, for its organisers; each read is logged."""
    petition, signatures = _signatures(request, petition_id)
    response, rows = page_of_rows(
        request,
        signatures,
        paging,
        "signatures",
        f"petitions/{petition_id}/signatures",
        as_signature,
        osdi.signature,
    )
    do_record_signature_export(
        petition, count=len(rows), kind="signatures", acting_user=request.auth
    )
    return response


@router.get(
    "/petitions/{int:petition_id}/signatures/{int:signature_id}",
    auth=reads("people"),
    response=ERRORS,
    openapi_extra=HAL_OK,
)
def osdi_get_signature(request: ApiRequest, petition_id: int, signature_id: int) -> HttpResponse:
    """One verified signature, for the petition's organisers; the read is logged."""
    petition, signatures = _signatures(request, petition_id)
    found = signatures.filter(pk=signature_id).first()
    if found is None:
        raise Http404("No such signature.")
    do_record_signature_export(petition, count=1, kind="signatures", acting_user=request.auth)
    return hal(osdi.signature(as_signature(found), base_of(request)))
