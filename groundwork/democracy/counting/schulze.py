"""Condorcet voting with Schulze completion, by Debian's constitution (appendix A.6).

Checked against the constitution's own text: v1.4 (2007) and v1.7 (2016) of A.6, 4.2 and 5.2,
and the 2015 amendment to A.6 (3) (see the tests in tests/counting/test_debian_constitution.py).

- A.6 (1): unranked options count as ranked below every ranked option and equal to one another;
  voters may rank options equally. V(A, B) counts the voters who rank A above B.
- A.6 (2): with a default option D ("None Of The Above" for leader elections, 5.2 (7);
  "Further Discussion" for a general resolution unless specified otherwise, A.3 (3)) and a quorum
  R, every other option that does not receive *at least* R votes ranking it above D is dropped.
  R is a number of votes: Debian's quorum is 3Q (4.2 (4)), Q being half the square root of the
  number of current developers, not rounded (4.2 (7)); so R = 1.5 x sqrt(developers).
- A.6 (3): then every option that does not defeat D by its required majority ratio N is dropped.
  Since the 2015 amendment: A defeats D by N if V(A, D) >= N x V(D, A) *and* V(A, D) > V(D, A).
  (Before it, up to v1.5, the test was V(A, D) > N x V(D, A), so a supermajority met exactly was
  not enough; with N = 1, as in leader elections, the two read the same.) The constitution writes
  N as S for an S:1 supermajority (3:1 to amend the constitution, 4.1 (2)); N:M here is read as
  M x V(A, D) >= N x V(D, A). D itself is never dropped, so when nothing else survives D wins.
- A.6 (4)-(8): among the options left (dropped ones take no further part), A defeats B if
  V(A, B) > V(B, A); a defeat is weaker than another if it has fewer votes for its winner, or as
  many and more against (A.6 (7)(1)). The text then builds the Schwartz set and drops the weakest
  defeats inside it until none are left. This count uses Schulze's equivalent beat-path form: a
  path is as strong as its weakest defeat, and A ranks above B if A's strongest path to B is
  stronger than B's strongest path to A. A test compares it with a step-by-step reading of the
  text on random ballots, equal rankings included.
- A.6 (8): if several options are left, "the elector with the casting vote chooses" (the Project
  Leader for developers' votes, 4.2 (4) and 5.1 (7)). This count takes the first of them in the
  Election's lot order (ballot order by default; enter the casting voter's order to follow the
  constitution exactly), and says so in the result's notes.
"""
# unverified: the 2022 rewrite of appendix A (v1.8, January 2022; v1.9, March 2022) could not be
# read for this check: whether it renumbered or reworded A.6 (2)-(8) is not confirmed. The rules
# above are those of v1.4 and v1.7.

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .model import CountingError, Election, RankingMatrix, SchulzeResult, Tie

_NO_PATH = (-1, 0)


def _positions(election: Election) -> tuple[np.ndarray, np.ndarray]:
    """Rank level of each option on each ballot (unranked = below all), with ballot weights."""
    n = len(election.candidates)
    ballots = election.ballots
    dtype = np.int8 if n < 120 else np.int16  # narrow levels make the comparisons cheap
    if isinstance(ballots, RankingMatrix):
        rankings = np.asarray(ballots.rankings)
        weights = np.asarray(ballots.weights, dtype=np.int64)
        # Padding (-1) writes into a spare last column, dropped afterwards: no masking needed.
        levels = np.full((len(rankings), n + 1), n + 1, dtype=dtype)
        columns = np.where(rankings < 0, n, rankings)
        levels[np.arange(len(rankings))[:, None], columns] = np.arange(
            rankings.shape[1], dtype=dtype
        )
        levels = levels[:, :n]
    else:
        levels = np.full((len(ballots), n), n + 1, dtype=dtype)
        weights = np.empty(len(ballots), dtype=np.int64)
        for row, ballot in enumerate(ballots):
            level = -1
            for position, option in enumerate(ballot.ranking):
                if position not in ballot.tied_positions:
                    level += 1
                levels[row, option] = level
            weights[row] = ballot.weight
    levels[:, list(election.withdrawn)] = n + 1
    return levels, weights


def pairwise_matrix(election: Election) -> np.ndarray:
    """V[A, B]: how many voters rank A above B (unranked options below every ranked one)."""
    levels, weights = _positions(election)
    n = len(election.candidates)
    unit_weights = bool((weights == 1).all())
    matrix = np.zeros((n, n), dtype=np.int64)
    # Columns are contiguous copies so each pair compares two flat arrays.
    columns = [np.ascontiguousarray(levels[:, option]) for option in range(n)]
    for a in range(n):
        for b in range(a + 1, n):
            above, below = columns[a] < columns[b], columns[b] < columns[a]
            if unit_weights:
                matrix[a, b], matrix[b, a] = np.count_nonzero(above), np.count_nonzero(below)
            else:
                matrix[a, b], matrix[b, a] = weights @ above, weights @ below
    return matrix


def _strongest_paths(matrix: np.ndarray, options: list[int]) -> dict[tuple[int, int], tuple]:
    """Schulze's widest paths over the given options, strengths as (votes for, -votes against)."""
    strength: dict[tuple[int, int], tuple[int, int]] = {}
    for a in options:
        for b in options:
            if a != b:
                wins, losses = int(matrix[a, b]), int(matrix[b, a])
                strength[a, b] = (wins, -losses) if wins > losses else _NO_PATH
    for via in options:
        for a in options:
            if a == via:
                continue
            for b in options:
                if b in (a, via):
                    continue
                through = min(strength[a, via], strength[via, b])
                if through > strength[a, b]:
                    strength[a, b] = through
    return strength


def _order(options: list[int], strength: dict, lot_rank: list[int]) -> list[int]:
    """Options from first to last by the Schulze relation, ties by lot.

    The unbeaten options (the winners, A.6 (8)) come first, in lot order, so that the lot order
    alone stands in for the casting vote; then the rest, those that beat more options higher.
    Both orders respect the relation: nobody beats a winner, and one that beats another also beats
    everything that one beats (the relation is transitive).
    """

    def beaten(a: int) -> int:
        return sum(1 for b in options if b != a and strength[a, b] > strength[b, a])

    def unbeaten(a: int) -> bool:
        return all(strength[a, b] >= strength[b, a] for b in options if b != a)

    return sorted(
        options,
        key=lambda a: (0, 0, lot_rank[a]) if unbeaten(a) else (1, -beaten(a), lot_rank[a]),
    )


def count_schulze(
    election: Election,
    majority_ratio: dict[int, Fraction] | None = None,
    quorum: Fraction | int | None = None,
) -> SchulzeResult:
    """Count a Condorcet vote with Schulze completion by the Debian constitution A.6.

    `majority_ratio` maps an option to its required majority ratio (3 for 3:1; met exactly is
    enough, A.6 (3)); `quorum` is the number of votes ranking an option above the default option
    that it needs at least (A.6 (2)). Both need a default option.
    """
    n = len(election.candidates)
    if n < 1:
        raise CountingError("a vote needs at least one option")
    if not isinstance(election.ballots, RankingMatrix):
        for ballot in election.ballots:
            if len(set(ballot.ranking)) != len(ballot.ranking):
                raise CountingError("a ballot ranks one option twice")
    matrix = pairwise_matrix(election)
    options = [c for c in range(n) if c not in election.withdrawn]
    default = election.default_option
    if quorum is not None and default is None:
        raise CountingError(
            "a quorum counts votes above the default option, and this vote has none "
            "('None of the above' or 'Further discussion')"
        )
    dropped, notes = _drop_against_default(election, matrix, options, majority_ratio, quorum)
    kept = [c for c in options if c not in dropped]
    lot_rank = election.lot_rank()
    strength = _strongest_paths(matrix, kept)
    ranking = _order(kept, strength, lot_rank)
    if dropped:
        ranking += _order(dropped, _strongest_paths(matrix, dropped), lot_rank)
    winners = [a for a in kept if all(strength[a, b] >= strength[b, a] for b in kept if b != a)]
    ties: tuple[Tie, ...] = ()
    if len(winners) > 1:
        tied = tuple(winners)
        ties = (Tie(None, "winner", tied, (), (ranking[0],), "lot", drawn_among=tied),)
        notes.append(
            "tie between "
            + ", ".join(election.candidates[c] for c in winners)
            + "; decided by the lot order in place of the casting vote (Debian A.6 (8))"
        )
    full = _strongest_paths(matrix, options)
    # Report the winning-votes strength of each strongest path (0 where there is none).
    paths = tuple(tuple(max(full.get((a, b), _NO_PATH)[0], 0) for b in range(n)) for a in range(n))
    return SchulzeResult(
        method="schulze",
        candidates=election.candidates,
        valid_votes=_valid_votes(election),
        pairwise=tuple(map(tuple, matrix.tolist())),
        strongest_paths=paths,
        ranking=tuple(ranking),
        dropped=tuple(dropped),
        winner=ranking[0] if ranking else None,
        tied_winners=tuple(winners),
        notes=tuple(notes),
        ties=ties,
        lot_order=election.lot_order_used(),
        lot_seed=election.lot_seed_used(),
    )


def _drop_against_default(
    election: Election,
    matrix: np.ndarray,
    options: list[int],
    majority_ratio: dict[int, Fraction] | None,
    quorum: Fraction | int | None,
) -> tuple[list[int], list[str]]:
    """Options dropped for the quorum (A.6 (2)) or the majority over the default (A.6 (3)), and
    a note for each drop that a plain "does not defeat the default option" would not explain.

    Both tests compare an option only with the default option, so their order does not matter,
    and an option dropped here takes no part in the pairwise defeats that follow (A.6 (4)).
    """
    default = election.default_option
    if default is None:
        return [], []
    names = election.candidates
    notes = [] if quorum is None else [f"quorum: {_number(quorum)} votes above {names[default]}"]
    dropped: list[int] = []
    for option in options:
        if option == default:
            continue
        ratio = Fraction((majority_ratio or {}).get(option, 1))
        for_, against = int(matrix[option, default]), int(matrix[default, option])
        # A.6 (2): "at least R votes ranking that option above the default option".
        if quorum is not None and for_ < quorum:
            dropped.append(option)
            notes.append(
                f"{names[option]} dropped: {for_} votes above {names[default]}, "
                f"short of the quorum of {_number(quorum)}"
            )
        # A.6 (3)(2), as amended in 2015: V(A,D) >= N * V(D,A) and V(A,D) > V(D,A).
        elif not (for_ > against and for_ >= ratio * against):
            dropped.append(option)
            if ratio != 1:
                notes.append(
                    f"{names[option]} dropped: {for_} to {against} over {names[default]}, "
                    f"short of the {ratio.numerator}:{ratio.denominator} majority it needs"
                )
    return dropped, notes


def _number(value: Fraction | int) -> str:
    """A quorum as people write it: 93.5 or 40, not 187/2."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _valid_votes(election: Election) -> int:
    """Number of ballots cast (each weighted)."""
    if isinstance(election.ballots, RankingMatrix):
        return int(np.asarray(election.ballots.weights).sum())
    return sum(ballot.weight for ballot in election.ballots)


def condorcet_winner(matrix: np.ndarray) -> int | None:
    """The option that beats every other head to head, if there is one."""
    n = len(matrix)
    for a in range(n):
        if all(matrix[a, b] > matrix[b, a] for b in range(n) if b != a):
            return a
    return None
