"""Reading official statistics files as published: pure functions over text, no ORM.

Each format's parser turns a file's text into a `ParsedFile` (records.py); the importer
(actions) resolves names to areas and writes observations. Keeping parsing pure lets it be tested
exhaustively without a database.
"""

from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
)

__all__ = ["IndicatorSpec", "ParsedFile", "ParsedObservation", "SkippedRow"]
