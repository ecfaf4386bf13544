"""What a parser gives the importer: plain dataclasses, no ORM."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

Status = Literal["published", "provisional", "suppressed"]


@dataclass(frozen=True)
class IndicatorSpec:
    """What a file says (or its format implies) about one indicator it holds. `key` is how the
    file's observations name it; `slug` is the indicator it is stored as."""

    key: str
    slug: str
    name: str
    measures: str = ""
    unit: str = ""
    better: Literal["higher", "lower", "neither"] = "neither"
    geography: Literal["district", "upper_tier", "ward"] = "district"
    source: str = ""
    source_url: str = ""
    licence: str = "Open Government Licence v3.0"
    comparable_within_nation_only: bool = False


@dataclass(frozen=True)
class ParsedObservation:
    """One figure of the file. `line` is its line number in the file (1-based); `area_code` is
    the GSS code where the file gives one, else "" and `area_name` must be resolved. `published`
    is the value's text exactly as in the file ("" when suppressed, with `suppression` the mark
    the file used). A total row (`is_total`) is the published total of the file's whole
    geography, stored as published, never recomputed. `area_name_cy` is the Welsh name where the
    file writes the area's name in both languages ("Cardiff / Caerdydd")."""

    line: int
    indicator: str
    area_code: str
    area_name: str
    period: str
    period_start: date
    period_end: date
    published: str
    value: Decimal | None
    status: Status = "published"
    suppression: str = ""
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None
    is_total: bool = False
    area_name_cy: str = ""


@dataclass(frozen=True)
class SkippedRow:
    """A line of the file that holds no figure to store, and why (told to the person importing)."""

    line: int
    reason: str


@dataclass
class ParsedFile:
    """Everything a parser read from one file."""

    format: str
    indicators: list[IndicatorSpec] = field(default_factory=list)
    observations: list[ParsedObservation] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
