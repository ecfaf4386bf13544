"""The ONS ward to local authority lookup of one year (columns wdYYcd, wdYYnm, ladYYcd, ladYYnm).

Ward codes change when boundaries do (Trafford's Altrincham was E05000819 in the 2022 lookup and
is E05015239 in 2025's), so a council's list is matched against the lookup of its own year."""

import re
from dataclasses import dataclass

from groundwork.accountability.importing import FormatError
from groundwork.accountability.importing.csvfile import columns, records

COLUMN = re.compile(r"^(wd|lad)(\d\d)(cd|nm)$", re.IGNORECASE)


@dataclass(frozen=True)
class Ward:
    gss_code: str
    name: str


@dataclass(frozen=True)
class WardLookup:
    year: int
    authority_code: str
    authority_name: str
    wards: tuple[Ward, ...]

    def find(self, name: str) -> Ward | None:
        """The ward of that name, matched without regard to case, spacing or "&"/"and"."""
        wanted = normalised(name)
        return next((ward for ward in self.wards if normalised(ward.name) == wanted), None)


def normalised(name: str) -> str:
    name = name.casefold().replace("&", " and ").replace("-", " ")
    return " ".join(name.split())


def parse(text: str, *, authority: str) -> WardLookup:
    """The wards of the local authority with GSS code `authority` in the lookup."""
    found = {}
    for name in columns(text):
        match = COLUMN.match(name)
        if match:
            found[(match[1].lower(), match[3].lower())] = (name, 2000 + int(match[2]))
    if {key for key in found} != {("wd", "cd"), ("wd", "nm"), ("lad", "cd"), ("lad", "nm")}:
        raise FormatError(
            "Not a ward lookup: it needs the columns wdYYcd, wdYYnm, ladYYcd, ladYYnm."
        )
    ward_code, ward_name = found[("wd", "cd")][0], found[("wd", "nm")][0]
    lad_code, lad_name = found[("lad", "cd")][0], found[("lad", "nm")][0]
    wards, authority_name = [], ""
    for _line, record in records(text):
        if record[lad_code].strip() == authority:
            authority_name = record[lad_name].strip()
            wards.append(Ward(record[ward_code].strip(), record[ward_name].strip()))
    if not wards:
        raise FormatError(f"The ward lookup has no wards of the local authority {authority}.")
    return WardLookup(found[("wd", "cd")][1], authority, authority_name, tuple(wards))
