"""Policies and their divisions: Public Whip's `pw_dyn_dreammp` and `pw_dyn_dreamvote` as CSV,
and TheyWorkForYou's current policy files."""

import csv
import io
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from .model import DivisionKey, Policy, PolicyDivision, PolicyVotes, Position, Skipped, Strength


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


def read_policies(path: Path) -> tuple[Policy, ...]:
    return parse_policies(path.read_text(encoding="utf-8", newline=""))


def read_policy_votes(path: Path) -> PolicyVotes:
    return parse_policy_votes(path.read_text(encoding="utf-8", newline=""))
