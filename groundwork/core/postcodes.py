"""UK postcodes: the whole postcode (`SE15 4AB`) and its district, the outward code (`SE15`)."""

import re

# Outward code: area (1-2 letters), district (a digit, then a digit or a letter), e.g. E1, SE15, W1A.
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})$")


def _cleaned(text: str) -> str:
    return " ".join(text.upper().split())


def postcode_district(text: str) -> str | None:
    """The district of a full postcode or of a district alone, upper-cased; None if neither."""
    cleaned = _cleaned(text)
    if _OUTWARD.match(cleaned):
        return cleaned
    match = _FULL.match(cleaned)
    return match.group(1) if match else None


def normalised_postcode(text: str) -> str | None:
    """A whole postcode as Royal Mail writes it (upper case, one space before the inward code:
    `SE15 4AB` of `se154ab` or `SE15  4AB`); None if `text` is not a whole postcode."""
    match = _FULL.match(_cleaned(text))
    return f"{match.group(1)} {match.group(2)}" if match else None


# A search that starts like a postcode (one or two letters, then a digit) is read as one.
_POSTCODE_LIKE = re.compile(r"^[A-Z]{1,2}[0-9]")


def looks_like_postcode(text: str) -> bool:
    """Whether `text` starts as a postcode does, so a malformed one is told so rather than
    searched for as a group's name."""
    cleaned = _cleaned(text)
    return bool(_POSTCODE_LIKE.match(cleaned)) and len(cleaned.replace(" ", "")) <= 8
