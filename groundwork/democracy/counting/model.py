"""Plain data that goes into and comes out of a count: ballots, elections, stages, results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain

import numpy as np

from .lot import draw_lot


class CountingError(ValueError):
    """A ballot file or an election cannot be counted; the message says why, for a person."""


@dataclass(frozen=True)
class Ballot:
    """One ranking (candidate indices from 0, most preferred first), cast `weight` times.

    `tied_positions` holds the positions p >= 1 whose candidate is ranked equal to the one at
    p - 1 (Debian tallies, BLT `=`, PrefLib `.toc`). Condorcet and Meek counting accept them.
    """

    ranking: tuple[int, ...]
    weight: int = 1
    tied_positions: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Election:
    """Candidates, ballots and seats of one contest, as read from a file or built by the app."""

    candidates: tuple[str, ...]
    # Large imports may pass a RankingMatrix instead of a million Ballot objects.
    ballots: tuple[Ballot, ...] | RankingMatrix
    seats: int = 1
    withdrawn: frozenset[int] = frozenset()
    title: str = ""
    # Order used when the rules say "decide by lot": the first candidate in this order is chosen.
    # A returning officer who draws lots in the room enters the drawn order here; without it and
    # without a seed it is the order of the ballot paper, so counting twice gives the same result.
    lot_order: tuple[int, ...] | None = None
    # The "None of the above" / default option of a Condorcet vote (Debian constitution A.6).
    default_option: int | None = None
    # A public seed to draw the lot order from when `lot_order` is not given (see lot.py): anyone
    # can draw the same order again with sha256sum.
    lot_seed: str | None = None

    def __post_init__(self) -> None:
        if self.lot_seed is not None and not self.lot_seed.strip():
            raise CountingError("a lot seed must not be empty: the lot would be nobody's draw")

    def lot_rank(self) -> list[int]:
        """Position of each candidate in the lot order (lower is chosen first)."""
        if self.lot_order:
            order = self.lot_order
        elif self.lot_seed is not None:
            order = draw_lot(self.lot_seed, len(self.candidates))
        else:
            order = tuple(range(len(self.candidates)))
        rank = [len(order) + c for c in range(len(self.candidates))]
        for position, candidate in enumerate(order):
            rank[candidate] = position
        return rank

    def lot_order_used(self) -> tuple[int, ...]:
        """Every candidate in the lot order a count uses: `lot_order`, else drawn from
        `lot_seed`, else the ballot paper's order."""
        rank = self.lot_rank()
        return tuple(sorted(range(len(self.candidates)), key=rank.__getitem__))

    def lot_seed_used(self) -> str | None:
        """The seed, if the lot order used is the one it draws (a given `lot_order` may be)."""
        if self.lot_seed is None:
            return None
        drawn = draw_lot(self.lot_seed, len(self.candidates))
        return self.lot_seed if self.lot_order_used() == drawn else None


@dataclass(frozen=True, eq=False)
class RankingMatrix:
    """Many ranked ballots as arrays: row i ranks `rankings[i]` (padded with -1), `weights[i]` times.

    Built directly by importers of large ballot sets so that a million ballots need not become a
    million Python objects; the counters accept it wherever an Election's ballots are expected.
    """

    rankings: np.ndarray
    weights: np.ndarray

    @classmethod
    def from_ballots(cls, ballots: tuple[Ballot, ...]) -> RankingMatrix:
        """Pack ballots into arrays, refusing equal rankings (STV and IRV cannot count them)."""
        if any(ballot.tied_positions for ballot in ballots):
            raise CountingError(
                "a ballot ranks candidates equally ('='); this method needs strict rankings"
            )
        # Filled by whole-array operations rather than row by row: the ballots read from a
        # million-ballot file can hold hundreds of thousands of distinct rankings.
        lengths = np.fromiter((len(b.ranking) for b in ballots), np.int64, len(ballots))
        width = int(lengths.max(initial=0)) or 1
        rankings = np.full((len(ballots), width), -1, dtype=np.int32)
        rankings[np.arange(width) < lengths[:, None]] = np.fromiter(
            chain.from_iterable(b.ranking for b in ballots), np.int32, int(lengths.sum())
        )
        weights = np.fromiter((b.weight for b in ballots), np.int64, len(ballots))
        return cls(rankings, weights)


@dataclass(frozen=True)
class Stage:
    """The state after one stage: every candidate's votes and who was elected or excluded.

    Values are integers in units of 10**-places of a vote. `exhausted` counts papers with no
    further preference; `lost_to_rounding` is the value dropped by truncating transfer values
    (the Scottish Order ignores remainders). Their sum is what an official report calls
    non-transferable, so votes + non_transferable == valid votes at every stage, exactly.
    """

    kind: str
    subject: int | None
    votes: tuple[int, ...]
    exhausted: int
    lost_to_rounding: int
    elected: tuple[int, ...] = ()
    excluded: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def non_transferable(self) -> int:
        """Exhausted papers plus the value lost to truncation, as in the official stage reports."""
        return self.exhausted + self.lost_to_rounding


@dataclass(frozen=True)
class Tie:
    """A tie the count had to break: where, for what, between whom, and what settled it.

    `stage` is the number (from 1, as published) of the stage whose votes were tied, or None
    where a count has no stages (Schulze). `decision` is what was decided: "exclusion",
    "surplus" (whose surplus is transferred first), "last seat" (approval) or "winner"
    (Schulze). `votes` are the tied candidates' votes at that stage, in the order of
    `candidates` and in units of the result's places (empty for Schulze). `settled_by` is
    "earlier stage", with `earlier_stage` and the tied candidates' `earlier_votes` there, or
    "lot", with `drawn_among` the candidates the lot order chose between. `chosen` is whom the
    decision fell on: the one excluded, whose surplus went first, who took the seats, who won.
    """

    stage: int | None
    decision: str
    candidates: tuple[int, ...]
    votes: tuple[int, ...]
    chosen: tuple[int, ...]
    settled_by: str
    earlier_stage: int | None = None
    earlier_votes: tuple[int, ...] = ()
    drawn_among: tuple[int, ...] = ()


@dataclass(frozen=True)
class CountResult:
    """Outcome of a ranked or approval count: the elected in order and every stage."""

    method: str
    candidates: tuple[str, ...]
    seats: int
    valid_votes: int
    places: int
    quota: int | None
    elected: tuple[int, ...]
    stages: tuple[Stage, ...]
    withdrawn: frozenset[int] = frozenset()
    notes: tuple[str, ...] = ()
    ties: tuple[Tie, ...] = ()
    # The lot order the count used (every candidate) and the seed it was drawn from, if any.
    lot_order: tuple[int, ...] = ()
    lot_seed: str | None = None


@dataclass(frozen=True)
class SchulzeResult:
    """Outcome of a Condorcet count with Schulze completion (Debian constitution A.6)."""

    method: str
    candidates: tuple[str, ...]
    valid_votes: int
    pairwise: tuple[tuple[int, ...], ...]
    strongest_paths: tuple[tuple[int, ...], ...]
    ranking: tuple[int, ...]
    dropped: tuple[int, ...]
    winner: int | None
    tied_winners: tuple[int, ...] = ()
    notes: tuple[str, ...] = field(default=())
    ties: tuple[Tie, ...] = ()
    lot_order: tuple[int, ...] = ()
    lot_seed: str | None = None


# A method that counts a ranked or approval election: count_irv, count_schulze, ...
type Counter = Callable[[Election], CountResult | SchulzeResult]


@dataclass(frozen=True)
class MajorityResult:
    """Outcome of a yes/no/abstain decision with a quorum and a threshold."""

    yes: int
    no: int
    abstain: int
    electorate: int
    quorum: Fraction
    threshold: Fraction
    quorum_met: bool
    passed: bool
    reason: str


def format_units(value: int, places: int, shown: int | None = None) -> str:
    """Write an integer count of 10**-places as a decimal string with `shown` places."""
    shown = places if shown is None else shown
    if shown < places:
        # Only a finer count (Meek) shown with fewer places is rounded: half up, as droop shows it.
        step = 10 ** (places - shown)
        value = (value + step // 2) // step
    else:
        value *= 10 ** (shown - places)
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10**shown)
    return f"{sign}{whole}.{fraction:0{shown}d}" if shown else f"{sign}{whole}"
