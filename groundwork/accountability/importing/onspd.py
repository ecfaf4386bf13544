"""Reading the ONS Postcode Directory (ONSPD) as published: one row per postcode, with the GSS
codes of the areas it lies in. No ORM here; `actions.do_import_postcodes` applies what it reads.

ONS renames the columns between releases, so each known release is mapped explicitly, and a file
whose header fits none of them is refused with the columns it lacks. The three samples in
`representatives/lookups/` show the changes:

- May 2018: `pcd, pcd2, pcds`, then `oslaua` (local authority), `osward` (ward), `pcon`
  (Westminster constituency, 2010 boundaries), `ctry`, `lat, long`; also `nuts, park, ccg,
  bua11, buasd11, stp`.
- August 2024: the same columns for what is read here, but `pcon` now holds the 2024 boundaries
  (St Albans is E14001507, not E14000960), and ONS replaced `nuts` by `itl`, `park` by `npark`,
  `ccg` by `sicbl`, `bua11, buasd11` by `bua24`, `stp` by `icb`, and added `oa21, lsoa21, msoa21`.
- November 2025: every column renamed with its vintage: `pcd7, pcd8, pcds`, `lad25cd`, `wd25cd`,
  `pcon24cd`, `ctry25cd`, `usrtypind`, `gridind`; `lat, long` unchanged.

Neither release carries Senedd or Scottish Parliament constituencies, so they are not read.
ONS writes pseudo-codes where a postcode has no such area (`E99999999`, or `M99999999` for the
Isle of Man) and `99.999999` as the latitude of a postcode without a grid reference: both are
read as "none"."""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from groundwork.accountability.importing import FormatError, Skipped, SourceInfo
from groundwork.core.postcodes import normalised_postcode

SOURCE = SourceInfo(
    slug="ons-postcode-directory",
    title="ONS Postcode Directory",
    url="https://geoportal.statistics.gov.uk/",
    licence="Open Government Licence v3.0; contains OS data © Crown copyright and database "
    "right; contains Royal Mail data © Royal Mail copyright and database right",
    licence_url="https://www.ons.gov.uk/methodology/geography/licences",
)

# What is read, each a field of PostcodeRow.
FIELDS = (
    "postcode",
    "ward",
    "constituency",
    "authority",
    "country",
    "latitude",
    "longitude",
    "introduced",
    "terminated",
)


@dataclass(frozen=True)
class Release:
    """A release's layout: the column each field is read from, and the columns that tell it
    apart from the other releases (read for nothing else)."""

    name: str
    columns: dict[str, str]
    distinctive: tuple[str, ...] = ()

    @property
    def required(self) -> list[str]:
        return [*self.columns.values(), *self.distinctive]


_CLASSIC = {
    "postcode": "pcds",
    "ward": "osward",
    "constituency": "pcon",
    "authority": "oslaua",
    "country": "ctry",
    "latitude": "lat",
    "longitude": "long",
    "introduced": "dointr",
    "terminated": "doterm",
}

RELEASES = (
    Release("ONSPD May 2018 (pcd, osward, oslaua, pcon of 2010)", _CLASSIC, ("ccg", "nuts")),
    Release("ONSPD August 2024 (pcd, osward, oslaua, pcon of 2024)", _CLASSIC, ("sicbl", "itl")),
    Release(
        "ONSPD November 2025 (pcd7, wd25cd, lad25cd, pcon24cd)",
        {
            "postcode": "pcds",
            "ward": "wd25cd",
            "constituency": "pcon24cd",
            "authority": "lad25cd",
            "country": "ctry25cd",
            "latitude": "lat",
            "longitude": "long",
            "introduced": "dointr",
            "terminated": "doterm",
        },
        ("pcd7",),
    ),
)

GSS_CODE = re.compile(r"^[EWSNLMK]\d{8}$")
PSEUDO_CODE = re.compile(r"^[A-Z]99999999$")
NO_LATITUDE = Decimal("99.999999")
MONTH = re.compile(r"^(\d{4})(\d{2})$")


@dataclass(frozen=True)
class PostcodeRow:
    """A postcode and the GSS codes of its areas ("" where the directory gives none)."""

    line: int
    postcode: str  # "AL1 1AA"
    district: str  # "AL1"
    ward_gss: str
    constituency_gss: str
    authority_gss: str
    country_gss: str
    latitude: Decimal | None
    longitude: Decimal | None
    introduced: date | None
    terminated: date | None


@dataclass
class Directory:
    """An opened directory file: its release, then its rows (read lazily: a real one has 2.7
    million), each a PostcodeRow or a Skipped row with its reason."""

    release: Release
    rows: Iterator[PostcodeRow | Skipped]


def release_of(header: list[str]) -> Release:
    """The release whose columns the header has; FormatError naming the columns missing when
    it fits none (compared with the release it comes closest to)."""
    present = {name.strip().lower() for name in header}
    for release in RELEASES:
        if all(column in present for column in release.required):
            return release
    closest = min(RELEASES, key=lambda r: sum(c not in present for c in r.required))
    missing = [column for column in closest.required if column not in present]
    raise FormatError(
        "Not an ONS Postcode Directory release this importer knows. Closest is "
        f"{closest.name}, but these columns are missing: {', '.join(missing)}."
    )


def read(lines: Iterable[str]) -> Directory:
    """Open a directory from its lines (a text file opened with newline=""), header first."""
    reader = csv.reader(_without_bom(lines))
    header = [name.strip().lower() for name in next(reader, [])]
    release = release_of(header)
    position = {name: header.index(name) for name in release.columns.values()}
    return Directory(release, _rows(reader, release, position))


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    iterator = iter(lines)
    first = next(iterator, "")
    yield first.removeprefix("\ufeff")
    yield from iterator


def _rows(reader, release: Release, position: dict[str, int]) -> Iterator[PostcodeRow | Skipped]:
    start = reader.line_num + 1
    width = max(position.values()) + 1
    for values in reader:
        if any(value.strip() for value in values):
            values += [""] * (width - len(values))
            record = {field: values[position[column]] for field, column in release.columns.items()}
            yield parse_row(start, record)
        start = reader.line_num + 1


def parse_row(line: int, record: dict[str, str]) -> PostcodeRow | Skipped:
    """One row, its fields by name (FIELDS), or why it cannot be used."""
    postcode = normalised_postcode(record["postcode"])
    if postcode is None:
        return Skipped(line, f"not a postcode: {record['postcode'].strip()!r}")
    try:
        codes = {field: _code(record[field]) for field in ("ward", "constituency", "authority")}
        country = _code(record["country"])
        latitude, longitude = _coordinate(record["latitude"]), _coordinate(record["longitude"])
        introduced, terminated = _month(record["introduced"]), _month(record["terminated"])
    except ValueError as error:
        return Skipped(line, f"{postcode}: {error}")
    if not any(codes.values()):
        return Skipped(
            line,
            f"{postcode}: no ward, constituency or local authority (the directory gives only "
            "pseudo-codes, as for the Isle of Man and the Channel Islands)",
        )
    if latitude is None or longitude is None:
        latitude = longitude = None
    return PostcodeRow(
        line=line,
        postcode=postcode,
        district=postcode.split(" ")[0],
        ward_gss=codes["ward"],
        constituency_gss=codes["constituency"],
        authority_gss=codes["authority"],
        country_gss=country,
        latitude=latitude,
        longitude=longitude,
        introduced=introduced,
        terminated=terminated,
    )


def _code(text: str) -> str:
    code = text.strip().upper()
    if not code or PSEUDO_CODE.match(code):
        return ""
    if not GSS_CODE.match(code):
        raise ValueError(f"{text.strip()!r} is not a GSS code")
    return code


def _coordinate(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a latitude or longitude") from None
    if value == NO_LATITUDE or not -180 <= value <= 180:
        return None
    return value.quantize(Decimal("0.000001"))


def _month(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    match = MONTH.match(text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"{text!r} is not a month (YYYYMM)")
    return date(int(match[1]), int(match[2]), 1)
