"""Cut the demo's small register sample out of the shared test data (run by hand, not by the demo).

    .venv/bin/python groundwork/demo/data/cut_sample.py ../shared/testdata/representatives

It keeps the 24 constituencies that cover the demo groups' postcode districts: their Commons
seats of 2010-15 (EveryPolitician's Popolo), their winners of 2015 (YourNextMP, which carries the
GSS codes), their members in parlparse's list and the vote matrix, and three Public Whip policies.
Each kept record is copied as published (see SOURCES.md beside this file); the ONSPD rows are
composed from the districts below, with the constituencies' codes taken from the YourNextMP file.
"""

import csv
import io
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "representatives"

# Postcode district -> (postcodes, constituency of each under the 2010 boundaries) for each
# demo group's districts (demo/alliance/groups.py), with the group's local authority and country.
DISTRICTS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "E09000028": (
        "E92000001",
        "51.5028,-0.0876",
        [
            ("SE1 2AA", "Bermondsey and Old Southwark"),
            ("SE1 3UW", "Bermondsey and Old Southwark"),
            ("SE15 5AA", "Camberwell and Peckham"),
            ("SE15 4QS", "Camberwell and Peckham"),
            ("SE16 4EF", "Bermondsey and Old Southwark"),
        ],
    ),
    "E09000023": (
        "E92000001",
        "51.4415,-0.0533",
        [
            ("SE4 1UN", "Lewisham, Deptford"),
            ("SE4 2PT", "Lewisham, Deptford"),
            ("SE23 3HF", "Lewisham West and Penge"),
            ("SE26 4PU", "Lewisham West and Penge"),
        ],
    ),
    "E09000012": (
        "E92000001",
        "51.5450,-0.0553",
        [
            ("E5 0LH", "Hackney North and Stoke Newington"),
            ("E8 1EA", "Hackney South and Shoreditch"),
            ("E9 6DU", "Hackney South and Shoreditch"),
        ],
    ),
    "E09000022": (
        "E92000001",
        "51.4613,-0.1156",
        [
            ("SW2 1RW", "Streatham"),
            ("SW9 8EJ", "Vauxhall"),
            ("SE11 5HL", "Vauxhall"),
        ],
    ),
    "E09000030": (
        "E92000001",
        "51.5150,-0.0330",
        [
            ("E1 1DU", "Bethnal Green and Bow"),
            ("E3 5AL", "Bethnal Green and Bow"),
            ("E14 7HA", "Poplar and Limehouse"),
        ],
    ),
    "E08000003": (
        "E92000001",
        "53.4808,-2.2426",
        [
            ("M1 1AG", "Manchester Central"),
            ("M13 0PZ", "Manchester, Gorton"),
            ("M14 6HR", "Manchester, Gorton"),
            ("M14 6UF", "Manchester, Withington"),
        ],
    ),
    "E08000012": (
        "E92000001",
        "53.4084,-2.9916",
        [
            ("L1 8JQ", "Liverpool, Riverside"),
            ("L8 5RF", "Liverpool, Riverside"),
            ("L15 4LB", "Liverpool, Wavertree"),
        ],
    ),
    "E08000035": (
        "E92000001",
        "53.8008,-1.5491",
        [
            ("LS2 8BH", "Leeds Central"),
            ("LS6 3HN", "Leeds North West"),
            ("LS11 5DR", "Leeds Central"),
        ],
    ),
    "E06000023": (
        "E92000001",
        "51.4545,-2.5879",
        [
            ("BS1 5TR", "Bristol West"),
            ("BS2 0JA", "Bristol West"),
            ("BS5 6XX", "Bristol East"),
        ],
    ),
    "E08000019": (
        "E92000001",
        "53.3811,-1.4701",
        [
            ("S1 2HH", "Sheffield Central"),
            ("S2 4SU", "Sheffield Central"),
            ("S11 8YA", "Sheffield, Hallam"),
        ],
    ),
    "S12000049": (
        "S92000003",
        "55.8642,-4.2518",
        [
            ("G1 1XQ", "Glasgow Central"),
            ("G3 8AG", "Glasgow Central"),
            ("G40 1AT", "Glasgow Central"),
        ],
    ),
    "W06000015": (
        "W92000004",
        "51.4816,-3.1791",
        [
            ("CF10 3NQ", "Cardiff Central"),
            ("CF11 6RU", "Cardiff South and Penarth"),
            ("CF24 3AA", "Cardiff Central"),
        ],
    ),
}
CONSTITUENCIES = {name for _, _, rows in DISTRICTS.values() for _, name in rows}
POLICIES = {"1110", "1120", "1132"}  # Increase VAT; Cap civil service pay; tuition fees £9,000
ONSPD_MAY_2018 = (
    "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,"
    "osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,nuts,statsward,oa01,casward,"
    "park,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,ccg,bua11,buasd11,ru11ind,oac11,lat,"
    "long,lep1,lep2,pfa,imd,calncv,stp"
).split(",")


def records(text: str) -> list[tuple[dict[str, str], str]]:
    """Each CSV record with its original text (CRLF endings and newlines inside quotes kept)."""
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    found, start = [], 1
    for row in reader:
        found.append((row, "".join(lines[start : reader.line_num])))
        start = reader.line_num
    return found


def cut_popolo(source: Path) -> None:
    data = json.loads(source.read_text(encoding="utf-8"))
    areas = {a["id"] for a in data["areas"] if a["name"] in CONSTITUENCIES}
    memberships = [m for m in data["memberships"] if m.get("area_id") in areas]
    people = {m["person_id"] for m in memberships}
    organisations = {m.get("organization_id") for m in memberships}
    organisations |= {m.get("on_behalf_of_id") for m in memberships}
    cut = {
        "persons": [p for p in data["persons"] if p["id"] in people],
        "organizations": [o for o in data["organizations"] if o["id"] in organisations],
        "meta": data["meta"],
        "memberships": memberships,
        "events": data["events"],
        "areas": [a for a in data["areas"] if a["id"] in areas],
    }
    out = HERE / "popolo" / "ep-popolo-v1.0.term-55.demo.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(cut, indent=2, ensure_ascii=False), encoding="utf-8")


def cut_ynmp(source: Path) -> dict[str, str]:
    """Write the winners of the kept seats; returns {constituency: GSS code}."""
    text = source.read_text(encoding="utf-8", newline="")
    header = text.splitlines(keepends=True)[0]
    kept = [(row, raw) for row, raw in records(text) if row["constituency"] in CONSTITUENCIES]
    out = HERE / "ynmp" / "candidates_2015_elected_only.demo.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes((header + "".join(raw for _, raw in kept)).encode("utf-8"))
    return {row["constituency"]: row["gss_code"] for row, _ in kept}


def cut_members(source: Path) -> set[str]:
    """Write parlparse's members for the kept seats; returns their Public Whip member ids."""
    text = source.read_bytes().decode("iso-8859-1")
    head, _, rest = text.partition("<member")
    blocks = re.findall(r"<member\b.*?/>\n", "<member" + rest, flags=re.S)
    kept = [b for b in blocks if _attribute(b, r'constituency="([^"]*)"') in CONSTITUENCIES]
    out = HERE / "parlparse" / "all-members-2010.xml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes((head + "".join(kept) + "\n</publicwhip>\n").encode("iso-8859-1"))
    return {_attribute(b, r"member/(\d+)") for b in kept}


def _attribute(block: str, pattern: str) -> str:
    found = re.search(pattern, block)
    return found[1] if found else ""


def cut_public_whip(folder: Path, members: set[str]) -> None:
    out = HERE / "publicwhip_2013"
    out.mkdir(parents=True, exist_ok=True)
    policies = records((folder / "pw_dyn_dreammp.twfy_policies.csv").read_text(encoding="utf-8"))
    votes = records((folder / "pw_dyn_dreamvote.twfy_policies.csv").read_text(encoding="utf-8"))
    for name, rows in (("dreammp", policies), ("dreamvote", votes)):
        path = folder / f"pw_dyn_{name}.twfy_policies.csv"
        header = path.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        kept = "".join(raw for row, raw in rows if row["dream_id"] in POLICIES)
        (out / f"pw_dyn_{name}.demo.csv").write_text(header + kept, encoding="utf-8", newline="")
    divisions = {
        (row["division_date"], row["division_number"])
        for row, _ in votes
        if row["dream_id"] in POLICIES and row["house"] == "commons"
    }
    lines = (folder / "votematrix-2010.twfy-policy-divisions.dat").read_text().split("\n")
    names = lines[0].split("\t")
    columns = [i for i, name in enumerate(names) if i < 4 or name.strip()[4:] in members]
    columns.append(len(names) - 1)  # the empty cell after the trailing tab
    kept_lines = ["\t".join(names[i] for i in columns)]
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > 3 and (cells[1], cells[2]) in divisions:
            kept_lines.append("\t".join(cells[i] for i in columns[:-1]) + "\t" + cells[-1])
    (out / "votematrix-2010.demo.dat").write_text("\n".join(kept_lines) + "\n")
    key = (folder / "votematrix-2010.txt").read_text().split("\n")
    kept_key = [line for line in key if not re.match(r"^\d+\t", line) or line[:5] in members]
    (out / "votematrix-2010.txt").write_text("\n".join(kept_key))


def compose_onspd(gss_of: dict[str, str]) -> None:
    """Rows in the May 2018 layout (constituencies of 2010) for the demo groups' districts."""
    out = HERE / "onspd" / "onspd_may2018_layout.demo.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(ONSPD_MAY_2018)
    for authority, (country, centre, rows) in DISTRICTS.items():
        latitude, longitude = (float(part) for part in centre.split(","))
        for number, (postcode, constituency) in enumerate(rows):
            row = dict.fromkeys(ONSPD_MAY_2018, "")
            outward, inward = postcode.split(" ")
            row |= {
                "pcd": f"{outward:<4}{inward}",
                "pcd2": f"{outward:<5}{inward}",
                "pcds": postcode,
                "dointr": "198001",
                "oslaua": authority,
                "osward": country[0] + "99999999",
                "ctry": country,
                "pcon": gss_of[constituency],
                "ccg": "",
                "nuts": "",
            }
            values: list[str | float] = [row[name] for name in ONSPD_MAY_2018]
            values[ONSPD_MAY_2018.index("lat")] = round(latitude + 0.004 * number, 6)
            values[ONSPD_MAY_2018.index("long")] = round(longitude - 0.004 * number, 6)
            writer.writerow(values)
    out.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def main(shared: Path) -> None:
    cut_popolo(shared / "popolo_everypolitician_uk_commons" / "ep-popolo-v1.0.term-55.json")
    gss_of = cut_ynmp(shared / "ynmp_2015_winners" / "candidates_2015_elected_only.csv")
    members = cut_members(shared / "parlparse" / "all-members-2010.xml")
    cut_public_whip(shared / "publicwhip_2013", members)
    compose_onspd(gss_of)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
