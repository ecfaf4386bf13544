"""Readers for Public Whip's 2013 data and parlparse's members list, as published: pure, no ORM.

Each reader takes the file's text (bytes for the XML, which declares its own encoding) and returns
plain frozen dataclasses; `read_*` wrappers open a path. The files' oddities, and what is done:
- Divisions are keyed by (date, number), never by title: some titles are wrong upstream
  (2010-10-20 #92 is labelled "Police Terms and Conditions of Service (Redundancy) ...", 2010-11-02
  #110 "Cheques ...", both Parliamentary Voting System and Constituencies Bill divisions), and many
  titles repeat ("Clause 11 - Number and distribution of seats" four times on 2010-11-01).
- The matrix's `rowid` is not in date order (2010-07-21 #37 has a later rowid than #39): ignored.
- Matrix cells carry a leading space (all but the first MP's column), the header row ends in a tab
  and each data row in a tab and a space: cells are stripped, columns with no header are dropped.
- A `-9` cell means "no vote recorded". It is not a vote: whether that was an absence or a seat
  not yet (or no longer) held is for the membership dates to say (see scoring.py), so no Vote is
  made for it. Tellers (1, 5) are kept as such; scoring counts them with the side they told for.
- The key spells apostrophes as HTML entities (`O&#39;Brien`): names are unescaped.
- The key and the matrix leave out the Speaker and Sinn Féin's abstentionist MPs, who never vote,
  and every MP elected after the file was made (February 2013); parlparse has all 672 members.
- Policy votes `both` mean "listed, not scored": kept with Position.BOTH so a scorecard can show
  them. A vote outside the schema's aye/no/aye3/no3/both (`abstention`, `spoiled`) or a bad date
  or number is reported as a Skipped row with its reason; the good rows are kept.
- Two policy descriptions hold newlines inside quoted fields: read with a real CSV parser.
- all-members-2010.xml is ISO-8859-1 ("Ynys Môn", "Siân James"), declared in its prolog; the XML
  parser honours the declaration, so it is given bytes. 20 members have no `datadotparl_id`
  (None here). The file carries no parlparse *person* ids (`uk.org.publicwhip/person/N`):
  `Member.person_id` is None until `join_person_ids` takes it from EveryPolitician's Popolo
  (`everypolitician_legacy`, which is TheyWorkForYou's person id): by datadotparl_id, and for the
  20 members without one, by seat name and the spell's dates (no person's name is used).
  A party change (Mike Hancock, LDem then Ind) is a second member id for the same person; Mark
  Reckless's first spell (40502) has no datadotparl_id though his second (40704) has, so a join
  by datadotparl_id alone splits him in two.
- TheyWorkForYou's current policy files (`parse_twfy_policy`) take the loaded YAML: divisions by
  date and number, `Skipped.line` there is the link's position in the list.
"""

import csv
import html
import io
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

COMMONS = "commons"


class DivisionKey(NamedTuple):
    """A division within one body: its date and its number that day."""

    date: date
    number: int


class How(StrEnum):
    """How a member voted in a division, as the vote matrix records it."""

    TELLAYE = "tellaye"
    AYE = "aye"
    BOTH = "both"
    NO = "no"
    TELLNO = "tellno"


# The matrix's value codes, as its key lists them; -9 ("missing") is no vote at all.
MISSING = -9
HOW_OF_CODE = {1: How.TELLAYE, 2: How.AYE, 3: How.BOTH, 4: How.NO, 5: How.TELLNO}


class Position(StrEnum):
    """The side a policy takes in a division; BOTH means listed but not scored."""

    AYE = "aye"
    NO = "no"
    BOTH = "both"


class Strength(StrEnum):
    NORMAL = "normal"
    STRONG = "strong"


@dataclass(frozen=True)
class Division:
    date: date
    number: int
    title: str
    body: str = COMMONS

    @property
    def key(self) -> DivisionKey:
        return DivisionKey(self.date, self.number)


@dataclass(frozen=True)
class Vote:
    member_id: int  # Public Whip member id, e.g. 40289
    division: DivisionKey
    how: How


@dataclass(frozen=True)
class Policy:
    id: int
    title: str
    description: str


@dataclass(frozen=True)
class PolicyDivision:
    policy_id: int
    division: DivisionKey
    position: Position
    strength: Strength
    body: str = COMMONS


@dataclass(frozen=True)
class Member:
    """One spell in one seat for one party: a by-election or party change starts a new one."""

    member_id: int
    person_id: int | None
    datadotparl_id: int | None
    first_name: str
    last_name: str
    party: str
    constituency: str
    from_date: date
    to_date: date
    from_why: str
    to_why: str
    title: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    def served_on(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date


@dataclass(frozen=True)
class KeyMember:
    """An MP as the vote matrix's key lists them."""

    member_id: int
    first_name: str
    last_name: str
    party: str
    url: str


@dataclass(frozen=True)
class MatrixKey:
    created: str
    codes: dict[str, int]  # "aye" -> 2, as the key states them
    members: tuple[KeyMember, ...]


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


@dataclass(frozen=True)
class VoteMatrix:
    divisions: tuple[Division, ...]
    votes: tuple[Vote, ...]
    member_ids: tuple[int, ...]  # the matrix's columns
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class PolicyVotes:
    divisions: tuple[PolicyDivision, ...]
    skipped: tuple[Skipped, ...]


def parse_matrix_key(text: str) -> MatrixKey:
    """The key to the vote matrix: when it was made, its value codes and its MPs."""
    created = ""
    codes: dict[str, int] = {}
    members = []
    for line in text.splitlines():
        if line.startswith("file created:"):
            created = line.removeprefix("file created:").split("by http")[0].strip()
        elif match := re.fullmatch(r"\s+(\w+):\s+(-?\d+)", line):
            codes[match[1]] = int(match[2])
        elif re.match(r"\d+\t", line):
            member_id, first, last, party, url = line.split("\t")
            members.append(
                KeyMember(int(member_id), html.unescape(first), html.unescape(last), party, url)
            )
    return MatrixKey(created, codes, tuple(members))


def parse_vote_matrix(text: str, *, body: str = COMMONS) -> VoteMatrix:
    """Divisions and recorded votes of a Public Whip vote matrix (`votematrix-*.dat`)."""
    lines = text.splitlines()
    header = [cell.strip() for cell in lines[0].split("\t")]
    columns = {
        index: int(name.removeprefix("mpid"))
        for index, name in enumerate(header)
        if name.startswith("mpid")
    }
    divisions: dict[DivisionKey, Division] = {}
    votes: list[Vote] = []
    skipped: list[Skipped] = []
    for line_number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        try:
            division = Division(
                date.fromisoformat(cells[1].strip()), int(cells[2]), cells[3].strip(), body
            )
        except (IndexError, ValueError) as error:
            skipped.append(Skipped(line_number, f"not a division row: {error}"))
            continue
        if division.key in divisions:
            skipped.append(Skipped(line_number, f"division {division.key} repeated"))
            continue
        row_votes, bad = _row_votes(cells, columns, division.key)
        if bad:
            skipped.append(Skipped(line_number, f"unknown vote codes {sorted(bad)}"))
            continue
        divisions[division.key] = division
        votes.extend(row_votes)
    return VoteMatrix(
        tuple(divisions.values()), tuple(votes), tuple(columns.values()), tuple(skipped)
    )


def _row_votes(
    cells: list[str], columns: dict[int, int], key: DivisionKey
) -> tuple[list[Vote], set[str]]:
    votes, bad = [], set()
    for index, member_id in columns.items():
        cell = cells[index].strip() if index < len(cells) else ""
        try:
            code = int(cell)
        except ValueError:
            bad.add(cell)
            continue
        if code == MISSING:
            continue
        if code not in HOW_OF_CODE:
            bad.add(cell)
            continue
        votes.append(Vote(member_id, key, HOW_OF_CODE[code]))
    return votes, bad


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        yield reader.line_num, row


def parse_policies(text: str) -> tuple[Policy, ...]:
    """Policies (Public Whip's "dream MPs") from `pw_dyn_dreammp` as CSV."""
    return tuple(
        Policy(int(row["dream_id"]), row["name"].strip(), row["description"].strip())
        for _, row in _csv_rows(text)
    )


POLICY_VOTES = {
    "aye": (Position.AYE, Strength.NORMAL),
    "no": (Position.NO, Strength.NORMAL),
    "aye3": (Position.AYE, Strength.STRONG),
    "no3": (Position.NO, Strength.STRONG),
    "both": (Position.BOTH, Strength.NORMAL),
}


def parse_policy_votes(text: str) -> PolicyVotes:
    """Each policy's divisions with its position and strength, from `pw_dyn_dreamvote` as CSV."""
    kept, skipped = [], []
    for line_number, row in _csv_rows(text):
        if row["vote"] not in POLICY_VOTES:
            skipped.append(Skipped(line_number, f"policy vote {row['vote']!r} is not scored"))
            continue
        try:
            key = DivisionKey(date.fromisoformat(row["division_date"]), int(row["division_number"]))
        except ValueError as error:
            skipped.append(Skipped(line_number, f"bad division date or number: {error}"))
            continue
        position, strength = POLICY_VOTES[row["vote"]]
        kept.append(PolicyDivision(int(row["dream_id"]), key, position, strength, row["house"]))
    return PolicyVotes(tuple(kept), tuple(skipped))


TWFY_ALIGNMENTS = {"agree": Position.AYE, "against": Position.NO}
TWFY_STRENGTHS = {"strong": Strength.STRONG, "weak": Strength.NORMAL}


def parse_twfy_policy(document: Mapping[str, Any]) -> tuple[Policy, PolicyVotes]:
    """A policy as TheyWorkForYou publishes it today (`data/policies/<id>.yml`, already loaded):
    alignment agree/against is our aye/no, strength weak is our normal."""
    policy = Policy(int(document["id"]), document["name"], document["policy_description"])
    kept, skipped = [], []
    for number, link in enumerate(document.get("division_links") or [], start=1):
        decision = link["decision"]
        day = decision["date"]
        try:
            key = DivisionKey(
                day if isinstance(day, date) else date.fromisoformat(str(day)),
                int(decision["division_number"]),
            )
            position = TWFY_ALIGNMENTS[link["alignment"]]
            strength = TWFY_STRENGTHS[link["strength"]]
        except (KeyError, ValueError) as error:
            skipped.append(Skipped(number, f"division link not understood: {error!r}"))
            continue
        kept.append(PolicyDivision(policy.id, key, position, strength, decision["chamber_slug"]))
    return policy, PolicyVotes(tuple(kept), tuple(skipped))


def parse_members(xml: bytes) -> tuple[Member, ...]:
    """Members from parlparse's `all-members-*.xml`, decoded by the encoding it declares."""
    root = ElementTree.fromstring(xml)
    return tuple(_member(element.attrib) for element in root.iter("member"))


def _member(attributes: dict[str, str]) -> Member:
    datadotparl = attributes.get("datadotparl_id")
    return Member(
        member_id=int(attributes["id"].rsplit("/", 1)[1]),
        person_id=None,
        datadotparl_id=int(datadotparl) if datadotparl else None,
        first_name=attributes["firstname"],
        last_name=attributes["lastname"],
        party=attributes["party"],
        constituency=attributes["constituency"],
        from_date=date.fromisoformat(attributes["fromdate"]),
        to_date=date.fromisoformat(attributes["todate"]),
        from_why=attributes["fromwhy"],
        to_why=attributes["towhy"],
        title=attributes.get("title", ""),
    )


def join_person_ids(
    members: Iterable[Member], popolo: Mapping[str, Any]
) -> tuple[tuple[Member, ...], tuple[Member, ...]]:
    """Members with their parlparse person id (EveryPolitician's `everypolitician_legacy`),
    joined by datadotparl_id, or where a member has none, by the seat and the spell's dates;
    then those left without one."""
    person_of_datadotparl, person_of_spell = _popolo_people(popolo)
    joined, unjoined = [], []
    for member in members:
        spell = (member.constituency, member.from_date, member.to_date)
        person = person_of_datadotparl.get(member.datadotparl_id or 0) or person_of_spell.get(spell)
        if person is None:
            unjoined.append(member)
        else:
            joined.append(replace(member, person_id=person))
    return tuple(joined), tuple(unjoined)


def _popolo_people(
    popolo: Mapping[str, Any],
) -> tuple[dict[int, int], dict[tuple[str, date, date], int]]:
    legacy, by_datadotparl = {}, {}
    for person in popolo["persons"]:
        schemes = {item["scheme"]: item["identifier"] for item in person.get("identifiers", [])}
        if "everypolitician_legacy" in schemes:
            legacy[person["id"]] = int(schemes["everypolitician_legacy"])
            if "datadotparl" in schemes:
                by_datadotparl[int(schemes["datadotparl"])] = legacy[person["id"]]
    area_name = {area["id"]: area["name"] for area in popolo["areas"]}
    # A membership leaves out its dates where they are those of its legislative period.
    period = {event["id"]: event for event in popolo.get("events", [])}
    by_spell = {}
    for membership in popolo["memberships"]:
        term = period.get(membership.get("legislative_period_id", ""), {})
        start = membership.get("start_date") or term.get("start_date")
        end = membership.get("end_date") or term.get("end_date")
        if membership["person_id"] in legacy and start and end:
            seat = area_name.get(membership.get("area_id", ""), "")
            spell = (seat, date.fromisoformat(start), date.fromisoformat(end))
            by_spell[spell] = legacy[membership["person_id"]]
    return by_datadotparl, by_spell


def votes_by_member(votes: Iterable[Vote]) -> dict[int, dict[DivisionKey, How]]:
    """Each member's recorded votes, by division."""
    by_member: dict[int, dict[DivisionKey, How]] = {}
    for vote in votes:
        by_member.setdefault(vote.member_id, {})[vote.division] = vote.how
    return by_member


def read_matrix_key(path: Path) -> MatrixKey:
    return parse_matrix_key(path.read_text(encoding="utf-8"))


def read_vote_matrix(path: Path) -> VoteMatrix:
    return parse_vote_matrix(path.read_text(encoding="utf-8"))


def read_policies(path: Path) -> tuple[Policy, ...]:
    return parse_policies(path.read_text(encoding="utf-8", newline=""))


def read_policy_votes(path: Path) -> PolicyVotes:
    return parse_policy_votes(path.read_text(encoding="utf-8", newline=""))


def read_members(path: Path) -> tuple[Member, ...]:
    return parse_members(path.read_bytes())
