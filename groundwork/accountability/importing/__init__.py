"""Reading published files of representatives into plain dataclasses: no ORM here.

One module per format (popolo, ynmp, council_csv, ward_lookup). Each parser returns a `Register`:
the body, the source, one `Seat` per membership the file states, and one `Skipped` per row it
could not use, with the reason. `actions.do_import_representatives` applies a Register to the
database."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SourceInfo:
    """The dataset a file comes from, and its licence (see representatives/SOURCES.md)."""

    slug: str
    title: str
    url: str = ""
    licence: str = ""
    licence_url: str = ""


@dataclass(frozen=True)
class BodyInfo:
    kind: str  # one of models.Body.Kind's values
    name: str
    slug: str
    gss_code: str = ""


@dataclass(frozen=True)
class AreaInfo:
    kind: str  # one of models.Area.Kind's values
    name: str
    gss_code: str = ""
    parlparse_id: str = ""
    lookup_year: int | None = None


@dataclass(frozen=True)
class Seat:
    """One membership as a file states it, with the person's ids and contact details."""

    line: int  # the row's line (CSV) or position (JSON), for reports
    name: str
    identifiers: dict[str, str]  # scheme -> value
    area: AreaInfo | None
    party: str
    start_date: date | None = None
    end_date: date | None = None
    end_reason: str = ""
    contacts: dict[str, str] = field(default_factory=dict)  # kind -> value


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str
    # The ids of the person the row was about, where known: a councillor whose row could not be
    # read is not taken for one who left.
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass
class Register:
    """What one file says: its seats, the rows skipped, and whether it lists every serving
    member of the body (a council's list does; then whoever is missing no longer serves)."""

    body: BodyInfo
    source: SourceInfo
    seats: list[Seat] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    complete_roster: bool = False

    @property
    def rows(self) -> int:
        return len(self.seats) + len(self.skipped)


class FormatError(ValueError):
    """The file is not of the format it was read as (a person can read the message)."""


def parse_date(text: str) -> date | None:
    """An ISO date (YYYY-MM-DD), or None for an empty one; ValueError for anything else."""
    text = text.strip()
    return date.fromisoformat(text[:10]) if text else None


MISSING = {"", "na", "n/a", "none", "null", "-"}


def published(value: str | None) -> str:
    """The value, stripped, or "" where a file writes a placeholder for "none" (R's `NA`)."""
    value = (value or "").strip()
    return "" if value.casefold() in MISSING else value
