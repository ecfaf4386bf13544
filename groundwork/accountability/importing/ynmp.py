"""YourNextMP's candidates CSV (2015), of which the winners are the members of the Commons.

Each record gives the constituency's GSS code and the winner's parlparse person id, so it joins to
the Popolo file's people (by parlparse id) and constituencies (by name: Popolo's areas have no GSS
code). Records are parsed by a real CSV parser: the file has CRLF endings and quoted fields with
newlines in them."""

from datetime import date

from groundwork.accountability.importing import (
    AreaInfo,
    FormatError,
    Register,
    Seat,
    Skipped,
    SourceInfo,
    published,
)
from groundwork.accountability.importing.csvfile import columns, records
from groundwork.accountability.importing.popolo import COMMONS

SOURCE = SourceInfo(
    slug="yournextmp-2015",
    title="YourNextMP 2015 candidates (Democracy Club and mySociety)",
    url="https://candidates.democracyclub.org.uk/",
    licence="No licence stated by the publisher",
)
GENERAL_ELECTION_2015 = date(2015, 5, 7)
REQUIRED = {"name", "id", "party", "constituency", "gss_code", "parlparse_id", "elected"}
PARLPARSE_PERSON = "uk.org.publicwhip/person/"


def parse(text: str, *, elected_on: date = GENERAL_ELECTION_2015) -> Register:
    """The winners in a YourNextMP candidates file, each a member from `elected_on`."""
    missing = REQUIRED - set(columns(text))
    if missing:
        raise FormatError(
            f"Not a YourNextMP candidates file: no column {', '.join(sorted(missing))}."
        )
    register = Register(body=COMMONS, source=SOURCE)
    for line, record in records(text):
        identifiers = {"ynmp": record["id"].strip()} if published(record["id"]) else {}
        parlparse = published(record["parlparse_id"])
        if parlparse:
            identifiers["parlparse"] = parlparse.removeprefix(PARLPARSE_PERSON)
        reason = _reason_to_skip(record, identifiers)
        if reason:
            register.skipped.append(Skipped(line, reason, identifiers))
            continue
        contacts = {}
        if published(record.get("email")):
            contacts["email"] = record["email"].strip()
        if published(record.get("homepage_url")):
            contacts["web"] = record["homepage_url"].strip()
        register.seats.append(
            Seat(
                line=line,
                name=record["name"].strip(),
                identifiers=identifiers,
                area=AreaInfo(
                    kind="constituency",
                    name=record["constituency"].strip(),
                    gss_code=record["gss_code"].strip(),
                ),
                party=record["party"].strip(),
                start_date=elected_on,
                contacts=contacts,
            )
        )
    return register


def _reason_to_skip(record: dict[str, str], identifiers: dict[str, str]) -> str:
    if record["elected"].strip().casefold() != "true":
        return "not elected"
    if not published(record["name"]):
        return "no name"
    if not identifiers:
        return "no id (neither YourNextMP's nor parlparse's)"
    if not published(record["gss_code"]):
        return f"no GSS code for the constituency {record['constituency']!r}"
    return ""
