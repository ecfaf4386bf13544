"""UK postcode districts: the outward code of a postcode (`SE15` of `SE15 4AB`)."""

import re

# Outward code: area (1-2 letters), district (a digit, then a digit or a letter), e.g. E1, SE15, W1A.
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})$")


def postcode_district(text: str) -> str | None:
    """The district of a full postcode or of a district alone, upper-cased; None if neither."""
    cleaned = " ".join(text.upper().split())
    if _OUTWARD.match(cleaned):
        return cleaned
    match = _FULL.match(cleaned)
    return match.group(1) if match else None
