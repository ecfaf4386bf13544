"""Condorcet voting with Schulze completion, by Debian's constitution (appendix A.6).

- V(A, B) counts voters who rank A above B. An option a voter leaves unranked counts as ranked
  below every option they ranked; two unranked (or equally ranked) options get no preference.
- With a default option ("None of the above", "Further discussion"), and a quorum R, every other
  option that fewer than R voters rank above the default is dropped (A.6 (2)); R is a number of
  votes (Debian's 3Q, 1.5 x the square root of the number of developers, section 4.2 (7)).
- Then every option that does not defeat the default by its required majority ratio N is
  dropped: A stays if V(A, D) > V(D, A) and V(A, D) >= N x V(D, A) (N = 1 unless a
  supermajority is required, e.g. 3:1 for a constitutional amendment; A.6 (3)).
- Among what is left, A defeats B if V(A, B) > V(B, A); a defeat is stronger than another if it has
  more votes for the winner, or as many and fewer against. A path is as strong as its weakest
  defeat; A ranks above B if A's strongest path to B beats B's strongest path to A.
- Where Debian leaves a tie to the casting vote of the chair, this count uses the Election's lot
  order (ballot order by default), and says so in the result's notes.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .model import CountingError, Election, RankingMatrix, SchulzeResult

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
    """Options from first to last by the Schulze relation (beats more = higher), ties by lot."""

    def beaten(a: int) -> int:
        return sum(1 for b in options if b != a and strength[a, b] > strength[b, a])

    return sorted(options, key=lambda a: (-beaten(a), lot_rank[a]))


def count_schulze(
    election: Election,
    majority_ratio: dict[int, Fraction] | None = None,
    quorum: Fraction | int | None = None,
) -> SchulzeResult:
    """Count a Condorcet vote with Schulze completion by the Debian constitution A.6.

    `majority_ratio` maps an option to its supermajority (3 for 3:1); `quorum` is the number of
    votes an option needs ranking it above the default option. Both need a default option.
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
    if len(winners) > 1:
        notes.append(
            "tie between "
            + ", ".join(election.candidates[c] for c in winners)
            + "; decided by the lot order in place of the chair's casting vote"
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
    )


def _drop_against_default(
    election: Election,
    matrix: np.ndarray,
    options: list[int],
    majority_ratio: dict[int, Fraction] | None,
    quorum: Fraction | int | None,
) -> tuple[list[int], list[str]]:
    """Options dropped for the quorum (A.6 (2)) or the majority over the default (A.6 (3)), and
    a note for each drop that a plain "does not defeat the default option" would not explain."""
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
        if quorum is not None and for_ < quorum:
            dropped.append(option)
            notes.append(
                f"{names[option]} dropped: {for_} votes above {names[default]}, "
                f"short of the quorum of {_number(quorum)}"
            )
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
