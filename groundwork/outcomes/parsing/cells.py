"""What every format shares: CSV rows with their line numbers, a cell's figure as published or
its suppression mark, GSS codes, slugs, one figure per indicator, area and period.

A figure keeps its text as published, digit for digit ("7.10" stays "7.10"), with only the
spaces around it taken off; its `value` is that text as a Decimal, with thousands separators,
a leading "£" and a trailing "%" left out of the value only; "4.97e-4" (as R writes small
numbers) is a figure too. A cell holding a suppression mark
(any of SUPPRESSION_MARKS, whatever its case) or nothing at all is suppressed: no value, never
0, and never dropped. Any other text is not a figure, and the row is reported.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from groundwork.outcomes.parsing.names import fold
from groundwork.outcomes.parsing.records import ParsedFile, ParsedObservation, SkippedRow, Status

# The marks the sources use for a figure withheld (too few people to publish, unreliable, not
# collected): GSS guidance ("[x]", "[c]", "[z]", "[low]"), the older ".." and ":" (Eurostat),
# "na" / "NA" (ONS explorer sheets, R exports of Fingertips), "x", "c", "z", "*", "-". A "-"
# (once "nil or negligible") is withheld too: never read as 0.
SUPPRESSION_MARKS = frozenset(
    ["..", ".", ":", "-", "*", "~", "na", "n/a", "x", "c", "z", "[x]", "[c]", "[z]", "[low]"]
    + ["null", "none", "nan"]
)
NUMBER = re.compile(r"[-+]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
GSS_CODE = re.compile(r"[EKNSW]\d{8}")
# Whole-country and whole-UK codes: a row for one of them is the file's total.
COUNTRY_CODE = re.compile(r"(E92|W92|S92|N92|K02|K03|K04)\d{6}")
NOT_A_SLUG_CHARACTER = re.compile(r"[^a-z0-9]+")

Better = Literal["higher", "lower", "neither"]
Geography = Literal["district", "upper_tier", "ward"]


@dataclass(frozen=True)
class Cell:
    """A figure as published, or the mark that withheld it."""

    published: str
    value: Decimal | None
    status: Status
    suppression: str = ""


def read_cell(text: str) -> Cell:
    """The figure a cell holds; ValueError, quoting the cell, when it holds no figure or mark."""
    published = text.strip()
    if published == "" or published.lower() in SUPPRESSION_MARKS:
        return Cell("", None, "suppressed", published)
    return Cell(published, read_number(published), "published")


def read_number(text: str) -> Decimal:
    """The number a published figure states ("1,234" → 1234, "£487.40" → 487.40, "12.5%")."""
    bare = text.strip().removeprefix("£").removesuffix("%").strip()
    if NUMBER.fullmatch(bare) is None:
        raise ValueError(f"“{text.strip()}” is not a figure")
    try:
        return Decimal(bare.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"“{text.strip()}” is not a figure") from error


def read_optional_number(text: str) -> Decimal | None:
    """A confidence limit: its number, or None where it is suppressed or missing."""
    cell = read_cell(text)
    return cell.value


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the number of the line it starts on (quoted cells may hold newlines)."""
    reader = csv.reader(io.StringIO(text))
    next_line = 1
    for row in reader:
        yield next_line, row
        next_line = reader.line_num + 1


def is_blank(row: list[str]) -> bool:
    """Whether a row has nothing in it but empty cells."""
    return not any(cell.strip() for cell in row)


def is_gss_code(text: str) -> bool:
    """Whether the text is an ONS GSS code (E06000001)."""
    return GSS_CODE.fullmatch(text) is not None


def is_country_code(code: str) -> bool:
    """Whether the code names a whole country or the UK (E92000001, K02000001)."""
    return COUNTRY_CODE.fullmatch(code) is not None


def slugify(text: str, *, limit: int = 80) -> str:
    """The text as a slug of at most `limit` characters, cut between words."""
    slug = NOT_A_SLUG_CHARACTER.sub("-", text.lower()).strip("-")
    if len(slug) <= limit:
        return slug
    return slug[: limit + 1].rsplit("-", 1)[0]


def geography_of_codes(codes: list[str]) -> Geography:
    """The level a file's areas are published at, from their codes: districts where any is a
    district (E07), upper tier where counties (E10) stand in their place, wards where all are
    wards (E05). Unitary authorities (E06, E08, E09 and the other nations') are both tiers."""
    prefixes = {code[:3] for code in codes if not is_country_code(code)}
    if "E07" in prefixes:
        return "district"
    if "E10" in prefixes:
        return "upper_tier"
    if prefixes and prefixes <= {"E05", "W05", "S13", "N08"}:
        return "ward"
    return "district"


def drop_repeats(parsed: ParsedFile) -> ParsedFile:
    """The parsed file with one figure per indicator, area and period: where the file gives a
    second (a unitary authority listed under two area types, a name twice), the first is kept
    and the repeat reported, saying whether it gave the same figure or another."""
    seen: dict[tuple[str, str, str], ParsedObservation] = {}
    kept = []
    for observation in parsed.observations:
        area = observation.area_code or fold(observation.area_name)
        first = seen.setdefault((observation.indicator, area, observation.period), observation)
        if first is observation:
            kept.append(observation)
            continue
        same = (first.published, first.suppression) == (
            observation.published,
            observation.suppression,
        )
        where = f"{observation.area_name} ({observation.area_code})".replace(" ()", "")
        reason = (
            f"{where}, {observation.period}: {'repeats' if same else 'differs from'} the figure "
            f"of line {first.line} for the same area and period; line {first.line}'s is kept"
        )
        parsed.skipped.append(SkippedRow(observation.line, reason))
    parsed.observations = kept
    parsed.skipped.sort(key=lambda row: row.line)
    return parsed
