"""Cut the demo's small sample of areas and statistics out of the shared test data (run by hand,
not by the demo).

    .venv/bin/python groundwork/demo/data/cut_outcomes.py ../shared/testdata

It keeps the twelve local authorities of the demo groups (demo/alliance/groups.py): their rows
of mySociety's register and its two lookups (every name and code the importer resolves them
by), their rows of DWP's Stat-Xplore export of children in low-income families with the export's
Total row, of two ONS subnational indicator sheets, and of the English indices of deprivation.
Each file keeps its published layout (preamble, header, encoding, line endings): only whole
lines of other authorities were left out. See SOURCES.md beside this file.
"""

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "outcomes"

# The demo groups' local authorities (GSS codes), as demo/alliance/groups.py names them.
AUTHORITIES = {
    "E09000028",  # Southwark
    "E09000023",  # Lewisham
    "E09000012",  # Hackney
    "E09000022",  # Lambeth
    "E09000030",  # Tower Hamlets
    "E08000003",  # Manchester
    "E08000012",  # Liverpool
    "E08000035",  # Leeds
    "E06000023",  # Bristol, City of
    "E08000019",  # Sheffield
    "S12000049",  # Glasgow City
    "W06000015",  # Cardiff
}
ONS_SHEETS = ["Life satisfaction-Table 1.csv", "Female HLE-Table 1.csv"]
ONS_PREAMBLE = 6  # Indicator:, Date:, Coverage:, Geography:, a blank line, the header
STATXPLORE = "dwp_statxplore_children_relative_low_income_ltla_14-22.csv"
IMD = "English IMD - Local Authorities.csv"


def first_cell(line: bytes) -> str:
    """The first cell of one CSV line (the files cut here hold no newline inside quotes)."""
    return next(csv.reader(io.StringIO(line.decode("utf-8-sig"))), [""])[0].strip()


def keep(source: Path, out: Path, *, head: int, wanted: set[str]) -> int:
    """Copy the first `head` lines and every line whose first cell is wanted, bytes as they are;
    returns how many lines of figures were kept."""
    lines = source.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines[head:] if first_cell(line) in wanted]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"".join(lines[:head] + kept))
    return len(kept)


def cut_areas(lookups: Path) -> set[str]:
    """The register's rows for the authorities, and the lookups' rows that name them; returns
    their English names as the Stat-Xplore export writes them."""
    register = lookups / "mysociety_uk_local_authorities_future.csv"
    rows = list(csv.DictReader(io.StringIO(register.read_text(encoding="utf-8"))))
    chosen = [row for row in rows if row["gss-code"] in AUTHORITIES]
    assert {row["gss-code"] for row in chosen} == AUTHORITIES
    registry = {row["local-authority-code"] for row in chosen}
    keep(register, HERE / "areas" / register.name, head=1, wanted=registry)
    for name in ("mysociety_lookup_name_to_registry.csv", "mysociety_lookup_gss_to_registry.csv"):
        source = lookups / name
        lines = source.read_bytes().splitlines(keepends=True)
        kept = [line for line in lines[1:] if _last_cell(line) in registry]
        (HERE / "areas" / name).write_bytes(b"".join(lines[:1] + kept))
    names = lookups / "mysociety_lookup_name_to_registry.csv"
    return {
        row["la-name"]
        for row in csv.DictReader(io.StringIO(names.read_text(encoding="utf-8")))
        if row["local-authority-code"] in registry
    }


def _last_cell(line: bytes) -> str:
    return next(csv.reader(io.StringIO(line.decode("utf-8"))), [""])[-1].strip()


def main(shared: Path) -> None:
    names = cut_areas(shared / "representatives" / "lookups")
    indicators = shared / "uk_indicators"
    # "Cardiff / Caerdydd": the export names Welsh authorities in both languages.
    wanted = {*names, "Cardiff / Caerdydd", "Total"}
    kept = keep(
        indicators / "child_poverty" / STATXPLORE,
        HERE / "child_poverty" / STATXPLORE,
        head=2,
        wanted=wanted,
    )
    assert kept == len(AUTHORITIES) + 1, kept
    for sheet in ONS_SHEETS:
        source = indicators / "ons_subnational_indicators_2022" / sheet
        out = HERE / "ons_subnational" / sheet
        assert keep(source, out, head=ONS_PREAMBLE, wanted=AUTHORITIES) == len(AUTHORITIES)
    english = {code for code in AUTHORITIES if code.startswith("E")}
    source = indicators / "imd_humaniverse" / IMD
    assert keep(source, HERE / "imd" / IMD, head=1, wanted=english) == len(english)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
