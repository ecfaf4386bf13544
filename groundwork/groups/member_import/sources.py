"""Which tool a members' list came from, and which of its columns hold an email and a name.

Each tool's export has its own header (see ../shared/testdata/member_import/SOURCES.md). A file is
recognised by columns only that tool writes; its mapping then names the column of each field we
import. A file of no known tool is a plain spreadsheet: its columns are matched by usual names
("Email", "E-mail address", "Name", "First name"...). The organiser can change the mapping.
"""

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# What we import of a person: their email (required), and their name in one column or two.
# Nothing else: a group needs no more to invite someone (addresses, phones and tags stay behind).
FIELDS = ("email", "first_name", "last_name", "name")


class Source:
    ACTION_NETWORK = "action_network"
    NATIONBUILDER = "nationbuilder"
    CIVICRM = "civicrm"
    ACTIONKIT = "actionkit"
    SPREADSHEET = "spreadsheet"


# Columns that only one tool writes, compared without regard to case.
SIGNATURES: dict[str, tuple[str, ...]] = {
    Source.ACTION_NETWORK: ("can2_subscription_status", "can2_phone", "can2_user_tags"),
    Source.NATIONBUILDER: ("nationbuilder_id", "email1_is_bad", "tag_list"),
    Source.CIVICRM: ("contact id", "contact type", "sort name"),
    Source.ACTIONKIT: ("ak_id",),
}

# For each source, the columns of each field, in order of preference.
KNOWN_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    Source.ACTION_NETWORK: {
        "email": ("email",),
        "first_name": ("first_name",),
        "last_name": ("last_name",),
    },
    Source.NATIONBUILDER: {
        "email": ("email", "email1"),
        "first_name": ("first_name",),
        "last_name": ("last_name",),
    },
    Source.CIVICRM: {
        "email": ("email",),
        "first_name": ("first name",),
        "last_name": ("last name",),
        "name": ("display name",),
    },
    Source.ACTIONKIT: {
        "email": ("email",),
        "first_name": ("first_name",),
        "last_name": ("last_name",),
    },
}

# A plain spreadsheet's usual names for each field, compared once lower-cased and stripped of
# spaces, dashes, underscores and dots ("E-mail address" → "emailaddress").
SPREADSHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "emailaddress", "mail", "primaryemail", "email1"),
    "first_name": ("firstname", "givenname", "forename", "first"),
    "last_name": ("lastname", "surname", "familyname", "last"),
    "name": ("name", "fullname", "displayname", "membername"),
}


def _squashed(column: str) -> str:
    return "".join(character for character in column.lower() if character.isalnum())


@dataclass(frozen=True)
class Mapping:
    """The detected (or chosen) source and, for each field, the index of its column (or None)."""

    source: str
    columns: dict[str, int | None] = field(default_factory=dict)

    def column(self, name: str) -> int | None:
        return self.columns.get(name)


def detect_source(header: list[str]) -> str:
    """The tool whose signature columns the header holds (most of them), else a spreadsheet."""
    lowered = {column.strip().lower() for column in header}
    best, best_hits = Source.SPREADSHEET, 0
    for source, signature in SIGNATURES.items():
        hits = sum(column in lowered for column in signature)
        if hits > best_hits:
            best, best_hits = source, hits
    return best


def detect_mapping(header: list[str]) -> Mapping:
    """The source of a file with this header and the column of each field we import."""
    source = detect_source(header)
    lowered = [column.strip().lower() for column in header]
    squashed = [_squashed(column) for column in header]
    columns: dict[str, int | None] = {}
    for name in FIELDS:
        columns[name] = None
        candidates = KNOWN_COLUMNS.get(source, {}).get(name, ())
        for candidate in candidates:
            if candidate in lowered:
                columns[name] = lowered.index(candidate)
                break
        if columns[name] is None and source == Source.SPREADSHEET:
            for candidate in SPREADSHEET_COLUMNS[name]:
                if candidate in squashed:
                    columns[name] = squashed.index(candidate)
                    break
    return Mapping(source=source, columns=columns)


def _encoding_of(sample: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) if the sample reads as it, else Windows-1252,
    which older spreadsheets in the UK write."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # The sample may end in the middle of a character: an incremental decoder allows that.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def open_text(binary: Any) -> io.TextIOWrapper:
    """The file as text, read as it streams, whatever of UTF-8 or Windows-1252 it was saved in.
    `binary` is any file open for reading bytes (an upload, a stored file, an open path)."""
    sample = binary.read(64 * 1024)
    binary.seek(0)
    return io.TextIOWrapper(binary, encoding=_encoding_of(sample), errors="replace", newline="")


def dialect_of(first_line: str) -> type[csv.Dialect] | csv.Dialect:
    """Commas, unless the header is plainly separated by semicolons or tabs (European Excel)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in ",;\t"}
    delimiter = max(counts, key=lambda key: counts[key])
    if counts[delimiter] == 0 or delimiter == ",":
        return csv.excel
    return csv.excel_tab if delimiter == "\t" else _Semicolon()


class _Semicolon(csv.excel):
    delimiter = ";"


def read_header(lines: Iterable[str]) -> list[str]:
    """The header of a CSV file given as lines (stripped of spaces around each name)."""
    lines = list(lines)
    for row in csv.reader(lines, dialect_of(lines[0] if lines else "")):
        return [column.strip() for column in row]
    return []
