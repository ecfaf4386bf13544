"""Popolo JSON as EveryPolitician publishes it (UK House of Commons, one term or several).

A membership without a start date began with its legislative period, and one without an end date
lasted to the period's end, where the period has ended. Party names come from the organisations
the memberships point at; areas carry Public Whip's constituency ids, not GSS codes. A person's
`everypolitician_legacy` id is their TheyWorkForYou (parlparse) person id."""

import json
from typing import Any

from groundwork.accountability.importing import (
    AreaInfo,
    BodyInfo,
    FormatError,
    Register,
    Seat,
    Skipped,
    SourceInfo,
    parse_date,
    published,
)

SOURCE = SourceInfo(
    slug="everypolitician",
    title="EveryPolitician (from parlparse/TheyWorkForYou, data.parliament.uk, YourNextMP and "
    "Wikidata)",
    url="https://everypolitician.org/uk/",
    licence="Open Parliament Licence (data.parliament.uk); CC0 (Wikidata)",
    licence_url="https://www.parliament.uk/site-information/copyright-parliament/"
    "open-parliament-licence/",
)
COMMONS = BodyInfo(kind="commons", name="House of Commons", slug="house-of-commons")
# Popolo identifier scheme -> our scheme. Ours are shared by every importer.
SCHEMES = {
    "everypolitician_legacy": "parlparse",
    "datadotparl": "datadotparl",
    "wikidata": "wikidata",
}
END_OF_TERM = "end of term"


def parse(text: str) -> Register:
    """The Commons memberships of a Popolo file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"Not JSON: {error}") from error
    if not isinstance(data, dict) or "memberships" not in data or "persons" not in data:
        raise FormatError("Not a Popolo file: it has no persons and memberships.")
    persons = {person["id"]: person for person in data["persons"]}
    organisations = {org["id"]: org for org in data.get("organizations", [])}
    areas = {area["id"]: area for area in data.get("areas", [])}
    periods = {event["id"]: event for event in data.get("events", [])}
    register = Register(body=COMMONS, source=SOURCE)
    for number, membership in enumerate(data["memberships"], start=1):
        seat_or_skip = _seat(number, membership, persons, organisations, areas, periods)
        if isinstance(seat_or_skip, Skipped):
            register.skipped.append(seat_or_skip)
        else:
            register.seats.append(seat_or_skip)
    return register


def _seat(number, membership, persons, organisations, areas, periods) -> Seat | Skipped:
    person = persons.get(membership.get("person_id"))
    if person is None:
        return Skipped(number, f"membership names person {membership.get('person_id')!r}, absent")
    identifiers = identifiers_of(person)
    organisation = organisations.get(membership.get("organization_id"), {})
    if organisation.get("classification", "legislature") != "legislature":
        return Skipped(number, f"not a seat in the legislature: {organisation.get('name')}")
    area = areas.get(membership.get("area_id"))
    if area is None:
        return Skipped(number, f"no area {membership.get('area_id')!r} in the file", identifiers)
    party = organisations.get(membership.get("on_behalf_of_id"), {}).get("name", "")
    period = periods.get(membership.get("legislative_period_id"), {})
    try:
        start = parse_date(membership.get("start_date") or period.get("start_date") or "")
        end_given = parse_date(membership.get("end_date") or "")
        end = end_given or parse_date(period.get("end_date") or "")
    except ValueError as error:
        return Skipped(number, f"a date is not YYYY-MM-DD: {error}", identifiers)
    return Seat(
        line=number,
        name=person["name"].strip(),
        identifiers=identifiers,
        area=AreaInfo(kind="constituency", name=area["name"].strip(), parlparse_id=area["id"]),
        party=party,
        start_date=start,
        end_date=end,
        end_reason=membership.get("end_reason", "")
        or ("" if end_given or not end else END_OF_TERM),
        contacts=contacts_of(person),
    )


def identifiers_of(person: dict[str, Any]) -> dict[str, str]:
    found = {"everypolitician": person["id"]}
    for identifier in person.get("identifiers", []):
        scheme = SCHEMES.get(identifier.get("scheme", ""))
        if scheme and published(identifier.get("identifier")):
            found[scheme] = identifier["identifier"].strip()
    return found


def contacts_of(person: dict[str, Any]) -> dict[str, str]:
    contacts = {}
    if published(person.get("email")):
        contacts["email"] = person["email"].strip()
    for detail in person.get("contact_details", []):
        if detail.get("type") == "phone" and published(detail.get("value")):
            contacts.setdefault("phone", detail["value"].strip())
    for link in person.get("links", []):
        if link.get("note") == "website" and published(link.get("url")):
            contacts.setdefault("web", link["url"].strip())
    return contacts
