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
"Lot" is the Election's lot order (given, drawn from its public seed as lot.py explains, or else
the order of the ballot paper): the first candidate in it is chosen, so the same ballots and seed
always give byte-identical results. Every tie broken is recorded in the result's `ties`.
"""

from __future__ import annotations

import numpy as np

from .model import CountingError, CountResult, Election, RankingMatrix, Stage, Tie
from .piles import Piles

PLACES = 5
UNIT = 10**PLACES


def break_tie(
    tied: list[int], history: list[np.ndarray], highest: bool, lot_rank: list[int], decision: str
) -> tuple[int, Tie | None]:
    """Pick one of tied candidates by the most recent stage where they differed, else by lot.

    Like droop, each earlier stage is looked at with the whole tied group: the first stage (going
    back) at which one candidate alone is highest (or lowest) decides. The lot then chooses among
    those highest (or lowest) at the first stage. `history` holds the votes of every stage so
    far, the tied one last; the Tie says what was decided (None when nobody was tied).
    """
    if len(tied) == 1:
        return tied[0], None
    tied = sorted(tied)  # recorded in ballot-paper order; what is chosen does not depend on it
    stage = len(history)
    votes_now = tuple(int(history[-1][c]) for c in tied)
    at_extreme = tied
    for index in range(len(history) - 1, -1, -1):
        values = [int(history[index][c]) for c in tied]
        target = max(values) if highest else min(values)
        at_extreme = [c for c, v in zip(tied, values, strict=True) if v == target]
        if len(at_extreme) == 1:
            chosen = at_extreme[0]
            return chosen, Tie(
                stage,
                decision,
                tuple(tied),
                votes_now,
                (chosen,),
                "earlier stage",
                earlier_stage=index + 1,
                earlier_votes=tuple(values),
            )
    chosen = min(at_extreme, key=lot_rank.__getitem__)
    return chosen, Tie(
        stage, decision, tuple(tied), votes_now, (chosen,), "lot", drawn_among=tuple(at_extreme)
    )


def tie_note(tie: Tie | None) -> list[str]:
    """The stage's note on a tie, worded as before ties were recorded as data."""
    if tie is None:
        return []
    how = "prior stage" if tie.settled_by == "earlier stage" else "lot"
    what = "largest surplus" if tie.decision == "surplus" else tie.decision
    return [f"tie for {what} broken by {how}"]


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
    ties: list[Tie] = []
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
            chosen, tie = break_tie(
                [c for c in pending if votes[c] == top], history, True, lot_rank, "surplus"
            )
            pending.remove(chosen)
            surplus = int(votes[chosen]) - quota
            rows = piles.papers_of(chosen)
            # Rule 48(3): value x surplus / total, to five places, remainder ignored.
            new_values = piles.value[rows] * surplus // int(votes[chosen])
            lost += surplus - piles.transfer(rows, new_values)
            settled.add(chosen)
            ties.extend([tie] if tie else [])
            votes = record("surplus", chosen, tie_note(tie))
            continue
        low = min(int(votes[c]) for c in hopeful)
        chosen, tie = break_tie(
            [c for c in hopeful if votes[c] == low], history, False, lot_rank, "exclusion"
        )
        ties.extend([tie] if tie else [])
        hopeful.remove(chosen)
        piles.remove(chosen)
        piles.transfer(piles.papers_of(chosen))
        votes = record("exclusion", chosen, tie_note(tie))
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
        ties=tuple(ties),
        lot_order=election.lot_order_used(),
        lot_seed=election.lot_seed_used(),
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
