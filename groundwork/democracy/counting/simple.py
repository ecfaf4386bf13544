"""Yes/no/abstain decisions with a quorum and a threshold, and approval voting."""

from __future__ import annotations

from fractions import Fraction

from .model import (
    CountingError,
    CountResult,
    Election,
    MajorityResult,
    RankingMatrix,
    Stage,
    Tie,
)
from .piles import ranking_matrix

SIMPLE_MAJORITY = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)


def decide_majority(
    *,
    yes: int,
    no: int,
    abstain: int,
    electorate: int,
    quorum: Fraction = Fraction(0),
    threshold: Fraction = SIMPLE_MAJORITY,
) -> MajorityResult:
    """Decide a motion: quorum is a share of the electorate, threshold a share of yes + no.

    Abstentions count towards the quorum (the member took part) but not towards the threshold
    (they took no side). The motion passes when yes > no and yes >= threshold x (yes + no): with
    1/2 that is "more yes than no", with 2/3 "at least two thirds of those taking a side".
    """
    if min(yes, no, abstain) < 0 or electorate < 0:
        raise CountingError("vote counts and the electorate cannot be negative")
    if yes + no + abstain > electorate:
        raise CountingError(f"{yes + no + abstain} votes cast but the electorate is {electorate}")
    if not (0 <= quorum <= 1 and 0 < threshold <= 1):
        raise CountingError("quorum must be between 0 and 1, threshold above 0 and at most 1")
    turnout = yes + no + abstain
    quorum_met = turnout >= quorum * electorate
    if not quorum_met:
        reason = f"quorum not met: {turnout} of {electorate} took part, {quorum} needed"
        passed = False
    elif yes > no and yes >= threshold * (yes + no):
        passed, reason = True, f"passed: {yes} yes of {yes + no} taking a side, {threshold} needed"
    else:
        passed, reason = (
            False,
            f"rejected: {yes} yes of {yes + no} taking a side, {threshold} needed",
        )
    return MajorityResult(
        yes=yes,
        no=no,
        abstain=abstain,
        electorate=electorate,
        quorum=quorum,
        threshold=threshold,
        quorum_met=quorum_met,
        passed=passed,
        reason=reason,
    )


def count_approval(election: Election) -> CountResult:
    """Count approval ballots: every candidate listed on a ballot gets its weight; top `seats` win.

    Equal approval totals are ordered by the lot order (ballot order by default), and the tie is
    noted, so the result is always the same for the same ballots.
    """
    n = len(election.candidates)
    totals = [0] * n
    if isinstance(election.ballots, RankingMatrix):
        matrix = ranking_matrix(election)
        for column in matrix.rankings.T:
            for candidate in range(n):
                totals[candidate] += int(matrix.weights[column == candidate].sum())
    else:
        for ballot in election.ballots:
            for candidate in set(ballot.ranking):
                totals[candidate] += ballot.weight
    for candidate in election.withdrawn:
        totals[candidate] = 0
    lot_rank = election.lot_rank()
    running = [c for c in range(n) if c not in election.withdrawn]
    order = sorted(running, key=lambda c: (-totals[c], lot_rank[c]))
    elected = tuple(order[: election.seats])
    notes: tuple[str, ...] = ()
    ties: tuple[Tie, ...] = ()
    if (
        len(order) > election.seats
        and election.seats
        and totals[order[election.seats - 1]] == totals[order[election.seats]]
    ):
        notes = ("the last seat was tied on approvals and decided by the lot order",)
        level = totals[order[election.seats]]
        tied = tuple(c for c in running if totals[c] == level)
        ties = (
            Tie(
                1,
                "last seat",
                tied,
                tuple(totals[c] for c in tied),
                tuple(c for c in elected if c in tied),
                "lot",
                drawn_among=tied,
            ),
        )
    valid = (
        sum(b.weight for b in election.ballots)
        if not isinstance(election.ballots, RankingMatrix)
        else int(election.ballots.weights.sum())
    )
    stage = Stage(
        kind="approvals",
        subject=None,
        votes=tuple(totals),
        exhausted=0,
        lost_to_rounding=0,
        elected=elected,
    )
    return CountResult(
        method="approval",
        candidates=election.candidates,
        seats=election.seats,
        valid_votes=valid,
        places=0,
        quota=None,
        elected=elected,
        stages=(stage,),
        withdrawn=election.withdrawn,
        notes=notes,
        ties=ties,
        lot_order=election.lot_order_used(),
        lot_seed=election.lot_seed_used(),
    )
