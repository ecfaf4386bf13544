"""A representative's agreement with a policy, by Public Whip's 2013 method: pure, no ORM.

The method (website/dream.inc in publicwhip, restated in the shared test data's SOURCES.md):
only divisions where the policy takes a side (aye/no, normal or strong) count, and only those on a
day the representative held the seat (from_date <= day <= to_date). A teller counts with the side
they told for; a `both` vote or no vote recorded counts as absent. Six tallies follow, and

    distance = (differ + 5 differ_strong + 0.1 absent + 2.5 absent_strong)
             / (same + 5 same_strong + differ + 5 differ_strong + 0.2 absent + 5 absent_strong)
    agreement = 1 - distance

Each division is one Line: the points it adds above the bar ("against") and below it ("out of"),
so a scorecard can show the sum. Arithmetic is exact (fractions); the figure is a float at the end.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from .publicwhip import DivisionKey, How, PolicyDivision, Position, Strength


class Outcome(StrEnum):
    AGREED = "agreed"
    DISAGREED = "disagreed"
    ABSENT = "absent"
    NOT_A_MEMBER = "not a member then"
    NOT_SCORED = "not scored"  # the policy lists the division without taking a side
    NO_RECORD = "no record"  # in their time, but the votes of that division are not on file


# (points against, points out of) for each outcome, normal and strong.
WEIGHTS = {
    (Outcome.AGREED, Strength.NORMAL): (Fraction(0), Fraction(1)),
    (Outcome.AGREED, Strength.STRONG): (Fraction(0), Fraction(5)),
    (Outcome.DISAGREED, Strength.NORMAL): (Fraction(1), Fraction(1)),
    (Outcome.DISAGREED, Strength.STRONG): (Fraction(5), Fraction(5)),
    (Outcome.ABSENT, Strength.NORMAL): (Fraction(1, 10), Fraction(2, 10)),
    (Outcome.ABSENT, Strength.STRONG): (Fraction(5, 2), Fraction(5)),
}
SIDE_OF = {How.AYE: Position.AYE, How.TELLAYE: Position.AYE}
SIDE_OF |= {How.NO: Position.NO, How.TELLNO: Position.NO}

# TheyWorkForYou's words for a distance (its `score_to_strongly`): the first band the distance
# lies above, else "consistently for".
SUMMARIES = (
    (Fraction(95, 100), "consistently against"),
    (Fraction(85, 100), "almost always against"),
    (Fraction(60, 100), "generally against"),
    (Fraction(40, 100), "a mixture of for and against"),
    (Fraction(15, 100), "generally for"),
    (Fraction(5, 100), "almost always for"),
)


@dataclass(frozen=True)
class Membership:
    """A span in which the representative held the seat, both days included."""

    from_date: date
    to_date: date

    def covers(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date


@dataclass(frozen=True)
class Line:
    """One division of the policy, as the representative's scorecard explains it."""

    division: DivisionKey
    title: str
    how: How | None  # None: no vote recorded
    position: Position
    strength: Strength
    outcome: Outcome
    points_against: Fraction
    points_out_of: Fraction

    @property
    def date(self) -> date:
        return self.division.date

    @property
    def counted(self) -> bool:
        return self.outcome not in (Outcome.NOT_A_MEMBER, Outcome.NOT_SCORED, Outcome.NO_RECORD)


@dataclass(frozen=True)
class Agreement:
    policy_id: int
    lines: tuple[Line, ...]

    def tally(self, outcome: Outcome, strength: Strength) -> int:
        """How many divisions ended in this outcome at this strength (Public Whip's tallies)."""
        return sum(1 for line in self.lines if (line.outcome, line.strength) == (outcome, strength))

    @property
    def points_against(self) -> Fraction:
        return sum((line.points_against for line in self.lines), Fraction(0))

    @property
    def points_out_of(self) -> Fraction:
        return sum((line.points_out_of for line in self.lines), Fraction(0))

    @property
    def distance(self) -> Fraction | None:
        """Public Whip's distance in [0, 1]; None when no division counts, or when the
        representative voted in none of those that do: Public Whip's formula would give 0.5 for
        absence alone, a figure TheyWorkForYou does not show, and neither do we."""
        out_of = self.points_out_of
        if not out_of or not any(
            line.outcome in (Outcome.AGREED, Outcome.DISAGREED) for line in self.lines
        ):
            return None
        return self.points_against / out_of

    @property
    def agreement(self) -> float | None:
        """1 - distance, in [0, 1]; None when no division falls in the representative's time."""
        distance = self.distance
        return None if distance is None else float(1 - distance)

    @property
    def percent(self) -> int | None:
        """Agreement as a whole percentage, rounded half up, for display."""
        distance = self.distance
        return None if distance is None else int((1 - distance) * 100 + Fraction(1, 2))

    @property
    def summary(self) -> str | None:
        """How TheyWorkForYou words the record, e.g. "almost always for"."""
        distance = self.distance
        if distance is None:
            return None
        return next((words for bar, words in SUMMARIES if distance > bar), "consistently for")


def outcome_of(how: How | None, position: Position) -> Outcome:
    """Whether a vote agreed with the policy's side; no vote or `both` is an absence."""
    if position is Position.BOTH:
        return Outcome.NOT_SCORED
    side = SIDE_OF.get(how) if how is not None else None
    if side is None:
        return Outcome.ABSENT
    return Outcome.AGREED if side is position else Outcome.DISAGREED


def score_policy(
    policy_id: int,
    policy_divisions: Iterable[PolicyDivision],
    votes: Mapping[DivisionKey, How],
    memberships: Iterable[Membership],
    *,
    titles: Mapping[DivisionKey, str] | None = None,
    recorded: Collection[DivisionKey] | None = None,
    body: str = "commons",
) -> Agreement:
    """The representative's agreement with one policy, line by line, oldest division first.

    `votes` are the representative's recorded votes (all their member ids merged); `memberships`
    their spells in the seat. `recorded`, when given, holds the divisions whose votes are on file:
    a policy division outside it is a line of its own (no record) rather than an absence of
    everyone. Divisions of other policies or other bodies are left out."""
    spans = tuple(memberships)
    lines = []
    for link in sorted(policy_divisions, key=lambda link: link.division):
        if link.policy_id != policy_id or link.body != body:
            continue
        how = votes.get(link.division)
        if link.position is Position.BOTH:
            outcome = Outcome.NOT_SCORED
        elif not any(span.covers(link.division.date) for span in spans):
            outcome = Outcome.NOT_A_MEMBER
        elif recorded is not None and link.division not in recorded:
            outcome = Outcome.NO_RECORD
        else:
            outcome = outcome_of(how, link.position)
        against, out_of = WEIGHTS.get((outcome, link.strength), (Fraction(0), Fraction(0)))
        title = (titles or {}).get(link.division, "")
        lines.append(
            Line(link.division, title, how, link.position, link.strength, outcome, against, out_of)
        )
    return Agreement(policy_id, tuple(lines))


# TheyWorkForYou's current scoring of a policy whose file says `strength_meaning: simplified`
# (twfy-votes, policies/scoring.py, SimplifiedScore), restated; no code is copied. Weak (normal)
# divisions are shown but weigh nothing; a strong vote with the policy scores 0 of 10 against, a
# strong vote against 10 of 10, a strong `both` 5 of 10; an absence counts for nothing. Two caps
# keep a record with absences from the extreme words: more than one strong absence keeps the
# distance within [0.06, 0.94], and strong absences of a third or more within [0.16, 0.84].
SIMPLIFIED_CAPS = (
    (Fraction(5, 100), Fraction(6, 100), Fraction(95, 100), Fraction(94, 100)),
    (Fraction(15, 100), Fraction(16, 100), Fraction(85, 100), Fraction(84, 100)),
)


def simplified_distance(agreement: Agreement) -> Fraction | None:
    """TheyWorkForYou's "simplified" distance over the same lines; None when no strong division
    was voted in (absences alone give no figure)."""
    strong = [line for line in agreement.lines if line.counted and line.strength is Strength.STRONG]
    absent = sum(
        1 for line in strong if line.outcome is Outcome.ABSENT and line.how is not How.BOTH
    )
    both = sum(1 for line in strong if line.how is How.BOTH)
    differ = sum(1 for line in strong if line.outcome is Outcome.DISAGREED)
    same = sum(1 for line in strong if line.outcome is Outcome.AGREED)
    out_of = 10 * (same + differ + both)
    if not out_of:
        return None
    distance = Fraction(10 * differ + 5 * both, out_of)
    caps = [SIMPLIFIED_CAPS[0]] if absent > 1 else []
    if 3 * absent >= len(strong):
        caps.append(SIMPLIFIED_CAPS[1])
    for low, floor, high, ceiling in caps:
        if distance <= low:
            distance = floor
        elif distance >= high:
            distance = ceiling
    return distance
