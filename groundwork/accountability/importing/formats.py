"""Choosing the reader for a file's format, and decoding its bytes: shared by the command and the
coordinators' import page, so both read a file the same way."""

from groundwork.accountability.importing import (
    FormatError,
    Register,
    council_csv,
    popolo,
    ward_lookup,
    ynmp,
)

POPOLO = "popolo"
YNMP = "ynmp"
COUNCIL_CSV = "council-csv"
FORMATS = (POPOLO, YNMP, COUNCIL_CSV)


def decode(data: bytes) -> str:
    """A published file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_register(format: str, text: str, *, council: str = "", lookup: str = "") -> Register:
    """The Register a file of `format` states; a council's list needs its council's GSS code and
    the text of the ward lookup of its year. FormatError, with a message, for a file that is not
    what it was said to be."""
    if format == POPOLO:
        return popolo.parse(text)
    if format == YNMP:
        return ynmp.parse(text)
    if format != COUNCIL_CSV:
        raise FormatError(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}.")
    if not council or not lookup:
        raise FormatError("A council's list needs the council's GSS code and the ward lookup.")
    return council_csv.parse(text, lookup=ward_lookup.parse(lookup, authority=council))
