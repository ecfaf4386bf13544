"""Ballot file readers: the dialects real files use, and one clear message for each fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from groundwork.democracy.counting.blt import parse_blt, read_blt
from groundwork.democracy.counting.model import CountingError
from groundwork.democracy.counting.scottish import count_scottish_stv
from groundwork.democracy.counting.tallies import (
    parse_debian_tally,
    parse_preflib,
    read_election,
    read_majority_tally,
)

from .data import DROOP, ELECTIONS, need


def test_blt_with_byte_order_mark_reads_like_the_plain_file() -> None:
    plain = read_blt(need(DROOP / "blt" / "42u.blt"))
    with_bom = read_blt(need(DROOP / "blt" / "42ubom.blt"))
    assert with_bom == plain
    assert with_bom.candidates[0] == "Cåstor"


def test_blt_names_with_doubled_quotes_and_an_unquoted_title() -> None:
    election = read_blt(
        need(ELECTIONS / "scotland_official" / "dundee_2022_blt" / "dundee_2022_ward1.blt")
    )
    assert election.candidates[0] == 'John ALEXANDER "Scottish National Party (SNP)"'
    assert election.title == "Ward 1 - Strathmartine"


def test_blt_comments_tabs_and_withdrawn_line() -> None:
    election = parse_blt(
        '4 2\t# header\n-2\n1 4 1 3 2 0 # one\n2\t1 2 0\n0\n"Amy"\n"Bob"\n'
        '"Chuck" # comment\n"Diane"\n"Club"\n'
    )
    assert election.withdrawn == frozenset({1})
    assert isinstance(election.ballots, tuple)  # read one by one, not packed
    assert election.ballots[1].weight == 2
    assert election.candidates == ("Amy", "Bob", "Chuck", "Diane")
    assert election.title == "Club"


def test_blt_droop_options_set_withdrawn_and_lot_order() -> None:
    election = parse_blt('3 1\n[withdrawn 3]\n[tie 3 2 1]\n1 1 2 0\n0\n"A"\n"B"\n"C"\n')
    assert election.withdrawn == frozenset({2})
    assert election.lot_order == (2, 1, 0)


def test_equal_rankings_are_read_but_refused_by_stv() -> None:
    election = parse_blt('3 1\n1 1=2 3 0\n0\n"A"\n"B"\n"C"\n')
    assert isinstance(election.ballots, tuple)
    assert election.ballots[0].tied_positions == frozenset({1})
    with pytest.raises(CountingError, match="ranks candidates equally"):
        count_scottish_stv(election)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("x y\n", "first line must be 'CANDIDATES SEATS'"),
        ('2 1\n1 3 0\n0\n"A"\n"B"\n', "line 2: unknown candidate 3"),
        ('2 1\n1 1 2 1 0\n0\n"A"\n"B"\n', "line 2: candidate 1 is ranked twice"),
        ('2 1\n1 1 2\n0\n"A"\n"B"\n', "line 2: a ballot must end with 0"),
        ('2 1\n1 1 0\n"A"\n"B"\n', "must start with its weight"),
        ("2 1\n1 1 0\n", "never end"),
        ('2 1\n1 1 0\n0\n"A"\n', "declares 2 candidates but only 1 names"),
        ('2 1\n0 1 0\n0\n"A"\n"B"\n', "weight 0 is not positive"),
        ('2 1\n[frobnicate]\n1 1 0\n0\n"A"\n"B"\n', "unknown option"),
    ],
)
def test_bad_blt_gives_one_clear_message(text: str, message: str) -> None:
    with pytest.raises(CountingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_blt(text)


def test_missing_file_is_a_counting_error(tmp_path: Path) -> None:
    with pytest.raises(CountingError, match="cannot read"):
        read_election(tmp_path / "absent.blt")


TALLY = """     Option 1--->: Alice
   /  Option 2-->: Bob
   |/  Option 3->: None Of The Above
   ||/
V: 12- \t\tabc
V: 1-2 \t\tdef
V: 11- \t\tghi
"""


def test_debian_tally_reads_ranks_ties_and_the_default_option() -> None:
    election = parse_debian_tally(TALLY)
    assert election.candidates == ("Alice", "Bob", "None Of The Above")
    assert election.default_option == 2
    assert isinstance(election.ballots, tuple)
    assert election.ballots[0].ranking == (0, 1)
    assert election.ballots[2].ranking == (0, 1)
    assert election.ballots[2].tied_positions == frozenset({1})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("V: 12 abc\n", "no option legend"),
        ("Option 1->: A\nOption 2->: B\nV: 123 abc\n", "has 3 marks but the legend lists 2"),
        ("Option 1->: A\nOption 2->: B\n", "no 'V:' vote lines"),
        ("Option 1->: A\nOption 2->: B\nV: 1* abc\n", "is not a rank"),
    ],
)
def test_bad_debian_tally_gives_one_clear_message(text: str, message: str) -> None:
    with pytest.raises(CountingError, match=message.replace("*", r"\*")):
        parse_debian_tally(text)


def test_real_debian_and_preflib_files_read() -> None:
    for path in sorted(need(ELECTIONS / "debian_tally").glob("*.txt")):
        election = read_election(path)
        assert election.default_option is not None and election.ballots
    soi = read_election(need(ELECTIONS / "preflib_debian" / "00002-00000006.soi"))
    assert soi.candidates[0] == "Stefano Zacchiroli"
    assert isinstance(soi.ballots, tuple)
    assert sum(b.weight for b in soi.ballots) == 436


def test_preflib_toc_reads_braced_ties() -> None:
    election = parse_preflib(
        "# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n# ALTERNATIVE NAME 3: C\n4: {1,2},3\n"
    )
    assert isinstance(election.ballots, tuple)
    assert election.ballots[0].ranking == (0, 1, 2)
    assert election.ballots[0].tied_positions == frozenset({1})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4: 1,2\n", "no '# ALTERNATIVE NAME' lines"),
        ("# ALTERNATIVE NAME 1: A\n4 1\n", "expected 'COUNT: a,b,c'"),
        ("# ALTERNATIVE NAME 1: A\n4: 2\n", "unknown option 2"),
        ("# ALTERNATIVE NAME 1: A\n4: 1,1\n", "option 1 is ranked twice"),
        ("# ALTERNATIVE NAME 1: A\nx: 1\n", "is not a count"),
    ],
)
def test_bad_preflib_gives_one_clear_message(text: str, message: str) -> None:
    with pytest.raises(CountingError, match=message):
        parse_preflib(text)


def test_majority_tally_file(tmp_path: Path) -> None:
    path = tmp_path / "motion.txt"
    path.write_text("yes: 30\nno: 10\nabstain: 5\nelectorate: 60\nquorum: 1/2\nthreshold: 2/3\n")
    assert read_majority_tally(path)["threshold"] == pytest.approx(2 / 3)
    path.write_text("yes: 30\n")
    with pytest.raises(CountingError, match="no 'no:' line"):
        read_majority_tally(path)
