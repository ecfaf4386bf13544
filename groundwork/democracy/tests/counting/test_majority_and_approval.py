"""Yes/no/abstain decisions with quorum and threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest

from groundwork.democracy.counting.model import CountingError
from groundwork.democracy.counting.simple import SIMPLE_MAJORITY, TWO_THIRDS, decide_majority


def test_simple_majority_needs_more_yes_than_no() -> None:
    assert decide_majority(yes=11, no=10, abstain=0, electorate=30).passed
    assert not decide_majority(yes=10, no=10, abstain=5, electorate=30).passed


def test_two_thirds_is_reached_at_exactly_two_thirds_of_those_taking_a_side() -> None:
    assert decide_majority(yes=20, no=10, abstain=9, electorate=40, threshold=TWO_THIRDS).passed
    assert not decide_majority(yes=19, no=10, abstain=0, electorate=40, threshold=TWO_THIRDS).passed


def test_abstentions_count_for_the_quorum_but_not_the_threshold() -> None:
    result = decide_majority(yes=6, no=4, abstain=10, electorate=40, quorum=SIMPLE_MAJORITY)
    assert result.quorum_met and result.passed
    short = decide_majority(yes=6, no=4, abstain=9, electorate=40, quorum=SIMPLE_MAJORITY)
    assert not short.quorum_met and not short.passed
    assert "quorum not met" in short.reason


def test_impossible_tallies_are_refused() -> None:
    with pytest.raises(CountingError, match="electorate is 5"):
        decide_majority(yes=5, no=5, abstain=0, electorate=5)
    with pytest.raises(CountingError, match="threshold"):
        decide_majority(yes=1, no=0, abstain=0, electorate=5, threshold=Fraction(3, 2))
