"""The quick BLT reader (identical lines read once) reads what the line-by-line reader reads."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundwork.democracy.counting import blt
from groundwork.democracy.counting.blt import parse_blt, parse_blt_grouped, read_blt
from groundwork.democracy.counting.model import Ballot, CountingError, Election
from groundwork.democracy.counting.render import to_data
from groundwork.democracy.counting.scottish import count_scottish_stv
from groundwork.democracy.counting.tallies import read_election

from .data import ELECTIONS, files, need

# Every name encodes in Latin-1 and none of those encodings is valid UTF-8, so a file written
# in Latin-1 is read back as Latin-1: quotes (doubled in BLT), a `#` inside quotes, accents.
NAMES = ("Ash", "Siân O'Brien", 'Jo "the Gardener" Bloggs', "Sam # Hillside", "Zoë", "Birch")
SPACE = st.sampled_from([" ", "\t", "  ", " \t "])
COMMENT = st.sampled_from(["", "", " # a comment", "\t#x"])


@st.composite
def ballot_lines(draw, n: int, marks: list[str]) -> str:
    """One ballot line: weight, candidates (some equal, some skipped ranks), 0, in any dialect."""
    order = draw(st.permutations(range(n)))[: draw(st.integers(0, n))]
    words = [draw(st.sampled_from(["1", "1", "2", "3"]))]
    for position, candidate in enumerate(order):
        if position and draw(st.integers(0, 4)) == 0:
            words[-1] += "=" + marks[candidate]  # ranked equal to the one before
        else:
            words.append(marks[candidate])
        if draw(st.integers(0, 9)) == 0:
            words.append("-")  # a skipped rank
    words.append("0")
    if draw(st.integers(0, 5)) == 0:
        words.insert(0, f"({draw(st.integers(1, 99))})")  # a ballot id
    return draw(SPACE).join(words) + draw(COMMENT)


# Faults, and one odd line that is not a fault (a skipped rank and nothing else).
ODD_LINES = ("1 {far} 0", "0 1 0", "1 1 1 0", "1 1", "x 1 0", "1 1 0 0 0", "1 - 0 # ok")


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@st.composite
def blt_texts(draw) -> str:
    """BLT text with the dialects real files use: options, comments, tabs, repeated lines, ids,
    equal rankings, quoted and unquoted names, CRLF, no final newline; sometimes a fault."""
    n = draw(st.integers(1, 5))
    lines = [f"{n}{draw(SPACE)}{draw(st.integers(1, n))}{draw(COMMENT)}"]
    if draw(st.integers(0, 20)) == 0:
        lines[0] = draw(st.sampled_from(["2", "x y", "0 1"]))
    marks = [str(k + 1) for k in range(n)]
    withdrawn = draw(st.sets(st.integers(1, n), max_size=n - 1))
    if withdrawn:
        lines.append(" ".join(f"-{k}" for k in sorted(withdrawn)))
    if draw(st.booleans()):
        marks = [f"c{k}" for k in range(n)]
        lines.append("[nick " + " ".join(marks) + "]")
    if draw(st.booleans()):
        lines.append("[tie " + " ".join(marks[k] for k in draw(st.permutations(range(n)))) + "]")
    if draw(st.booleans()):
        lines.append(f"[withdrawn {draw(st.sampled_from(marks))}]")
    if draw(st.booleans()):
        lines.append("[droop meek]")
    pool = draw(st.lists(ballot_lines(n, marks), min_size=1, max_size=4))
    ballots = draw(st.lists(st.sampled_from(pool) | st.sampled_from(["", "# only a comment"])))
    if draw(st.integers(0, 4)) == 0:
        odd = draw(st.sampled_from(ODD_LINES)).format(far=n + 1)
        ballots.insert(draw(st.integers(0, len(ballots))), odd)
    lines += ballots
    lines.append(draw(st.sampled_from(["0"] * 5 + ["0 # end", " 0", "(7) 0"])))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=n, max_size=n + 1))
    lines += [quoted(name) if draw(st.booleans()) else name for name in names]
    if draw(st.integers(0, 20)) == 0:
        lines = lines[:-2]  # too few names
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    return text + draw(st.sampled_from(["\n", ""]))


def weighted(ballots) -> Counter:
    """The ballots as a multiset: total weight of each ranking with its equal positions."""
    totals: Counter = Counter()
    for ballot in ballots:
        totals[ballot.ranking, ballot.tied_positions] += ballot.weight
    return totals


def read_or_fault(reader, *args) -> Election | str:
    try:
        return reader(*args)
    except CountingError as error:
        return f"fault: {error}"


def assert_same(grouped: Election | str, line_by_line: Election | str) -> None:
    """Same election with the ballots as a multiset, each ranking once; or the same fault."""
    if isinstance(line_by_line, str) or isinstance(grouped, str):
        assert grouped == line_by_line
        return
    assert replace(grouped, ballots=()) == replace(line_by_line, ballots=())
    assert isinstance(grouped.ballots, tuple)
    assert weighted(grouped.ballots) == weighted(line_by_line.ballots)
    assert len(grouped.ballots) == len(weighted(grouped.ballots))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blt_texts(), st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]))
def test_the_quick_reader_reads_any_file_as_the_line_by_line_reader_does(
    text: str, encoding: str
) -> None:
    line_by_line = read_or_fault(parse_blt, text, "ballots.blt")
    assert_same(read_or_fault(parse_blt_grouped, text, "ballots.blt"), line_by_line)
    assert_same(read_or_fault(parse_blt_grouped, "\ufeff" + text, "ballots.blt"), line_by_line)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ballots.blt"
        path.write_bytes(text.encode(encoding))
        line_by_line = read_or_fault(parse_blt, text, str(path))
        assert_same(read_or_fault(read_blt, path), line_by_line)
        assert_same(read_or_fault(read_election, path), line_by_line)


EVERY_DIALECT = (
    "\ufeff4 2\t# four candidates, two seats\r\n"
    "-4\r\n"
    "[tie 3 2 1 4]\r\n"
    "[droop meek]\r\n"
    + "1 1 2 0\r\n" * 500
    + "\r\n# a comment line\r\n"
    + "2\t1\t2 0  # the same ranking, twice over\r\n" * 100
    + "(17) 1 3=1 - 2 0\r\n" * 50
    + "1 0\r\n"
    '0\r\n"Siân O\'Brien"\r\n"Jo ""the Gardener"" Bloggs"\r\n"Sam # Hillside" # Green\r\nBirch\r\n'
    '"Club"'
)


def test_a_file_in_every_dialect_is_read_the_quick_way_with_identical_ballots_merged(
    monkeypatch,
) -> None:
    expected = parse_blt(EVERY_DIALECT)
    monkeypatch.setattr(blt, "parse_blt", None)  # the fall-back would fail

    election = parse_blt_grouped(EVERY_DIALECT)

    assert election.ballots == (
        Ballot((0, 1), 700),
        Ballot((2, 0, 1), 50, frozenset({1})),
        Ballot((), 1),
    )
    assert election.candidates == NAMES[1:4] + ("Birch",)
    assert (election.title, election.withdrawn, election.lot_order) == (
        "Club",
        frozenset({3}),
        (2, 1, 0, 3),
    )
    assert replace(election, ballots=()) == replace(expected, ballots=())
    assert weighted(election.ballots) == weighted(expected.ballots)


def test_a_latin_1_file_is_read_the_quick_way(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "old.blt"
    path.write_bytes('2 1\n1 1 0\n1 1 0\n1 2 0\n0\n"Siân"\n"Zoë"\n'.encode("latin-1"))
    monkeypatch.setattr(blt, "parse_blt", None)

    election = read_blt(path)

    assert election.candidates == ("Siân", "Zoë")
    assert election.ballots == (Ballot((0,), 2), Ballot((1,), 1))


@pytest.mark.parametrize(
    "line",
    ["1 1 0 0 0", "1 -1 0", "1 0 0", "0 1 0", "-1 1 0", "1 1 1 0", "1 4 0", "1 1", "1", "x 1 0"]
    + ["1 1=2 0", "1 - 0", "+1 1 0", "(3) 1 2 0", "1 \uff12 0", "1 1 2 3 0 0", "1 0 1 0"],
)
def test_an_odd_line_among_identical_ones_reads_the_same_either_way(line: str) -> None:
    text = "3 1\n" + "1 1 2 0\n" * 3 + line + "\n1 1 2 0\n0\nA\nB\nC\n"

    assert_same(read_or_fault(parse_blt_grouped, text), read_or_fault(parse_blt, text))


def test_numbers_given_as_nicknames_name_the_nicknamed_candidates() -> None:
    text = "2 1\n[nick 2 1]\n1 1 2 0\n1 1 2 0\n0\nA\nB\n"

    assert parse_blt_grouped(text).ballots == (Ballot((1, 0), 2),)
    assert parse_blt(text).ballots == (Ballot((1, 0)), Ballot((1, 0)))


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("1 5 0", "line 2502: unknown candidate 5; the header declares 3 candidates"),
        ("1 2 2 0", "line 2502: candidate 2 is ranked twice on one ballot"),
        ("0 1 0", "line 2502: ballot weight 0 is not positive"),
        ("1 2 1", "line 2502: a ballot must end with 0"),
    ],
)
def test_a_fault_among_thousands_of_identical_lines_is_reported_at_its_line(
    fault: str, message: str
) -> None:
    text = "3 1\n" + "1 1 2 0\n" * 2500 + fault + "\n" + "1 1 2 0\n" * 500 + '0\n"A"\n"B"\n"C"\n'

    with pytest.raises(CountingError) as grouped:
        parse_blt_grouped(text, "ward.blt")

    assert str(grouped.value) == f"ward.blt, {message}"
    with pytest.raises(CountingError) as line_by_line:
        parse_blt(text, "ward.blt")
    assert str(grouped.value) == str(line_by_line.value)


def test_ballots_ended_by_a_commented_zero_are_read_in_full() -> None:
    text = "2 1\n" + "1 1 2 0\n" * 3 + "1 2 0\n0 # end of the ballots\n1 1 0\n0\nA\nB\n"

    with pytest.raises(CountingError, match="lines too many after the names"):
        parse_blt(text)
    with pytest.raises(CountingError, match="lines too many after the names"):
        parse_blt_grouped(text)
    assert parse_blt_grouped(text.replace("1 1 0\n0\n", "")).ballots == (
        Ballot((0, 1), 3),
        Ballot((1,), 1),
    )


@pytest.mark.parametrize(
    "path",
    files(ELECTIONS / "scotland_official" / "dundee_2022_blt", "*.blt")[:4],
    ids=lambda path: path.name,
)
def test_an_official_file_counts_the_same_read_either_way(path: Path) -> None:
    grouped = read_blt(need(path))

    line_by_line = parse_blt(path.read_text(encoding="utf-8-sig"), str(path))

    assert to_data(count_scottish_stv(grouped)) == to_data(count_scottish_stv(line_by_line))
