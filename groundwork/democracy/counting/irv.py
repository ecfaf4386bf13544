"""Alternative vote (instant-runoff): exclude the lowest until one has a majority of live votes.

A candidate wins on more than half of the votes still held by continuing candidates (papers with
no further preference drop out of the denominator). Ties for exclusion are broken as in the
Scottish rules (most recent stage where they differed, then lot), so a one-seat Scottish STV count
and this count always agree on the winner.
"""

from __future__ import annotations

from .model import CountingError, CountResult, Election, Stage, Tie
from .piles import Piles
from .scottish import break_tie, tie_note


def count_irv(election: Election) -> CountResult:
    """Count a single-winner election by the alternative vote, one stage per exclusion."""
    n = len(election.candidates)
    piles = Piles(election, n, election.withdrawn, unit=1)
    if piles.valid_votes == 0:
        raise CountingError("no valid ballots to count")
    hopeful = [c for c in range(n) if c not in election.withdrawn]
    lot_rank = election.lot_rank()
    history = []
    stages: list[Stage] = []
    ties: list[Tie] = []
    excluded: int | None = None
    notes: tuple[str, ...] = ()
    while True:
        tally = piles.tally()
        votes = tally[:n]
        history.append(votes)
        live = int(sum(votes[c] for c in hopeful))
        leader = max(hopeful, key=lambda c: (votes[c], -lot_rank[c]))
        won = 2 * int(votes[leader]) > live or len(hopeful) == 1
        stages.append(
            Stage(
                kind="first preferences" if excluded is None else "exclusion",
                subject=excluded,
                votes=tuple(int(v) for v in votes),
                exhausted=int(tally[n]),
                lost_to_rounding=0,
                elected=(leader,) if won else (),
                excluded=() if excluded is None else (excluded,),
                notes=notes,
            )
        )
        if won:
            break
        low = min(int(votes[c]) for c in hopeful)
        excluded, tie = break_tie(
            [c for c in hopeful if votes[c] == low], history, False, lot_rank, "exclusion"
        )
        ties.extend([tie] if tie else [])
        notes = tuple(tie_note(tie))
        hopeful.remove(excluded)
        piles.remove(excluded)
        piles.transfer(piles.papers_of(excluded))
    return CountResult(
        method="irv",
        candidates=election.candidates,
        seats=1,
        valid_votes=piles.valid_votes,
        places=0,
        quota=None,
        elected=(leader,),
        stages=tuple(stages),
        withdrawn=election.withdrawn,
        ties=tuple(ties),
        lot_order=election.lot_order_used(),
        lot_seed=election.lot_seed_used(),
    )
