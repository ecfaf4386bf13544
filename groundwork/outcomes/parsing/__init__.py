"""Reading official statistics files as published: pure functions over text, no ORM.

Each format's parser turns a file's text into a `ParsedFile` (records.py); the importer
(actions) resolves names to areas and writes observations. Keeping parsing pure lets it be tested
exhaustively without a database.
"""

from groundwork.outcomes.parsing.detect import FORMATS, decode, detect_format, head, parse
from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
)

__all__ = [
    "FORMATS",
    "IndicatorSpec",
    "ParsedFile",
    "ParsedObservation",
    "SkippedRow",
    "decode",
    "detect_format",
    "head",
    "parse",
]
