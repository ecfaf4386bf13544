"""DWP Stat-Xplore exports of children in low-income families, one row per area, one column
per year: read as published.

The traps, and what is done with each:
- Areas are named, not coded: `area_code` is "" and the importer resolves `area_name`.
- Welsh authorities are named in both languages ("Cardiff / Caerdydd"): `area_name` is the
  English name, `area_name_cy` the Welsh.
- The "Total" row is the published total of the file's areas (the UK in the usual export): kept
  as published with `is_total`, never recomputed from the rows above it; which area it is
  stored for is the importer's decision.
- The "Unknown" row (children whose authority is not known) is no area: skipped, reported with
  its line.
- Each year has an annotation column beside it ("2014/15 - Annotations"): read only to see a
  provisional mark; notes in it are not stored.
- The latest year is marked provisional ("2021/22 (p)"): its figures have status "provisional"
  and its label is "2021/22", so the final release of the same year revises them.
- ".." marks a figure withheld: stored suppressed, never 0.
- Lines with a name and no figures (the row field's label, "National - Regional - LA - OAs",
  and the notes after the table in a full download) hold nothing to store and are passed over.
"""

import re
from dataclasses import dataclass

from groundwork.outcomes.parsing.cells import csv_rows, drop_repeats, read_cell
from groundwork.outcomes.parsing.names import fold, split_bilingual
from groundwork.outcomes.parsing.periods import Period, parse_period
from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
    Status,
)

FORMAT = "statxplore"
SOURCE = "DWP Children in Low Income Families (Stat-Xplore)"
SOURCE_URL = "https://stat-xplore.dwp.gov.uk/"

RELATIVE = IndicatorSpec(
    key="children-in-relative-low-income-families",
    slug="children-in-relative-low-income-families",
    name="Children in relative low-income families",
    measures=(
        "Children under 16 living in families with income below 60% of the median, before "
        "housing costs, who claimed Child Benefit and at least one other benefit in the year"
    ),
    unit="children",
    better="lower",
    geography="district",
    source=SOURCE,
    source_url=SOURCE_URL,
)
ABSOLUTE = IndicatorSpec(
    key="children-in-absolute-low-income-families",
    slug="children-in-absolute-low-income-families",
    name="Children in absolute low-income families",
    measures=(
        "Children under 16 living in families with income below 60% of the 2010/11 median "
        "(in real terms), before housing costs"
    ),
    unit="children",
    better="lower",
    geography="district",
    source=SOURCE,
    source_url=SOURCE_URL,
)

ANNOTATIONS = re.compile(r"\s*-\s*annotations?\s*$", re.IGNORECASE)
PROVISIONAL_NOTE = re.compile(r"\(p\)|provisional", re.IGNORECASE)


@dataclass(frozen=True)
class YearColumn:
    """A column of figures, the period it holds, and its annotation column if it has one."""

    index: int
    period: Period
    annotation: int | None


def parse(text: str, file_name: str = "") -> ParsedFile:
    """Every figure of a Stat-Xplore export; ValueError when no header row of years is found."""
    rows = list(csv_rows(text))
    header_at, columns = _header(rows)
    preamble = " ".join(" ".join(row) for _, row in rows[:header_at])
    spec = ABSOLUTE if "absolute" in f"{preamble} {file_name}".lower() else RELATIVE
    parsed = ParsedFile(format=FORMAT, indicators=[spec])
    for line, row in rows[header_at + 1 :]:
        _read_row(parsed, spec, columns, line, row)
    return drop_repeats(parsed)


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, list[YearColumn]]:
    """Where the row of years is, and its columns."""
    for position, (_, row) in enumerate(rows):
        columns = _year_columns(row)
        if row and row[0].strip() and columns:
            return position, columns
    raise ValueError("No row of years found: this is not a Stat-Xplore table of areas by year")


def _year_columns(row: list[str]) -> list[YearColumn]:
    """The columns of figures of a header row, each with its annotation column; [] when any
    heading is not a period (the row is not the header)."""
    annotations = {}
    for index, cell in enumerate(row):
        if index and ANNOTATIONS.search(cell):
            try:
                annotations[parse_period(ANNOTATIONS.sub("", cell)).label] = index
            except ValueError:
                return []
    columns = []
    for index, cell in enumerate(row):
        if index == 0 or not cell.strip() or ANNOTATIONS.search(cell):
            continue
        try:
            period = parse_period(cell)
        except ValueError:
            return []
        columns.append(YearColumn(index, period, annotations.get(period.label)))
    return columns


def _read_row(
    parsed: ParsedFile, spec: IndicatorSpec, columns: list[YearColumn], line: int, row: list[str]
) -> None:
    name = row[0].strip() if row else ""
    cells = [row[column.index] if column.index < len(row) else "" for column in columns]
    if not name or not any(cell.strip() for cell in cells):
        return
    if fold(name).startswith("unknown"):
        reason = f"“{name}” is not an area (its figures, for no known authority, are not stored)"
        parsed.skipped.append(SkippedRow(line, reason))
        return
    english, welsh = split_bilingual(name)
    for column, text in zip(columns, cells, strict=True):
        try:
            cell = read_cell(text)
        except ValueError as error:
            parsed.skipped.append(SkippedRow(line, f"{name}, {column.period.label}: {error}"))
            continue
        status: Status = cell.status
        if status == "published" and _provisional(column, row):
            status = "provisional"
        parsed.observations.append(
            ParsedObservation(
                line=line,
                indicator=spec.key,
                area_code="",
                area_name=english,
                area_name_cy=welsh,
                period=column.period.label,
                period_start=column.period.start,
                period_end=column.period.end,
                published=cell.published,
                value=cell.value,
                status=status,
                suppression=cell.suppression,
                is_total=fold(name) == "total",
            )
        )


def _provisional(column: YearColumn, row: list[str]) -> bool:
    if column.period.provisional:
        return True
    if column.annotation is None or column.annotation >= len(row):
        return False
    return PROVISIONAL_NOTE.search(row[column.annotation]) is not None
