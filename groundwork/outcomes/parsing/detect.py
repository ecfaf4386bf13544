"""A file's bytes made text, its format told from its first lines, and the parser of that format.

The formats are those of `IndicatorImport.Format`: "statxplore", "ons-subnational", "imd",
"fingertips".
"""

import csv
import io
import re
from collections.abc import Callable

from groundwork.outcomes.parsing import fingertips, imd, ons_subnational, statxplore
from groundwork.outcomes.parsing.names import fold
from groundwork.outcomes.parsing.periods import parse_period
from groundwork.outcomes.parsing.records import ParsedFile

PARSERS: dict[str, Callable[[str, str], ParsedFile]] = {
    statxplore.FORMAT: statxplore.parse,
    ons_subnational.FORMAT: ons_subnational.parse,
    imd.FORMAT: imd.parse,
    fingertips.FORMAT: fingertips.parse,
}
FORMATS = tuple(PARSERS)
# How many lines of a file are enough to tell its format.
HEAD_LINES = 12
# The explorer workbook's sheets saved one a file, data sheets or not ("Notes-Table 1.csv").
ONS_SHEET_NAME = re.compile(r"-Table \d+\.csv$", re.IGNORECASE)
ONS_WORDS = ("subnational indicators explorer", "metric data sources")
STATXPLORE_WORDS = ("stat-xplore", "national - regional - la")


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252 (the
    spreadsheet exports' encoding; Latin-1 for the five bytes it leaves undefined), with line
    endings made "\\n"."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def head(text: str, lines: int = HEAD_LINES) -> str:
    """The first lines of a text: what `detect_format` needs."""
    return "\n".join(text.split("\n", lines)[:lines])


def detect_format(head_text: str, file_name: str) -> str | None:
    """The format of a file from its first lines (and its name), or None when none fits."""
    rows = _rows(head_text)
    first_cells = [fold(row[0]) for row in rows if row]
    headers = [{_column_name(cell) for cell in row} for row in rows]
    lowered = head_text.lower()
    if any(
        {"areacode", "value"} <= header and header & {"indicator", "indicatorname"}
        for header in headers[:1]
    ):
        return fingertips.FORMAT
    if any({"proportion", "extent", "score"} <= header for header in headers[:1]):
        return imd.FORMAT
    if "area code" in first_cells or "indicator" in first_cells[:1]:
        return ons_subnational.FORMAT
    if any(word in lowered for word in STATXPLORE_WORDS) or any(_year_header(row) for row in rows):
        return statxplore.FORMAT
    if ONS_SHEET_NAME.search(file_name) or any(word in lowered for word in ONS_WORDS):
        return ons_subnational.FORMAT
    return None


def parse(text: str, format: str, file_name: str = "") -> ParsedFile:
    """Everything the parser of `format` reads from the text; ValueError for a format not known,
    or a file that format cannot read."""
    parser = PARSERS.get(format)
    if parser is None:
        raise ValueError(f"“{format}” is not a format: one of {', '.join(FORMATS)}")
    return parser(text, file_name)


def _rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return []


def _column_name(cell: str) -> str:
    return re.sub(r"[^a-z0-9]", "", cell.lower())


def _year_header(row: list[str]) -> bool:
    """Whether a row is Stat-Xplore's header of years: a label, then periods."""
    cells = [cell for cell in row[1:] if cell.strip() and "annotation" not in cell.lower()]
    if not row or not row[0].strip() or not cells:
        return False
    try:
        for cell in cells:
            parse_period(cell)
    except ValueError:
        return False
    return True
