"""Meek STV as in droop's reference implementation (rule `meek`, guarded arithmetic).

Every candidate has a keep factor; each paper gives each candidate on it, in order, the share
`weight x keep` and passes on `weight x (1 - keep)`. Hopeful candidates keep everything, excluded
ones nothing, elected ones keep just enough for the quota, found by iteration: quota = votes /
(seats + 1) over the votes held (so exhausted votes lower the quota); a candidate whose vote is
above the quota is elected; keep factors are updated by keep x quota / vote until the total surplus is below omega (10**-9), stops falling, or a
batch of sure losers can be excluded. Otherwise the lowest candidate is excluded: those within
the total surplus of the lowest could still change places, so they count as tied and the lot
decides among them (recorded in the result's `ties`).

Equal rankings (`b=c`, as droop reads them): a paper reaching a group of equal candidates splits
its weight equally among those still in the count (hopeful or elected); each keeps its share x
keep and passes the rest on to the next group on its own, as droop does, so truncation happens
where droop's happens. First preferences split the same way. One difference, on purpose: droop
ends a paper at a group whose candidates have all been excluded; here the paper passes over it,
as a strict ranking passes over an excluded candidate (droop's reports never show the two apart
before the count completes: eq1 and eq2 match round by round).

Arithmetic is droop's "guarded" fixed point: 18 places plus 9 guard digits held as Python
integers, products and quotients truncated, and two values closer than half a unit of the 18th
place compared as equal. That is what makes the reference reports reproducible digit for digit.
"""

from __future__ import annotations

from collections import Counter

from .model import Ballot, CountingError, CountResult, Election, RankingMatrix, Stage, Tie
from .piles import ranking_matrix

PRECISION = 18
GUARD = 9
PLACES = PRECISION + GUARD
ONE = 10**PLACES
EPSILON = max(10**GUARD // 2, 1)  # values nearer than this are equal (droop `geps`)


def _compare(a: int, b: int) -> int:
    """Guarded comparison: -1, 0 or 1, with differences under EPSILON counting as equal."""
    if abs(a - b) < EPSILON:
        return 0
    return 1 if a > b else -1


Ranking = tuple[int, ...]
EqualRanking = tuple[tuple[int, ...], ...]


def _grouped(
    election: Election,
) -> tuple[list[tuple[Ranking, int]], list[tuple[EqualRanking, int]]]:
    """Distinct rankings (withdrawn candidates removed) with their multiplicities: the strict
    ones, and those with equal rankings as groups of equal candidates."""
    strict: Counter[Ranking] = Counter()
    equal: Counter[EqualRanking] = Counter()
    ballots = election.ballots
    if isinstance(ballots, RankingMatrix):
        matrix = ranking_matrix(election)
        ballots = tuple(
            Ballot(tuple(int(c) for c in row if c >= 0), int(w))
            for row, w in zip(matrix.rankings, matrix.weights, strict=True)
        )
    for ballot in ballots:
        groups = _equal_groups(ballot, election.withdrawn)
        if all(len(group) == 1 for group in groups):
            strict[tuple(group[0] for group in groups)] += ballot.weight
        else:
            equal[groups] += ballot.weight
    return sorted(strict.items()), sorted(equal.items())


def _equal_groups(ballot: Ballot, withdrawn: frozenset[int]) -> EqualRanking:
    """The ballot's ranking as groups of equal candidates, withdrawn ones and empty groups left out."""
    groups: list[list[int]] = []
    for position, candidate in enumerate(ballot.ranking):
        if position in ballot.tied_positions and groups:
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    kept = (tuple(c for c in group if c not in withdrawn) for group in groups)
    return tuple(group for group in kept if group)


class _Meek:
    """State of one Meek count."""

    def __init__(self, election: Election, omega_places: int, batch_defeat: bool) -> None:
        self.election = election
        self.batch_defeat = batch_defeat
        self.n = len(election.candidates)
        self.seats = election.seats
        self.groups, self.equal_groups = _grouped(election)
        self.n_ballots = sum(m for _, m in self.groups) + sum(m for _, m in self.equal_groups)
        self.omega = ONE // 10**omega_places
        self.keep = [0 if c in election.withdrawn else ONE for c in range(self.n)]
        self.hopeful = [c for c in range(self.n) if c not in election.withdrawn]
        self.elected: list[int] = []
        self.votes = [0] * self.n
        self.exhausted = 0
        self.residual = 0
        self.quota = self.n_ballots * ONE // (self.seats + 1)
        self.surplus = 0
        self.lot_rank = election.lot_rank()

    def seats_left(self) -> int:
        return self.seats - len(self.elected)

    def complete(self) -> bool:
        return len(self.hopeful) <= self.seats_left() or self.seats_left() <= 0

    def distribute(self) -> None:
        """Share every paper out by the keep factors (droop's OpenSTV-style rounding down)."""
        votes = [0] * self.n
        residual = exhausted = 0
        keep_factors = self.keep
        for ranking, multiplier in self.groups:
            weight = ONE
            left = multiplier * ONE
            for candidate in ranking:
                factor = keep_factors[candidate]
                if factor:
                    kept = weight * factor // ONE
                    weight = weight * (ONE - factor) // ONE
                    votes[candidate] += kept * multiplier
                    left -= kept * multiplier
                    if weight < EPSILON:  # guarded "weight <= 0"
                        break
            else:
                exhausted += weight * multiplier
            residual += left
        for groups, multiplier in self.equal_groups:
            kept, ended = self._share_equal(groups, 0, ONE, votes, multiplier)
            residual += multiplier * ONE - kept
            exhausted += ended
        self.votes, self.residual, self.exhausted = votes, residual, exhausted

    def _share_equal(
        self, groups: EqualRanking, index: int, weight: int, votes: list[int], multiplier: int
    ) -> tuple[int, int]:
        """Share `weight` from group `index` on: (votes kept, votes exhausted), times multiplier.

        Each candidate of the group still in the count gets an equal share, keeps share x keep
        and passes the rest to the next group by itself (droop's recursive descent)."""
        continuing: list[int] = []
        while index < len(groups):
            continuing = [c for c in groups[index] if self.keep[c]]
            if continuing:
                break
            index += 1  # everyone in this group is excluded: pass over it
        else:
            return 0, weight * multiplier
        kept_total = ended_total = 0
        share = weight // len(continuing)
        for candidate in continuing:
            factor = self.keep[candidate]
            kept = share * factor // ONE
            passed = share * (ONE - factor) // ONE
            votes[candidate] += kept * multiplier
            kept_total += kept * multiplier
            if passed >= EPSILON:  # guarded "weight > 0"
                kept_more, ended = self._share_equal(groups, index + 1, passed, votes, multiplier)
                kept_total += kept_more
                ended_total += ended
        return kept_total, ended_total

    def iterate(self) -> tuple[str, list[int]]:
        """Converge the keep factors; say why it stopped and which sure losers to exclude."""
        last_surplus = self.n_ballots * ONE
        while True:
            self.distribute()
            held = sum(self.votes[c] for c in self.hopeful + self.elected)
            self.quota = held // (self.seats + 1)
            newly = [c for c in self.hopeful if _compare(self.votes[c], self.quota) > 0]
            for candidate in newly:
                self.hopeful.remove(candidate)
                self.elected.append(candidate)
            self.surplus = sum(self.votes[c] - self.quota for c in self.elected)
            if newly:
                return "elected", newly
            if _compare(self.surplus, self.omega) <= 0:
                return "omega", []
            if _compare(self.surplus, last_surplus) >= 0:
                return "stable", []
            batch = self.sure_losers() if self.batch_defeat else []
            if batch:
                return "batch", batch
            last_surplus = self.surplus
            for candidate in self.elected:
                # keep x quota / vote; guarded arithmetic truncates (droop ignores its rounding
                # hints when guard digits are present, the guard absorbs the error).
                factor = self.keep[candidate] * self.quota // ONE
                self.keep[candidate] = factor * ONE // self.votes[candidate]

    def sure_losers(self) -> list[int]:
        """Lowest candidates whose votes plus the surplus cannot reach the next one up."""
        by_vote = sorted(self.hopeful, key=lambda c: self.votes[c])
        groups: list[list[int]] = []
        group: list[int] = []
        floor = 0
        for candidate in by_vote:
            if _compare(floor + self.surplus, self.votes[candidate]) >= 0:
                group.append(candidate)
            else:
                if group:
                    groups.append(group)
                group, floor = [candidate], self.votes[candidate]
        if group:
            groups.append(group)
        total = defeated = 0
        most = len(self.hopeful) - self.seats_left()
        last_group = None
        for index in range(len(groups) - 1):
            defeated += len(groups[index])
            if defeated > most:
                break
            total += sum(self.votes[c] for c in groups[index])
            if _compare(total + self.surplus, self.votes[groups[index + 1][0]]) < 0:
                last_group = index
        if last_group is None:
            return []
        return sorted(c for g in groups[: last_group + 1] for c in g)

    def exclude(self, candidate: int) -> None:
        self.hopeful.remove(candidate)
        self.keep[candidate] = 0


def count_meek_stv(
    election: Election, omega_places: int = 9, batch_defeat: bool = True
) -> CountResult:
    """Count an STV election by Meek's method as droop does; one stage per round.

    `batch_defeat=False` (droop's `defeat_batch=none`) always iterates to convergence before
    excluding one candidate, as the Hill-Wichmann-Woodall reference counts do.
    """
    if election.seats < 1:
        raise CountingError("an STV election needs at least one seat")
    count = _Meek(election, omega_places, batch_defeat)
    stages: list[Stage] = []
    ties: list[Tie] = []

    def record(kind: str, elected: list[int], excluded: list[int], notes: list[str]) -> None:
        lost = count.residual - count.exhausted
        stages.append(
            Stage(
                kind=kind,
                subject=None,
                votes=tuple(count.votes),
                exhausted=count.exhausted,
                lost_to_rounding=lost,
                elected=tuple(elected),
                excluded=tuple(excluded),
                notes=tuple(notes),
            )
        )

    # First preferences, as droop reports them before the first round.
    count.votes = [0] * count.n
    for ranking, multiplier in count.groups:
        if ranking:
            count.votes[ranking[0]] += multiplier * ONE
    for groups, multiplier in count.equal_groups:
        for candidate in groups[0]:
            count.votes[candidate] += ONE // len(groups[0]) * multiplier
    count.exhausted = sum(m for r, m in count.groups if not r) * ONE
    count.residual = count.n_ballots * ONE - sum(count.votes)
    record("first preferences", [], [], [])
    while not count.complete():
        status, chosen = count.iterate()
        # The reported votes of a round are those at the end of its iteration.
        votes, exhausted, residual = list(count.votes), count.exhausted, count.residual
        elected: list[int] = chosen if status == "elected" else []
        excluded: list[int] = []
        notes: list[str] = []
        if status == "batch":
            excluded = chosen
        elif status != "elected":
            low = min(count.votes[c] for c in count.hopeful)
            tied = [c for c in count.hopeful if _compare(low + count.surplus, count.votes[c]) >= 0]
            loser = min(tied, key=count.lot_rank.__getitem__)
            if len(tied) > 1:
                notes.append("tie for exclusion broken by lot")
                ties.append(
                    Tie(
                        len(stages) + 1,
                        "exclusion",
                        tuple(tied),
                        tuple(count.votes[c] for c in tied),
                        (loser,),
                        "lot",
                        drawn_among=tuple(tied),
                    )
                )
            excluded = [loser]
        for candidate in excluded:
            count.exclude(candidate)
        count.votes, count.exhausted, count.residual = votes, exhausted, residual
        record(status, elected, excluded, notes)
    remaining = list(count.hopeful)
    filled = []
    for candidate in remaining:
        if len(count.elected) < count.seats:
            count.hopeful.remove(candidate)
            count.elected.append(candidate)
            filled.append(candidate)
    if filled:
        last = stages[-1]
        stages[-1] = Stage(
            kind=last.kind,
            subject=None,
            votes=last.votes,
            exhausted=last.exhausted,
            lost_to_rounding=last.lost_to_rounding,
            elected=last.elected + tuple(filled),
            excluded=last.excluded,
            notes=last.notes,
        )
    return CountResult(
        method="stv-meek",
        candidates=election.candidates,
        seats=count.seats,
        valid_votes=count.n_ballots,
        places=PLACES,
        quota=count.quota,
        elected=tuple(count.elected),
        stages=tuple(stages),
        withdrawn=election.withdrawn,
        notes=(f"omega 1/10^{omega_places}; guarded arithmetic {PRECISION}+{GUARD} places",),
        ties=tuple(ties),
        lot_order=election.lot_order_used(),
        lot_seed=election.lot_seed_used(),
    )
