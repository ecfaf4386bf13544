"""Reading the files that areas come from: mySociety's register of local authorities and its
lookups (CC-BY-4.0), and ONS ward → local authority lookups (OGL v3). Each file is recognised by
its header row, so a folder of them can be given in any order."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REGISTER = "register"
NAMES = "names"
GSS_CODES = "gss-codes"
WARDS = "wards"

# wd22cd,wd22nm,lad22cd,lad22nm (the year varies).
WARD_HEADER = re.compile(r"^wd(\d\d)cd$")


class AreaFileError(ValueError):
    """A file that is none of the kinds `import_areas` reads."""


@dataclass(frozen=True)
class Authority:
    """One row of the register."""

    line: int
    registry_code: str
    official_name: str
    nice_name: str
    gss_code: str
    start_date: date | None
    end_date: date | None
    replaced_by: tuple[str, ...]
    nation: str
    region: str
    type: str
    county: str
    former_gss_codes: tuple[str, ...]


@dataclass(frozen=True)
class Ward:
    """One row of a ward lookup: a ward, and the local authority it lies in, in `year`."""

    line: int
    year: int
    gss_code: str
    name: str
    district_code: str


@dataclass
class AreaFiles:
    """Everything read from the files given to `import_areas`."""

    authorities: list[Authority] = field(default_factory=list)
    # (name as written, registry code)
    names: list[tuple[str, str]] = field(default_factory=list)
    # (GSS code, registry code): current and former codes
    gss_codes: list[tuple[str, str]] = field(default_factory=list)
    wards: list[Ward] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_area_files(paths: list[Path]) -> AreaFiles:
    """Read each file (a folder stands for the CSV files in it), by the kind its header says."""
    found = AreaFiles()
    for path in _expand(paths):
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            raise AreaFileError(f"{path.name} is empty.")
        kind = _kind(rows[0])
        if kind is None:
            raise AreaFileError(f"{path.name} is not a file of areas import_areas knows.")
        header, body = rows[0], rows[1:]
        records = [dict(zip(header, row, strict=False)) for row in body]
        _READERS[kind](records, found, header)
        found.files.append(path.name)
    return found


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [p for p in sorted(path.glob("*.csv")) if _kind(_header(p)) is not None]
        else:
            files.append(path)
    return files


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def _kind(header: list[str]) -> str | None:
    columns = set(header)
    if {"local-authority-code", "gss-code", "official-name", "replaced-by"} <= columns:
        return REGISTER
    if columns == {"la-name", "local-authority-code"}:
        return NAMES
    if columns == {"gss-code", "local-authority-code"}:
        return GSS_CODES
    if header and WARD_HEADER.match(header[0]):
        return WARDS
    return None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def _read_register(records: list[dict], found: AreaFiles, header: list[str]) -> None:
    for line, row in enumerate(records, start=2):
        found.authorities.append(
            Authority(
                line=line,
                registry_code=row["local-authority-code"].strip(),
                official_name=row["official-name"].strip(),
                nice_name=row["nice-name"].strip(),
                gss_code=row["gss-code"].strip(),
                start_date=_date(row["start-date"].strip()),
                end_date=_date(row["end-date"].strip()),
                replaced_by=_codes(row["replaced-by"]),
                nation=row["nation"].strip(),
                region=row["region"].strip(),
                type=row["local-authority-type"].strip(),
                county=row.get("county-la", "").strip(),
                former_gss_codes=_codes(row.get("former-gss-codes", "")),
            )
        )


def _read_names(records: list[dict], found: AreaFiles, header: list[str]) -> None:
    found.names += [(row["la-name"], row["local-authority-code"].strip()) for row in records]


def _read_gss_codes(records: list[dict], found: AreaFiles, header: list[str]) -> None:
    found.gss_codes += [
        (row["gss-code"].strip(), row["local-authority-code"].strip()) for row in records
    ]


def _read_wards(records: list[dict], found: AreaFiles, header: list[str]) -> None:
    match = WARD_HEADER.match(header[0])
    assert match is not None
    year = 2000 + int(match.group(1))
    code, name, district = header[0], header[1], header[2]
    for line, row in enumerate(records, start=2):
        found.wards.append(
            Ward(
                line=line,
                year=year,
                gss_code=row[code].strip(),
                name=row[name].strip(),
                district_code=row[district].strip(),
            )
        )


_READERS = {
    REGISTER: _read_register,
    NAMES: _read_names,
    GSS_CODES: _read_gss_codes,
    WARDS: _read_wards,
}
