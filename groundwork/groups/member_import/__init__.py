"""Reading members' lists exported from other tools: pure functions over plain dataclasses, no ORM.

`sources` knows the header sets of Action Network, NationBuilder, CiviCRM and ActionKit exports
and a plain spreadsheet's, and detects which one a file is and which column holds what. `rows`
streams a file's rows, normalises them and sets aside the ones that cannot be imported (no email,
an invalid one, a duplicate). The groups actions feed these functions from the file and the
database, batch by batch, so memory does not grow with the file.
"""

from groundwork.groups.member_import.rows import (
    Batch,
    Problem,
    Row,
    SetAside,
    normalise_email,
    read_rows,
    sort_batch,
    sort_rows,
)
from groundwork.groups.member_import.sources import (
    FIELDS,
    Mapping,
    Source,
    detect_mapping,
    open_text,
    read_header,
)

__all__ = [
    "FIELDS",
    "Batch",
    "Mapping",
    "Problem",
    "Row",
    "SetAside",
    "Source",
    "detect_mapping",
    "normalise_email",
    "open_text",
    "read_header",
    "read_rows",
    "sort_batch",
    "sort_rows",
]
