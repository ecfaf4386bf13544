"""Public Whip's vote matrix (`votematrix-*.dat`) and its key (`votematrix-*.txt`)."""

import html
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .model import (
    COMMONS,
    HOW_OF_CODE,
    MISSING,
    Division,
    DivisionKey,
    How,
    KeyMember,
    MatrixKey,
    Skipped,
    Vote,
    VoteMatrix,
)


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
