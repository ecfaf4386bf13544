"""Properties that hold for any ballots (hypothesis), and for every real ballot file we have."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundwork.democracy.counting.blt import read_blt
from groundwork.democracy.counting.irv import count_irv
from groundwork.democracy.counting.meek import ONE, count_meek_stv
from groundwork.democracy.counting.model import Ballot, Election
from groundwork.democracy.counting.render import to_json
from groundwork.democracy.counting.schulze import condorcet_winner, count_schulze, pairwise_matrix
from groundwork.democracy.counting.scottish import UNIT, count_scottish_stv
from groundwork.democracy.counting.tallies import read_election

from .data import ELECTIONS, files, need


@st.composite
def elections(draw, max_candidates: int = 6, max_seats: int = 3) -> Election:
    n = draw(st.integers(2, max_candidates))
    ranking = st.permutations(range(n)).flatmap(
        lambda order: st.integers(1, n).map(lambda k: tuple(order[:k]))
    )
    ballots = draw(st.lists(st.builds(Ballot, ranking, st.integers(1, 5)), min_size=1, max_size=25))
    seats = draw(st.integers(1, min(max_seats, n)))
    return Election(tuple(f"C{k}" for k in range(n)), tuple(ballots), seats=seats)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(elections())
def test_one_seat_scottish_stv_elects_the_alternative_vote_winner(election: Election) -> None:
    single = Election(election.candidates, election.ballots, seats=1)
    assert count_scottish_stv(single).elected == count_irv(single).elected


@SETTINGS
@given(elections())
def test_a_condorcet_winner_wins_schulze(election: Election) -> None:
    winner = condorcet_winner(pairwise_matrix(election))
    if winner is not None:
        assert count_schulze(election).winner == winner


@SETTINGS
@given(elections())
def test_votes_plus_non_transferable_equal_the_valid_votes_at_every_stage(election) -> None:
    # The value lost to truncation is carried in lost_to_rounding (part of non_transferable),
    # so the balance is exact, not approximate.
    result = count_scottish_stv(election)
    for stage in result.stages:
        assert sum(stage.votes) + stage.non_transferable == result.valid_votes * UNIT
        assert 0 <= stage.lost_to_rounding
    meek = count_meek_stv(election)
    for stage in meek.stages:
        assert sum(stage.votes) + stage.non_transferable == meek.valid_votes * ONE


@SETTINGS
@given(elections())
def test_counting_the_same_ballots_twice_gives_byte_identical_json(election: Election) -> None:
    assert isinstance(election.ballots, tuple)
    for count in (count_scottish_stv, count_meek_stv, count_irv, count_schulze):
        assert to_json(count(election)) == to_json(count(election))
        reversed_ballots = Election(election.candidates, election.ballots[::-1], election.seats)
        assert to_json(count(election)) == to_json(count(reversed_ballots))


@SETTINGS
@given(elections())
def test_stv_fills_every_seat_with_distinct_candidates(election: Election) -> None:
    for count in (count_scottish_stv, count_meek_stv):
        elected = count(election).elected
        assert len(elected) == len(set(elected)) == election.seats


REAL_STV = (
    files(ELECTIONS / "scotland_official" / "dundee_2022_blt", "*.blt")
    + files(ELECTIONS / "scotland_official" / "edinburgh_2017", "*.csv")
    + files(ELECTIONS / "votelib", "*.blt")
)


@pytest.mark.parametrize("path", REAL_STV, ids=lambda p: p.stem[:30])
def test_real_ballot_files_count_and_balance_at_every_stage(path: Path) -> None:
    election = read_blt(need(path))
    result = count_scottish_stv(election)
    assert len(result.elected) == election.seats
    for stage in result.stages:
        assert sum(stage.votes) + stage.non_transferable == result.valid_votes * UNIT
    assert len(count_meek_stv(election).elected) == election.seats


REAL_CONDORCET = files(ELECTIONS / "debian_tally", "*.txt") + files(
    ELECTIONS / "preflib_debian", "*.soi"
)


@pytest.mark.parametrize("path", REAL_CONDORCET, ids=lambda p: p.stem)
def test_debian_votes_count_by_schulze_with_the_default_option(path: Path) -> None:
    election = read_election(need(path))
    result = count_schulze(election)
    assert sorted(result.ranking) == list(range(len(election.candidates)))
    # Every option left in the race defeats the default option; dropped ones do not.
    default = election.default_option
    assert default is not None
    for option in result.dropped:
        assert result.pairwise[option][default] <= result.pairwise[default][option]
    assert result.winner not in result.dropped
