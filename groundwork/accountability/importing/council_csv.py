"""A council's list of its councillors, in Trafford's columns: Name, Party, Ward, Telephone, Email,
Page, Image (the council's ModernGov pages; its member id is the page's `UID`).

The list names every serving councillor, so one missing from a newer list no longer serves. Ward
names are matched to GSS codes through the ward lookup of the list's year. Traps of the real file:
names start with "Councillor" and may carry "Mrs."; an email may be R's literal `NA`."""

import re
from urllib.parse import parse_qs, urlsplit

from django.utils.text import slugify

from groundwork.accountability.importing import (
    AreaInfo,
    BodyInfo,
    FormatError,
    Register,
    Seat,
    Skipped,
    SourceInfo,
    published,
)
from groundwork.accountability.importing.csvfile import columns, records
from groundwork.accountability.importing.ward_lookup import WardLookup

REQUIRED = {"Name", "Party", "Ward"}
TITLES = re.compile(r"^(?:(?:councillor|cllr|mrs|mr|ms|miss|dr)\.?\s+)+", re.IGNORECASE)


def source_for(lookup: WardLookup) -> SourceInfo:
    return SourceInfo(
        slug=f"council-{lookup.authority_code.lower()}",
        title=f"{lookup.authority_name} Council's list of councillors",
        licence="Open Government Licence v3.0",
        licence_url="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    )


def council(lookup: WardLookup) -> BodyInfo:
    return BodyInfo(
        kind="council",
        name=f"{lookup.authority_name} Council",
        slug=slugify(f"{lookup.authority_name} council"),
        gss_code=lookup.authority_code,
    )


def scheme_for(lookup: WardLookup) -> str:
    """The identifier scheme of the council's own member ids."""
    return f"council:{lookup.authority_code}"


def parse(text: str, *, lookup: WardLookup) -> Register:
    """The councillors of the council whose wards `lookup` holds."""
    missing = REQUIRED - set(columns(text))
    if missing:
        raise FormatError(f"Not a councillors file: no column {', '.join(sorted(missing))}.")
    register = Register(body=council(lookup), source=source_for(lookup), complete_roster=True)
    for line, record in records(text):
        identifiers = {}
        member_id = council_id(record.get("Page", ""))
        if member_id:
            identifiers[scheme_for(lookup)] = member_id
        name = person_name(record["Name"])
        ward = lookup.find(record["Ward"]) if published(record["Ward"]) else None
        if not name:
            register.skipped.append(Skipped(line, "no name", identifiers))
        elif ward is None:
            reason = (
                f"ward {record['Ward'].strip()!r} is not in the {lookup.year} ward lookup of "
                f"{lookup.authority_code}"
            )
            register.skipped.append(Skipped(line, reason, identifiers))
        else:
            register.seats.append(
                Seat(
                    line=line,
                    name=name,
                    identifiers=identifiers,
                    area=AreaInfo("ward", ward.name, ward.gss_code, lookup_year=lookup.year),
                    party=published(record["Party"]),
                    contacts=_contacts(record),
                )
            )
    return register


def person_name(text: str) -> str:
    return " ".join(TITLES.sub("", text.strip()).split())


def council_id(page: str) -> str:
    """The member id in a ModernGov page's address (…/mgUserInfo.aspx?UID=3462)."""
    query = parse_qs(urlsplit(published(page)).query)
    values = {key.casefold(): value for key, value in query.items()}.get("uid", [""])
    return values[0].strip()


def _contacts(record: dict[str, str]) -> dict[str, str]:
    contacts = {}
    for kind, column in (("email", "Email"), ("phone", "Telephone"), ("web", "Page")):
        if published(record.get(column)):
            contacts[kind] = record[column].strip()
    return contacts
