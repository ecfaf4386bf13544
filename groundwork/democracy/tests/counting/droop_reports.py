"""Read droop's reference count reports into comparable stages (test support, not a test).

A droop report is a log of actions, each followed by a snapshot of every candidate's vote. The
stages of an official report correspond to droop's transfer actions (Scottish rule) or rounds
(Meek), and the elections/exclusions logged in between belong to the stage they follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_CANDIDATE = re.compile(r"^\t(Hopeful|Elected|Pending|Defeated|Withdrawn):\s+(.*) \(([-\d.]+)\)$")
_SUMMARY = re.compile(r"^\t(Nontransferable votes|Residual|Quota|Seats|Ballots): ([-\d.]+)$")


@dataclass
class ReferenceStage:
    """Votes per candidate as printed, plus who was elected and excluded at this stage."""

    votes: dict[str, str] = field(default_factory=dict)
    nontransferable: str | None = None
    residual: str | None = None
    elected: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


@dataclass
class ReferenceReport:
    """A parsed report: seats, ballots, initial quota and the stages."""

    seats: int
    ballots: int
    quota: str
    stages: list[ReferenceStage]


def _snapshots(text: str) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """Split a report into (action, candidate votes, summary values) in order."""
    entries: list[tuple[str, dict[str, str], dict[str, str]]] = [("header", {}, {})]
    for line in text.splitlines():
        if line.startswith("Action: "):
            entries.append((line[len("Action: ") :], {}, {}))
        elif line.startswith("Round "):
            entries.append((line, {}, {}))
        elif found := _CANDIDATE.match(line):
            for name in (
                found.group(2).split(", ") if found.group(1) == "Defeated" else [found.group(2)]
            ):
                entries[-1][1][name] = found.group(3)
        elif found := _SUMMARY.match(line):
            entries[-1][2][found.group(1)] = found.group(2)
    return entries


def read_scottish_report(path: Path) -> ReferenceReport:
    """Stages of a droop `scotland` report: first preferences, then one per transfer."""
    entries = _snapshots(path.read_text(encoding="utf-8"))
    header = entries[0][2]
    stages: list[ReferenceStage] = []
    for action, votes, summary in entries[1:]:
        kind, _, name = action.partition(": ")
        if kind in ("Begin Count", "Surplus transferred", "Transfer defeated"):
            stage = ReferenceStage(
                votes=dict(votes),
                nontransferable=summary.get("Nontransferable votes"),
                residual=summary.get("Residual"),
            )
            if kind == "Transfer defeated":
                stage.excluded.append(name)
            stages.append(stage)
        elif kind in ("Elect, transfer pending", "Elect remaining candidates"):
            stages[-1].elected.append(name)
    return ReferenceReport(int(header["Seats"]), int(header["Ballots"]), header["Quota"], stages)


def read_meek_report(path: Path) -> ReferenceReport:
    """Stages of a droop `meek` report: first preferences, then one per round.

    A round's votes are its first snapshot: the distribution at the end of its iteration.
    """
    entries = _snapshots(path.read_text(encoding="utf-8"))
    header = entries[0][2]
    stages: list[ReferenceStage] = []
    for action, votes, summary in entries[1:]:
        kind, _, name = action.partition(": ")
        if kind == "Begin Count" or action.startswith("Round "):
            stages.append(ReferenceStage())
        stage = stages[-1]
        if votes and not stage.votes:
            stage.votes = dict(votes)
            stage.residual = summary.get("Residual")
        if kind in ("Elect", "Elect remaining"):
            stage.elected.append(name)
        elif kind.startswith("Defeat") and kind != "Defeat remaining":
            stage.excluded.append(name)
    return ReferenceReport(int(header["Seats"]), int(header["Ballots"]), header["Quota"], stages)
