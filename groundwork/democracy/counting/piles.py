"""Ballot papers as numpy arrays, grouped by identical ranking, for transfer-based counts.

Why arrays: a count of a million papers touches each paper a handful of times; doing that in numpy
rather than in Python objects is what makes a million-ballot STV count take well under a second.
Why grouping: papers with the same ranking always travel together at the same value, so one row
per distinct ranking (with a count) gives identical results with less work. Values are integers in
units of 10**-places of a vote, so the Scottish truncation to 5 places is exact integer division.
"""

from __future__ import annotations

import numpy as np

from .model import CountingError, Election, RankingMatrix

_FLOAT_EXACT = 2**53  # bincount sums in float64; below this every integer sum is exact


def ranking_matrix(election: Election | RankingMatrix) -> RankingMatrix:
    """The ballots of an election as a RankingMatrix (no copy if they already are one)."""
    if isinstance(election, RankingMatrix):
        return election
    ballots = election.ballots
    if isinstance(ballots, RankingMatrix):
        return ballots
    return RankingMatrix.from_ballots(tuple(ballots))


def _group(rankings: np.ndarray, weights: np.ndarray, sentinel: int) -> tuple[np.ndarray, ...]:
    """Merge identical rankings, adding their weights."""
    width = rankings.shape[1]
    base = sentinel + 1
    if width == 0 or len(rankings) == 0:
        return rankings, weights
    if width * np.log2(base) < 62:
        # One int64 key per ranking sorts far faster than a row-wise unique.
        keys = np.zeros(len(rankings), dtype=np.int64)
        for column in range(width):
            keys = keys * base + rankings[:, column]
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    else:
        _, first, inverse = np.unique(rankings, axis=0, return_index=True, return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights=weights)
    return rankings[first], np.rint(counts).astype(np.int64)


class Piles:
    """Which candidate holds each group of papers, at what value per paper."""

    def __init__(
        self,
        election: Election | RankingMatrix,
        n_candidates: int,
        withdrawn: frozenset[int],
        unit: int,
        group: bool = True,
    ) -> None:
        matrix = ranking_matrix(election)
        rankings = np.asarray(matrix.rankings)
        weights = np.asarray(matrix.weights, dtype=np.int64)
        if rankings.size and (rankings.max() >= n_candidates or rankings.min() < -1):
            raise CountingError("a ballot ranks a candidate number that does not exist")
        self.sentinel = n_candidates  # "no further preference": papers held here are exhausted
        rankings = np.where(rankings < 0, self.sentinel, rankings).astype(np.int32)
        if group:
            rankings, weights = _group(rankings, weights, self.sentinel)
        # A sentinel column means every row ends with "exhausted", so lookups never run off the end.
        self.rank = np.hstack([rankings, np.full((len(rankings), 1), self.sentinel, np.int32)])
        self.count = weights
        self.unit = unit
        self.continuing = np.ones(n_candidates + 1, dtype=bool)
        self.continuing[list(withdrawn)] = False
        self.pos = np.full(len(self.rank), -1, dtype=np.int32)
        self.holder = np.full(len(self.rank), self.sentinel, dtype=np.int32)
        self.value = np.full(len(self.rank), unit, dtype=np.int64)
        self.advance(np.arange(len(self.rank)))
        # Papers with no valid first preference are not valid votes: drop them from the count.
        valid = self.holder != self.sentinel
        if not valid.all():
            for name in ("rank", "count", "pos", "holder", "value"):
                setattr(self, name, getattr(self, name)[valid])
        self.valid_votes = int(self.count.sum())
        if self.valid_votes * unit >= _FLOAT_EXACT:
            raise CountingError("too many votes for exact fixed-point tallies")

    def advance(self, rows: np.ndarray) -> None:
        """Move the given papers on to their next continuing preference (or to exhausted)."""
        self.continuing[self.sentinel] = True  # exhausted always "accepts" a paper
        last = self.rank.shape[1] - 1
        while rows.size:
            self.pos[rows] += 1
            position = np.minimum(self.pos[rows], last)
            candidate = self.rank[rows, position]
            accepted = self.continuing[candidate]
            self.holder[rows[accepted]] = candidate[accepted]
            rows = rows[~accepted]

    def tally(self) -> np.ndarray:
        """Votes held by each candidate, and (last) by the exhausted pile, in value units."""
        totals = np.bincount(
            self.holder, weights=self.value * self.count, minlength=self.sentinel + 1
        )
        return np.rint(totals).astype(np.int64)

    def papers_of(self, candidate: int) -> np.ndarray:
        """Rows currently held by a candidate."""
        return np.flatnonzero(self.holder == candidate)

    def remove(self, candidate: int) -> None:
        """Stop a candidate from receiving papers (elected or excluded)."""
        self.continuing[candidate] = False

    def transfer(self, rows: np.ndarray, values: np.ndarray | None = None) -> int:
        """Pass papers on, optionally at new values; return the value that was passed on."""
        if values is not None:
            self.value[rows] = values
        self.advance(rows)
        return int((self.value[rows] * self.count[rows]).sum())
