"""A stand-in for the parsers' entry points (`parsing.detect`), for the tests of the command
and the page that must run before the parsers land: it reads a small tidy CSV of its own
(`area_code,area_name,period,value`), as "fingertips"."""

import csv
import io
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
)

HEADER = "area_code,area_name,period,value"
SPEC = IndicatorSpec(
    key="depression",
    slug="depression-prevalence",
    name="Depression: QOF prevalence (18+ yrs)",
    unit="%",
    better="lower",
    source="OHID Fingertips",
)


def decode(data: bytes) -> str:
    return data.decode("utf-8")


def detect_format(head: str, file_name: str) -> str | None:
    return "fingertips" if head.startswith(HEADER) else None


def parse(text: str, format: str, file_name: str) -> ParsedFile:
    if not text.startswith(HEADER):
        raise ValueError("no header")
    found = ParsedFile(format=format, indicators=[SPEC])
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if not row["period"]:
            found.skipped.append(SkippedRow(line, "no period"))
            continue
        year = int(row["period"])
        value = None if row["value"] == ".." else Decimal(row["value"])
        found.observations.append(
            ParsedObservation(
                line=line,
                indicator="depression",
                area_code=row["area_code"],
                area_name=row["area_name"],
                period=row["period"],
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                published="" if value is None else row["value"],
                value=value,
                status="suppressed" if value is None else "published",
                suppression=".." if value is None else "",
                is_total=row["area_name"] == "Total",
            )
        )
    return found


def csv_file(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows, ""]).encode()


@pytest.fixture
def fake_parsers(monkeypatch):
    """The parsers' entry points, replaced by the stand-in above."""
    fake = SimpleNamespace(decode=decode, detect_format=detect_format, parse=parse)
    monkeypatch.setattr("groundwork.outcomes.actions.imports.parsers", lambda: fake)
    return fake
