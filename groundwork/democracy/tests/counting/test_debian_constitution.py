"""`count_schulze` against the text of the Debian constitution, appendix A.6 (v1.4 and v1.7).

Each rule is pinned by a tally small enough to check by hand, at the boundary where a wrong reading
of the rule gives a different answer (the comment says which). A step-by-step reading of A.6 (the
Schwartz set, dropping the weakest defeats) is compared with the package's beat-path count on
random ballots and on Debian's own tally sheets.

The text relied on (v1.7, 2016; A.6 (3)(2) as amended in 2015, before which it read "V(A,D) is
strictly greater than N * V(D,A)"):

  A.6 (1) ... Ranked options are considered preferred to all unranked options. Voters may rank
          options equally. Unranked options are considered to be ranked equally with one another.
  A.6 (2) If the ballot has a quorum requirement R any options other than the default option
          which do not receive at least R votes ranking that option above the default option are
          dropped from consideration.
  A.6 (3) Any (non-default) option which does not defeat the default option by its required
          majority ratio is dropped from consideration. ... An option A defeats the default option
          D by a majority ratio N, if V(A,D) is greater or equal to N * V(D,A) and V(A,D) is
          strictly greater than V(D,A). If a supermajority of S:1 is required for A, its majority
          ratio is S; otherwise, its majority ratio is 1.
  A.6 (4) From the list of undropped options, we generate a list of pairwise defeats. An option A
          defeats an option B, if V(A,B) is strictly greater than V(B,A).
  A.6 (5)-(7) transitive defeats; the Schwartz set; "If there are defeats between options in the
          Schwartz set, we drop the weakest such defeats from the list of pairwise defeats, and
          return to step 5." A defeat (A,X) is weaker than a defeat (B,Y) if V(A,X) is less than
          V(B,Y). Also, (A,X) is weaker than (B,Y) if V(A,X) is equal to V(B,Y) and V(X,A) is
          greater than V(Y,B). ... There may be more than one such defeat.
  A.6 (8) ... If there are multiple options, the elector with the casting vote chooses which of
          those options wins.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundwork.democracy.counting.model import Ballot, Election
from groundwork.democracy.counting.schulze import count_schulze
from groundwork.democracy.counting.tallies import read_election

from .data import ELECTIONS, files, need

# ---------------------------------------------------------------------------------------------
# A.6 read step by step, written independently of the package (no shared helpers).


def _levels(ballot: Ballot) -> dict[int, int]:
    """Rank level of each option the ballot ranks; an equal ranking shares the level before it."""
    levels, level = {}, -1
    for position, option in enumerate(ballot.ranking):
        if position not in ballot.tied_positions:
            level += 1
        levels[option] = level
    return levels


def _votes(election: Election):
    """V(A, B): voters (by weight) who rank A above B; unranked is below every ranked option."""
    assert isinstance(election.ballots, tuple)
    ballots = [(_levels(ballot), ballot.weight) for ballot in election.ballots]
    unranked = len(election.candidates)

    def v(a: int, b: int) -> int:
        return sum(w for levels, w in ballots if levels.get(a, unranked) < levels.get(b, unranked))

    return v


def literal_a6(
    election: Election, quorum: Fraction | None = None, ratios: dict[int, Fraction] | None = None
) -> tuple[set[int], set[int]]:
    """(options left at A.6 (8) for the casting vote, options dropped at A.6 (2)-(3))."""
    v = _votes(election)
    options = range(len(election.candidates))
    d = election.default_option
    dropped: set[int] = set()
    for a in options if d is not None else ():
        if a == d:
            continue
        if quorum is not None and not v(a, d) >= quorum:  # A.6 (2)
            dropped.add(a)
        n = Fraction((ratios or {}).get(a, 1))
        if not (v(a, d) >= n * v(d, a) and v(a, d) > v(d, a)):  # A.6 (3)(2)
            dropped.add(a)
    live = [a for a in options if a not in dropped]
    defeats = {(a, b) for a in live for b in live if a != b and v(a, b) > v(b, a)}  # A.6 (4)
    while True:
        beats = set(defeats)  # A.6 (5): transitive defeats
        grown = True
        while grown:
            extra = {(a, c) for a, b in beats for b2, c in beats if b == b2} - beats
            beats |= extra
            grown = bool(extra)
        schwartz = {  # A.6 (6)
            a for a in live if all((a, b) in beats or (b, a) not in beats for b in live if b != a)
        }
        inside = [(a, x) for a, x in defeats if a in schwartz and x in schwartz]
        if not inside:  # A.6 (8)
            return schwartz, dropped

        def strength(defeat: tuple[int, int]) -> tuple[int, int]:  # A.6 (7)(1): lower is weaker
            return v(defeat[0], defeat[1]), -v(defeat[1], defeat[0])

        weakest = min(map(strength, inside))
        defeats -= {defeat for defeat in inside if strength(defeat) == weakest}  # A.6 (7)(2)


# ---------------------------------------------------------------------------------------------
# Hand-made tallies. Options are A, B, C ... with the default option D last.


def vote(*groups: tuple[str, int], options: str = "ABD") -> Election:
    """`("BA=D", 3)` is 3 voters ranking B first, then A and D equal; unnamed options unranked."""
    ballots = []
    for marks, weight in groups:
        names = marks.replace("=", "")
        ranking = tuple(options.index(name) for name in names)
        tied, position = set(), 0
        for char in marks:
            if char == "=":
                tied.add(position)
            else:
                position += 1
        ballots.append(Ballot(ranking, weight, frozenset(tied)))
    return Election(tuple(options), tuple(ballots), default_option=options.index("D"))


def outcome(election: Election, **options) -> tuple[list[str], list[str]]:
    """(dropped option names, winner names: all tied winners, the chosen one first)."""
    result = count_schulze(election, **options)
    names = election.candidates
    assert result.winner is not None
    tied = [names[c] for c in result.tied_winners if c != result.winner]
    return [names[c] for c in result.dropped], [names[result.winner], *tied]


# 3 voters rank A above D (from second place), 1 ranks D above A, 2 rank A and D equal, 4 leave
# every option unranked: V(A,D) = 3, V(D,A) = 1, margin 2, no first preferences for A alone,
# 10 ballots.
QUORUM_TALLY = vote(("BAD", 3), ("DA", 1), ("A=D", 2), ("", 4))


def test_the_quorum_is_met_by_exactly_r_votes_above_the_default_option() -> None:
    # "at least R votes": fails if the rule were "more than R", or counted the margin over D (2)
    # or first preferences (0) instead of the votes ranking A above D.
    dropped, winners = outcome(QUORUM_TALLY, quorum=3)
    assert "A" not in dropped
    assert winners == ["A"]


@pytest.mark.parametrize("quorum", [4, Fraction(7, 2), Fraction(3001, 1000)])
def test_an_option_just_short_of_the_quorum_is_dropped_and_the_quorum_is_not_rounded(
    quorum,
) -> None:
    # Fails if the quorum counted ballots cast (10) or ballots ranking A at all, or if 3Q were
    # rounded down (4.2 (7): "Q and K need not be integers and are not rounded").
    dropped, winners = outcome(QUORUM_TALLY, quorum=quorum)
    assert "A" in dropped
    assert winners == ["D"]


def test_ranking_an_option_equal_to_the_default_does_not_count_towards_the_quorum() -> None:
    # The 2 "A=D" ballots rank A, but not above D: with them A would have 5.
    dropped, _ = outcome(QUORUM_TALLY, quorum=Fraction(5))
    assert "A" in dropped


@pytest.mark.parametrize(
    ("groups", "ratio", "stays"),
    [
        # Exactly 3:1 (6 to 2) is enough since the 2015 amendment; the old "strictly greater
        # than N * V(D,A)" would drop it.
        ((("AD", 6), ("DA", 2)), Fraction(3), True),
        ((("AD", 7), ("DA", 2)), Fraction(3), True),  # just above
        ((("AD", 5), ("DA", 2)), Fraction(3), False),  # just below: 5 < 6
        # N:M with M > 1: 5 to 2 is exactly 5:2; 6 to 2 is short of 7:2 (12 < 14).
        ((("AD", 5), ("DA", 2)), Fraction(5, 2), True),
        ((("AD", 6), ("DA", 2)), Fraction(7, 2), False),
        # A tie with the default option is no majority, even at 1:1 (V(A,D) > V(D,A) fails).
        ((("AD", 2), ("DA", 2)), Fraction(1), False),
        ((("AD", 3), ("DA", 2)), Fraction(1), True),
        # Nobody ranks A and D apart: 0 >= 3 * 0 holds, but 0 > 0 does not, so A is dropped.
        ((("A=D", 4), ("B", 1)), Fraction(3), False),
    ],
)
def test_the_majority_ratio_over_the_default_option(groups, ratio, stays) -> None:
    election = vote(*groups)
    dropped, winners = outcome(election, majority_ratio={0: ratio})
    assert ("A" not in dropped) is stays
    assert (winners[0] == "A") is stays


def test_an_option_short_of_the_quorum_or_majority_is_dropped_before_the_pairwise_count() -> None:
    # 2 voters: C only. 3: D > C > B. 4: B > A > D.
    # C loses to D 2 to 7, so A.6 (3) drops it, and among A, B, D, B beats both: B wins.
    # Were C kept in the count, D would beat B through D > C (7) and C > B (5 to 4), beating
    # B > D (4 to 3), and the default option would win.
    election = vote(("C", 2), ("DCB", 3), ("BAD", 4), options="ABCD")
    dropped, winners = outcome(election)
    assert dropped == ["C"]
    assert winners == ["B"]


def test_when_no_option_survives_the_default_option_wins() -> None:
    # A loses to D 1 to 2; B is level with D (0 to 0 once D is ranked by neither) and loses 0 to 2.
    dropped, winners = outcome(vote(("DAB", 2), ("A", 1)))
    assert sorted(dropped) == ["A", "B"]
    assert winners == ["D"]
    # And a quorum nobody reaches does the same to an option that beats D.
    dropped, winners = outcome(QUORUM_TALLY, quorum=100)
    assert winners == ["D"]


def test_the_weakest_defeat_has_the_fewest_votes_for_it_not_the_smallest_margin() -> None:
    # 5: A > C > D. 1: B > D. 3: C. 5: B. Cycle A > C (5 to 3), C > B (8 to 6), B > A (6 to 5);
    # all beat D. The weakest defeat by votes for it is A > C (5): dropped, C wins. By margins
    # (2, 2, 1) B > A would go instead and A would win.
    election = vote(("ACD", 5), ("BD", 1), ("C", 3), ("B", 5), options="ABCD")
    _, winners = outcome(election)
    assert winners == ["C"]


def test_between_defeats_with_as_many_votes_the_one_with_more_against_is_weaker() -> None:
    # 2: C > D > B > A. 2: B > A. 2: A > C > B. 1: A. Cycle A > C (5 to 2), C > B (4 to 2),
    # B > A (4 to 3). C > B and B > A both have 4 votes; B > A has more against (3), so only it
    # is dropped and A wins. Dropping both (votes alone) would leave A and B tied.
    election = vote(("CDBA", 2), ("BA", 2), ("ACB", 2), ("A", 1), options="ABCD")
    _, winners = outcome(election)
    assert winners == ["A"]


# 4: C > B. 4: A. A and C are level (4 to 4), as are A and B; C beats B; all three beat D.
# A and C are left for the casting vote, although C beats more options than A does.
TIED = vote(("CB", 4), ("A", 4), options="ABCD")


def test_a_tie_left_for_the_casting_vote_is_decided_by_the_lot_order_alone() -> None:
    result = count_schulze(TIED)
    assert sorted(result.tied_winners) == [0, 2]
    assert result.winner == 0  # A: first on the ballot paper, the default lot order
    assert "decided by the lot order in place of the casting vote" in result.notes[-1]


def test_the_casting_voters_order_entered_as_the_lot_order_chooses_the_winner() -> None:
    casting_vote = Election(TIED.candidates, TIED.ballots, default_option=3, lot_order=(2, 0, 1))
    result = count_schulze(casting_vote)
    assert result.winner == 2
    # The ranking still respects every defeat: C above B, everyone above D.
    assert result.ranking == (2, 0, 1, 3)


# ---------------------------------------------------------------------------------------------
# The beat-path count against the step-by-step text.


@st.composite
def debian_votes(draw) -> tuple[Election, Fraction | None, dict[int, Fraction] | None]:
    """Ballots with equal rankings, blanks and weights; a default option, quorum and ratios."""
    n = draw(st.integers(2, 5))
    ballots = []
    for _ in range(draw(st.integers(1, 12))):
        order = draw(st.permutations(range(n)))
        k = draw(st.integers(0, n))
        tied = draw(st.frozensets(st.integers(1, max(k - 1, 1)))) if k > 1 else frozenset()
        ballots.append(Ballot(tuple(order[:k]), draw(st.integers(1, 3)), tied))
    default = draw(st.none() | st.integers(0, n - 1))
    quorum = ratios = None
    if default is not None:
        quorum = draw(st.none() | st.fractions(0, 12, max_denominator=4))
        ratios = draw(
            st.none() | st.dictionaries(st.integers(0, n - 1), st.sampled_from([1, 2, 3, 1.5]))
        )
        ratios = ratios and {k: Fraction(r) for k, r in ratios.items()}
    election = Election(tuple(f"C{k}" for k in range(n)), tuple(ballots), default_option=default)
    return election, quorum, ratios


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(debian_votes())
def test_the_count_leaves_the_options_the_text_leaves(case) -> None:
    election, quorum, ratios = case
    left, dropped = literal_a6(election, quorum, ratios)
    result = count_schulze(election, majority_ratio=ratios, quorum=quorum)
    assert set(result.dropped) == dropped
    assert set(result.tied_winners) == left
    assert result.winner == min(left, key=election.lot_rank().__getitem__)


REAL_TALLIES = files(ELECTIONS / "debian_tally", "*.txt")


@pytest.mark.parametrize("path", REAL_TALLIES, ids=lambda p: p.stem)
def test_debians_own_tallies_count_as_the_text_says(path: Path) -> None:
    election = read_election(need(path))
    left, dropped = literal_a6(election)
    result = count_schulze(election)
    assert set(result.dropped) == dropped
    assert set(result.tied_winners) == left
