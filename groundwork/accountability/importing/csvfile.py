"""Reading a published CSV file: a real CSV parser (quoted fields hold newlines; some files end
their lines with CRLF), a byte-order mark taken off, and each record with the line it starts on."""

import csv
import io
from collections.abc import Iterator


def records(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line the record starts on, the record by column) for each record after the header;
    blank lines are passed over, and a short record's missing columns are empty."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [name.strip() for name in next(reader, [])]
    start = reader.line_num + 1
    for values in reader:
        if any(value.strip() for value in values):
            values += [""] * (len(header) - len(values))
            yield start, dict(zip(header, values, strict=False))
        start = reader.line_num + 1


def columns(text: str) -> list[str]:
    """The header's column names."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    return [name.strip() for name in next(reader, [])]
