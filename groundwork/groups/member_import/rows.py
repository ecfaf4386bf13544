"""A members' list, row by row: what each row says, and which rows are set aside and why.

Rows stream from the file (`read_rows` holds one row at a time); `sort_batch` sorts a batch given
the emails already seen earlier in the file and those of the group's members, which the caller
looks up for the batch alone. Emails are compared without regard to case.
"""

import csv
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from groundwork.groups.member_import.sources import Mapping, dialect_of

# The longest name we keep (the members' display name is 80 characters).
NAME_LENGTH = 80
# The longest address an email field holds (RFC 5321's path limit, Django's EmailField).
EMAIL_LENGTH = 254


class Problem(StrEnum):
    NO_EMAIL = "no_email"
    INVALID_EMAIL = "invalid_email"
    DUPLICATE_IN_FILE = "duplicate_in_file"
    ALREADY_MEMBER = "already_member"


@dataclass(frozen=True)
class Row:
    """One row of the file: its line number as a spreadsheet shows it (the header is line 1),
    the email as written, the email to compare (lower-cased), and the name."""

    number: int
    written_email: str
    email: str
    name: str


@dataclass(frozen=True)
class SetAside:
    """A row that is not imported, and why."""

    number: int
    written_email: str
    problem: Problem


@dataclass
class Batch:
    """The good rows, the rows set aside, and the valid emails first seen in this batch (which
    later batches must count as duplicates)."""

    good: list[Row] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


def _cell(value: str) -> str:
    """A cell without spaces around it, or the apostrophe NationBuilder puts before a value so
    that Excel reads it as text."""
    value = value.strip()
    return value[1:].strip() if value.startswith("'") else value


def normalise_email(written: str) -> str:
    """The address to compare: without spaces, a `mailto:` prefix or angle brackets, in lower
    case (two rows that differ only in case are one person)."""
    email = _cell(written).strip("<>").strip()
    if email.lower().startswith("mailto:"):
        email = email[len("mailto:") :]
    return email.lower()


def _name_of(cells: list[str], mapping: Mapping) -> str:
    def at(name: str) -> str:
        index = mapping.column(name)
        return _cell(cells[index]) if index is not None and index < len(cells) else ""

    name = at("name") or " ".join(part for part in (at("first_name"), at("last_name")) if part)
    return " ".join(name.split())[:NAME_LENGTH]


def read_rows(text: IO[str], mapping: Mapping) -> Iterator[Row]:
    """Every row after the header, one at a time; blank lines are skipped (no person there)."""
    first_line = text.readline()
    reader = csv.reader(_chain(first_line, text), dialect_of(first_line))
    next(reader, None)
    email_column = mapping.column("email")
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        written = ""
        if email_column is not None and email_column < len(cells):
            written = cells[email_column].strip()
        yield Row(
            number=reader.line_num,
            written_email=written[:EMAIL_LENGTH],
            email=normalise_email(written),
            name=_name_of(cells, mapping),
        )


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def problem_with_email(email: str) -> Problem | None:
    """Why the address cannot be imported, or None if it can."""
    if not email:
        return Problem.NO_EMAIL
    if len(email) > EMAIL_LENGTH:
        return Problem.INVALID_EMAIL
    try:
        validate_email(email)
    except ValidationError:
        return Problem.INVALID_EMAIL
    return None


def sort_batch(
    rows: Iterable[Row], *, seen: Collection[str] = (), members: Collection[str] = ()
) -> Batch:
    """Sort the rows: the good ones, and those set aside (no email, an invalid one, one seen
    earlier in the file — in `seen` or in this batch —, or a member's of the group already)."""
    batch = Batch()
    in_batch = batch.seen
    for row in rows:
        problem = problem_with_email(row.email)
        if problem is None and (row.email in seen or row.email in in_batch):
            problem = Problem.DUPLICATE_IN_FILE
        if problem is None:
            in_batch.add(row.email)
            if row.email in members:
                problem = Problem.ALREADY_MEMBER
        if problem is None:
            batch.good.append(row)
        else:
            batch.set_aside.append(SetAside(row.number, row.written_email, problem))
    return batch


def sort_rows(rows: Iterable[Row], *, members: Collection[str] = ()) -> Batch:
    """Sort a whole file in memory: for tests and small files. Imports use `sort_batch`."""
    return sort_batch(list(rows), members=members)
