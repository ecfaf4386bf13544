"""OSDI (Open Supporter Data Interface, v1.x) shapes of people, events, attendances, petitions and
signatures, in HAL+JSON, so that tools written for Action Network's API v2 can read Groundwork.

Pure functions over plain dataclasses: no ORM. The endpoints (groundwork/api/api/osdi.py) fetch
what the caller may see with the same queries as the HTML pages, turn each row into one of the
dataclasses below, and hand them here. Nothing here decides who may see what, with one exception
that is a shape, not a rule: a person's email address is written only when the caller gave one
(`OsdiPerson.email` is None when the member did not agree to the group holding it).

What follows the spec (osdi_docs/*.md and their examples):
- every resource has `identifiers` (`groundwork:<kind>-<id>`), `origin_system`, `created_date`
  and `modified_date` in UTC with a `Z`, and `_links.self`;
- links between resources use the `osdi:` curie (`osdi:attendances`, `osdi:person`, ...), and
  every collection carries the curie, `self`, `next`/`previous`, the `osdi:<kind>` list of links
  and the items in `_embedded`, with the paging fields `total_pages`, `per_page`, `page` and
  `total_records`;
- flexenums keep the spec's words: an event is "confirmed" or "cancelled", an attendance
  "accepted", "tentative" (on the waiting list) or "cancelled".
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from math import ceil
from typing import Any
from urllib.parse import urlencode

ORIGIN_SYSTEM = "Groundwork"
IDENTIFIER_SYSTEM = "groundwork"
CURIE = "osdi"
# Action Network answers 25 a page; a tool may ask for fewer or more, up to MAX_PER_PAGE.
DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100

Json = dict[str, Any]


@dataclass(frozen=True)
class OsdiPerson:
    """A member as the caller may see them. `email` is None unless the member agreed that their
    groups' organisers hold their contact details."""

    id: int
    name: str
    created: datetime
    modified: datetime
    email: str | None = None
    postcode_district: str = ""


@dataclass(frozen=True)
class OsdiEvent:
    id: int
    title: str
    description: str
    starts: datetime
    ends: datetime
    created: datetime
    modified: datetime
    cancelled: bool
    public: bool
    total_accepted: int
    browser_url: str
    time_zone: str = ""
    venue: str = ""
    address: str = ""
    postcode: str = ""
    capacity: int | None = None


@dataclass(frozen=True)
class OsdiAttendance:
    id: int
    event_id: int
    status: str  # Groundwork's RSVP status: "confirmed", "waitlisted" or "cancelled"
    created: datetime
    modified: datetime
    attended: bool
    person_id: int | None = None  # None once the names of a long-past event were removed


@dataclass(frozen=True)
class OsdiPetition:
    id: int
    title: str
    statement: str
    summary: str
    created: datetime
    modified: datetime
    total_signatures: int
    browser_url: str
    targets: Sequence[str] = ()
    open: bool = True


@dataclass(frozen=True)
class OsdiSigner:
    """Who signed, as the petition's organisers see them in the signatures export."""

    name: str
    email: str
    postcode_district: str


@dataclass(frozen=True)
class OsdiSignature:
    id: int
    petition_id: int
    created: datetime
    action_date: datetime
    signer: OsdiSigner | None = None


@dataclass(frozen=True)
class Page:
    """Which page of a collection, and how many rows it has in all."""

    number: int
    per_page: int
    total_records: int

    @property
    def total_pages(self) -> int:
        return max(1, ceil(self.total_records / self.per_page)) if self.per_page else 1

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page


def page_of(page: int | None, per_page: int | None, total_records: int) -> Page:
    """The page asked for, with out-of-range numbers brought into range (page 0 is page 1)."""
    size = min(max(per_page or DEFAULT_PER_PAGE, 1), MAX_PER_PAGE)
    return Page(number=max(page or 1, 1), per_page=size, total_records=total_records)


def timestamp(moment: datetime) -> str:
    """A moment in UTC, to the second, with a Z, as every example of the spec writes it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identifier(kind: str, pk: int) -> str:
    """`groundwork:person-12`: the spec's `system:id`, with the kind so ids never collide."""
    return f"{IDENTIFIER_SYSTEM}:{kind}-{pk}"


def link(href: str) -> Json:
    return {"href": href}


# Where each `osdi:<rel>` is documented: the specification's own page for that resource.
SPEC_PAGES = "https://opensupporter.github.io/osdi-docs/{rel}.html"


def curies() -> list[Json]:
    """The `osdi` curie that every collection and the entry point carry."""
    return [{"name": CURIE, "href": SPEC_PAGES, "templated": True}]


def _common(kind: str, pk: int, created: datetime, modified: datetime) -> Json:
    return {
        "identifiers": [identifier(kind, pk)],
        "origin_system": ORIGIN_SYSTEM,
        "created_date": timestamp(created),
        "modified_date": timestamp(modified),
    }


def person(item: OsdiPerson, base: str) -> Json:
    """A person: their name as they show it, and their email only when it was shared."""
    url = f"{base}/people/{item.id}"
    body = _common("person", item.id, item.created, item.modified)
    # Groundwork keeps one display name; it goes in given_name rather than being split by guess.
    body["given_name"] = item.name
    body["email_addresses"] = (
        [{"primary": True, "address": item.email, "status": "subscribed"}] if item.email else []
    )
    if item.postcode_district:
        body["postal_addresses"] = [
            {"primary": True, "postal_code": item.postcode_district, "country": "GB"}
        ]
    body["_links"] = {"self": link(url)}
    return body


def event(item: OsdiEvent, base: str) -> Json:
    """An event with its place, times, capacity and how many are going."""
    url = f"{base}/events/{item.id}"
    body = _common("event", item.id, item.created, item.modified)
    body.update(
        title=item.title,
        name=item.title,
        description=item.description,
        browser_url=item.browser_url,
        type="open",
        status="cancelled" if item.cancelled else "confirmed",
        visibility="public" if item.public else "private",
        start_date=timestamp(item.starts),
        end_date=timestamp(item.ends),
        all_day=False,
        total_accepted=item.total_accepted,
    )
    if item.capacity is not None:
        body["capacity"] = item.capacity
    if item.time_zone:
        body["timezone_identifier"] = item.time_zone
    location: Json = {}
    if item.venue:
        location["venue"] = item.venue
    if item.address:
        location["address_lines"] = [item.address]
    if item.postcode:
        location["postal_code"] = item.postcode
    if location:
        location["country"] = "GB"
        body["location"] = location
    body["_links"] = {"self": link(url), "osdi:attendances": link(f"{url}/attendances")}
    return body


ATTENDANCE_STATUS = {"confirmed": "accepted", "waitlisted": "tentative", "cancelled": "cancelled"}


def attendance(item: OsdiAttendance, base: str) -> Json:
    """An RSVP: accepted, tentative (on the waiting list) or cancelled, and whether they came."""
    event_url = f"{base}/events/{item.event_id}"
    body = _common("attendance", item.id, item.created, item.modified)
    body.update(
        action_date=timestamp(item.created),
        status=ATTENDANCE_STATUS.get(item.status, "needs action"),
        attended=item.attended,
    )
    links: Json = {
        "self": link(f"{event_url}/attendances/{item.id}"),
        "osdi:event": link(event_url),
    }
    if item.person_id is not None:
        links["osdi:person"] = link(f"{base}/people/{item.person_id}")
    body["_links"] = links
    return body


def petition(item: OsdiPetition, base: str) -> Json:
    """A petition, its text, its targets and how many verified signatures it has."""
    url = f"{base}/petitions/{item.id}"
    body = _common("petition", item.id, item.created, item.modified)
    body.update(
        title=item.title,
        name=item.title,
        description=item.statement,
        summary=item.summary,
        petition_text=item.statement,
        browser_url=item.browser_url,
        total_signatures=item.total_signatures,
        target=[{"name": name} for name in item.targets],
    )
    body["_links"] = {"self": link(url), "osdi:signatures": link(f"{url}/signatures")}
    return body


def signature(item: OsdiSignature, base: str) -> Json:
    """A verified signature; the signer, when the caller may see them, is embedded as a person
    (people who sign need no account, so there is no person resource to link to)."""
    petition_url = f"{base}/petitions/{item.petition_id}"
    body = _common("signature", item.id, item.created, item.action_date)
    body["action_date"] = timestamp(item.action_date)
    body["_links"] = {
        "self": link(f"{petition_url}/signatures/{item.id}"),
        "osdi:petition": link(petition_url),
    }
    if item.signer is not None:
        signer: Json = {"given_name": item.signer.name}
        signer["email_addresses"] = [{"primary": True, "address": item.signer.email}]
        if item.signer.postcode_district:
            signer["postal_addresses"] = [
                {"primary": True, "postal_code": item.signer.postcode_district, "country": "GB"}
            ]
        body["_embedded"] = {"osdi:person": signer}
    return body


def collection[T](
    kind: str,
    items: Sequence[T],
    shape: Callable[[T, str], Json],
    *,
    page: Page,
    base: str,
    path: str,
    query: dict[str, str] | None = None,
) -> Json:
    """One page of a collection: paging fields, links (self, next, previous, one per item) and the
    items themselves in `_embedded`, under `osdi:<kind>` as the spec names each collection."""
    shaped = [shape(item, base) for item in items]
    url = f"{base}/{path}"

    def at(number: int) -> Json:
        parameters = {**(query or {}), "page": str(number)}
        if page.per_page != DEFAULT_PER_PAGE:
            parameters["per_page"] = str(page.per_page)
        return link(f"{url}?{urlencode(parameters)}")

    links: Json = {"self": at(page.number) if page.number > 1 else link(url)}
    if page.number < page.total_pages:
        links["next"] = at(page.number + 1)
    if page.number > 1:
        links["previous"] = at(min(page.number - 1, page.total_pages))
    links[f"{CURIE}:{kind}"] = [item["_links"]["self"] for item in shaped]
    links["curies"] = curies()
    return {
        "total_pages": page.total_pages,
        "per_page": page.per_page,
        "page": page.number,
        "total_records": page.total_records,
        "_links": links,
        "_embedded": {f"{CURIE}:{kind}": shaped},
    }


@dataclass(frozen=True)
class EntryPoint:
    """What the API entry point tells a tool: who answers, and which collections it may follow."""

    motd: str
    collections: Sequence[str] = field(default_factory=lambda: ("people", "events", "petitions"))


def entry_point(item: EntryPoint, base: str) -> Json:
    """The API entry point (OSDI's AEP): links to each collection, as Action Network's /api/v2/."""
    links: Json = {"self": link(base)}
    for kind in item.collections:
        links[f"{CURIE}:{kind}"] = link(f"{base}/{kind}")
    links["curies"] = curies()
    return {
        "motd": item.motd,
        "vendor_name": ORIGIN_SYSTEM,
        "product_name": ORIGIN_SYSTEM,
        "osdi_version": "1.0",
        "max_pagesize": MAX_PER_PAGE,
        "_links": links,
    }
