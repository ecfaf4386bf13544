"""Single transferable vote by the Scottish Local Government Elections Order 2007 (SSI 2007/42).

Rules 45-52: Droop quota floor(valid / (seats + 1)) + 1; a candidate with the quota is elected;
surpluses are transferred largest first by the weighted inclusive Gregory method, each paper's new
value being (surplus x value) / total, truncated to 5 decimal places (rule 48(3)); otherwise the
lowest candidate is excluded and all their papers pass on at their current value; when as many
candidates continue as seats remain, they are elected (rule 52). Ties (rules 49 and 51): the
candidates' votes at the most recent earlier stage where they differed decide, else lot.

The stage sequence follows droop's reference implementation (jklundell/droop, rule `scotland`),
so that its published reports can be compared stage by stage: a candidate who reaches exactly the
quota still gets a (zero) surplus stage, and after an exclusion the count ends as soon as the
continuing candidates fit the remaining seats, electing them together in ballot-paper order.
"Lot" is the Election's lot order (by default the order of the ballot paper): the first candidate
in it is chosen, so the same ballots always give byte-identical results.
"""

from __future__ import annotations

import numpy as np

from .model import CountingError, CountResult, Election, RankingMatrix, Stage
from .piles import Piles

PLACES = 5
UNIT = 10**PLACES


def break_tie(
    tied: list[int], history: list[np.ndarray], highest: bool, lot_rank: list[int]
) -> tuple[int, str | None]:
    """Pick one of tied candidates by the most recent stage where they differed, else by lot.

    Like droop, each earlier stage is looked at with the whole tied group: the first stage (going
    back) at which one candidate alone is highest (or lowest) decides.
    """
    if len(tied) == 1:
        return tied[0], None
    at_extreme = tied
    for votes in reversed(history):
        values = [int(votes[c]) for c in tied]
        target = max(values) if highest else min(values)
        at_extreme = [c for c, v in zip(tied, values, strict=True) if v == target]
        if len(at_extreme) == 1:
            return at_extreme[0], "prior stage"
    return min(at_extreme, key=lot_rank.__getitem__), "lot"


def count_scottish_stv(election: Election, ballots: RankingMatrix | None = None) -> CountResult:
    """Count an STV election by the Scottish Order 2007, stage by stage."""
    n = len(election.candidates)
    seats = election.seats
    if seats < 1:
        raise CountingError("an STV election needs at least one seat")
    piles = Piles(ballots if ballots is not None else election, n, election.withdrawn, UNIT)
    valid = piles.valid_votes
    quota = (valid // (seats + 1) + 1) * UNIT
    lot_rank = election.lot_rank()
    hopeful = [c for c in range(n) if c not in election.withdrawn]
    elected: list[int] = []
    pending: list[int] = []
    settled: set[int] = set()  # elected candidates whose surplus has gone: they hold the quota
    history: list[np.ndarray] = []
    stages: list[dict] = []
    lost = 0

    def record(kind: str, subject: int | None, notes: list[str]) -> np.ndarray:
        tally = piles.tally()
        votes = tally[:n].copy()
        votes[list(settled)] = quota
        history.append(votes)
        stages.append(
            {
                "kind": kind,
                "subject": subject,
                "votes": votes,
                "exhausted": int(tally[n]),
                "lost": lost,
                "elected": [],
                "excluded": [subject] if kind == "exclusion" else [],
                "notes": notes,
            }
        )
        return votes

    def complete() -> bool:
        left = seats - len(elected)
        return left <= 0 or len(hopeful) <= left

    votes = record("first preferences", None, [])
    while True:
        # Several may reach the quota at one stage: they are listed most votes first, equal votes
        # in droop's order (reverse lot order). Only the listing depends on it: which surplus
        # goes first is settled below by rule 49.
        reached = sorted(
            (c for c in hopeful if votes[c] >= quota), key=lambda c: (-votes[c], -lot_rank[c])
        )
        for candidate in reached:
            hopeful.remove(candidate)
            elected.append(candidate)
            pending.append(candidate)
            piles.remove(candidate)
            stages[-1]["elected"].append(candidate)
        if complete():
            break
        if pending:
            top = max(int(votes[c]) for c in pending)
            chosen, how = break_tie(
                [c for c in pending if votes[c] == top], history, True, lot_rank
            )
            pending.remove(chosen)
            surplus = int(votes[chosen]) - quota
            rows = piles.papers_of(chosen)
            # Rule 48(3): value x surplus / total, to five places, remainder ignored.
            new_values = piles.value[rows] * surplus // int(votes[chosen])
            lost += surplus - piles.transfer(rows, new_values)
            settled.add(chosen)
            notes = [f"tie for largest surplus broken by {how}"] if how else []
            votes = record("surplus", chosen, notes)
            continue
        low = min(int(votes[c]) for c in hopeful)
        chosen, how = break_tie([c for c in hopeful if votes[c] == low], history, False, lot_rank)
        hopeful.remove(chosen)
        piles.remove(chosen)
        piles.transfer(piles.papers_of(chosen))
        votes = record("exclusion", chosen, [f"tie for exclusion broken by {how}"] if how else [])
        if complete():
            break
    if len(hopeful) <= seats - len(elected):
        # Rule 52: the continuing candidates fill the last vacancies, in ballot-paper order.
        for candidate in list(hopeful):
            hopeful.remove(candidate)
            elected.append(candidate)
            stages[-1]["elected"].append(candidate)
    return CountResult(
        method="stv-scottish",
        candidates=election.candidates,
        seats=seats,
        valid_votes=valid,
        places=PLACES,
        quota=quota,
        elected=tuple(elected),
        withdrawn=election.withdrawn,
        stages=tuple(_stage(s) for s in stages),
    )


def _stage(raw: dict) -> Stage:
    """Freeze a stage built up during the count."""
    return Stage(
        kind=raw["kind"],
        subject=raw["subject"],
        votes=tuple(int(v) for v in raw["votes"]),
        exhausted=raw["exhausted"],
        lost_to_rounding=raw["lost"],
        elected=tuple(raw["elected"]),
        excluded=tuple(raw["excluded"]),
        notes=tuple(raw["notes"]),
    )
