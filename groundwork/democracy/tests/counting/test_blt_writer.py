"""Writing BLT: what `write_blt` writes, `parse_blt` reads back to the same election and result."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundwork.democracy.counting import (
    Ballot,
    Election,
    RankingMatrix,
    count_irv,
    count_meek_stv,
    count_schulze,
    count_scottish_stv,
    parse_blt,
    read_blt,
    to_data,
    write_blt,
)

from .data import ELECTIONS, files, need

# Names a returning officer really types: quotes (doubled in BLT), a `#` that is not a comment,
# a leading "-" like the withdrawn line, brackets like droop's options, accents, a lone quote.
AWKWARD_NAMES = (
    'Jo "the Gardener" BLOGGS',
    "Sam # Hillside",
    "-Ash",
    "[tie 1 2]",
    "Siân O'Brien",
    '"',
)


@st.composite
def elections(draw) -> Election:
    name = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)
    names = draw(st.lists(name.map(str.strip), min_size=2, max_size=6))
    n = len(names)
    ballots = []
    for _ in range(draw(st.integers(0, 12))):
        ranking = tuple(draw(st.permutations(range(n)))[: draw(st.integers(0, n))])
        ties = (
            draw(st.sets(st.integers(1, max(1, len(ranking) - 1)))) if len(ranking) > 1 else set()
        )
        ballots.append(Ballot(ranking, draw(st.integers(1, 9)), frozenset(ties)))
    order = draw(st.none() | st.permutations(range(n)).map(tuple))
    return Election(
        candidates=tuple(names),
        ballots=tuple(ballots),
        seats=draw(st.integers(1, n)),
        withdrawn=frozenset(draw(st.sets(st.integers(0, n - 1), max_size=n - 1))),
        title=draw(name.map(str.strip)),
        lot_order=order,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections())
def test_any_election_reads_back_exactly_as_written(election: Election) -> None:
    assert parse_blt(write_blt(election)) == election


def app_election(seats: int = 2) -> Election:
    """Ballots as the app builds them from cast votes: strict rankings, weight 1 or a delegate's."""
    rankings = [(0, 1, 2), (1, 0), (2, 3, 1), (3, 2), (0, 2), (1, 2, 3, 0), (4, 0), (2,), (5, 4, 3)]
    ballots = tuple(Ballot(r, weight=1 + k % 3) for k, r in enumerate(rankings * 7))
    return Election(AWKWARD_NAMES, ballots, seats=seats, title='Officers "2026" # spring')


@pytest.mark.parametrize(
    "count",
    [count_irv, count_scottish_stv, count_meek_stv, count_schulze],
    ids=lambda c: c.__name__,
)
def test_a_count_of_the_written_ballots_gives_the_same_result_with_quoted_names(count) -> None:
    election = app_election(seats=1 if count in (count_irv, count_schulze) else 2)
    read_back = parse_blt(write_blt(election))

    assert read_back.candidates == AWKWARD_NAMES
    assert read_back.title == 'Officers "2026" # spring'
    assert to_data(count(read_back)) == to_data(count(election))


def test_names_are_quoted_with_inner_quotes_doubled() -> None:
    text = write_blt(Election(('Jo "the Gardener" BLOGGS', "Ash"), (Ballot((1, 0)),), title="T"))

    assert text.splitlines() == [
        "2 1",
        "1 2 1 0",
        "0",
        '"Jo ""the Gardener"" BLOGGS"',
        '"Ash"',
        '"T"',
    ]


def test_equal_rankings_withdrawn_candidates_and_the_lot_order_are_written() -> None:
    election = Election(
        ("A", "B", "C"),
        (Ballot((2, 0, 1), 3, frozenset({2})),),
        withdrawn=frozenset({1}),
        lot_order=(1, 2, 0),
    )

    assert write_blt(election).splitlines()[:4] == ["3 1", "-2", "[tie 2 3 1]", "3 3 1=2 0"]


def test_a_line_break_in_a_name_becomes_a_space() -> None:
    election = Election(("Ash\nGrove", "Birch"), (Ballot((0,)),), title="Two\r\nlines")

    read_back = parse_blt(write_blt(election))

    assert read_back.candidates == ("Ash Grove", "Birch")
    assert read_back.title == "Two lines"


def test_a_ranking_matrix_is_written_like_its_ballots() -> None:
    ballots = (Ballot((2, 0), 4), Ballot((1,), 1), Ballot((0, 1, 2), 2))
    as_tuple = Election(("A", "B", "C"), ballots, seats=2)
    as_matrix = Election(("A", "B", "C"), RankingMatrix.from_ballots(ballots), seats=2)

    assert write_blt(as_matrix) == write_blt(as_tuple)


@pytest.mark.parametrize(
    "path",
    files(ELECTIONS / "scotland_official" / "dundee_2022_blt", "*.blt")[:4],
    ids=lambda path: path.name,
)
def test_an_official_council_file_survives_a_round_trip_with_its_result(path) -> None:
    election = read_blt(need(path))

    read_back = parse_blt(write_blt(election))

    assert read_back == election
    assert to_data(count_scottish_stv(read_back)) == to_data(count_scottish_stv(election))
