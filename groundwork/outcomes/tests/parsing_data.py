"""The real files of official statistics the parsing tests read (shared test data, not copied)."""

from pathlib import Path

from groundwork.outcomes.parsing import (
    ParsedFile,
    ParsedObservation,
    decode,
    detect_format,
    head,
    parse,
)
from tests import testdata


def uk_indicators() -> Path:
    """The folder of the UK indicator files (the test skips, or fails in CI, when missing)."""
    return testdata.need(testdata.root() / "uk_indicators")


def read_text(relative: str) -> str:
    """A file's text, decoded as the importer decodes uploads."""
    return decode(testdata.need(uk_indicators() / relative).read_bytes())


def parse_file(relative: str) -> ParsedFile:
    """A file parsed in the format detected from its first lines, as the importer does."""
    text = read_text(relative)
    name = Path(relative).name
    found = detect_format(head(text), name)
    assert found is not None, f"no format detected for {relative}"
    return parse(text, found, name)


def one(parsed: ParsedFile, **match: object) -> ParsedObservation:
    """The one observation matching every given field (fails unless exactly one does)."""
    found = [
        observation
        for observation in parsed.observations
        if all(getattr(observation, field) == value for field, value in match.items())
    ]
    assert len(found) == 1, f"{len(found)} observations match {match}"
    return found[0]
