"""The Debian constitution's quorum (A.6 (2)) and supermajority (A.6 (3)) on the command line,
checked on Debian's own tally sheets against preferences counted here straight from the marks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from groundwork.democracy.counting.cli import main, run

from .data import ELECTIONS, need

LEADER_2007 = ELECTIONS / "debian_tally" / "leader2007_tally.txt"
NOTA = "None Of The Above"


def marks_of(path: Path) -> tuple[list[str], list[str]]:
    """Option names and each voter's marks, read without the package's reader."""
    text = need(path).read_bytes().decode("latin-1")
    names = re.findall(r"Option \d+-*>: (.*\S)", text)
    votes = re.findall(r"^V: (\S+)", text, re.MULTILINE)
    return names, votes


def above(votes: list[str], a: int, b: int) -> int:
    """Voters who rank option a above option b; an unranked option ('-') is below every ranked one."""

    def level(mark: str) -> int:
        return 99 if mark == "-" else int(mark, 36)

    return sum(1 for marks in votes if level(marks[a]) < level(marks[b]))


def count(*args: str) -> dict:
    return json.loads(run(["schulze", str(need(LEADER_2007)), "--json", *args]))


@pytest.fixture(scope="module")
def leader_2007() -> dict[str, tuple[int, int]]:
    """For each option: (voters ranking it above None Of The Above, voters ranking NOTA above it)."""
    names, votes = marks_of(LEADER_2007)
    default = names.index(NOTA)
    return {
        name: (above(votes, k, default), above(votes, default, k))
        for k, name in enumerate(names)
        if k != default
    }


def test_without_the_options_the_2007_count_is_unchanged() -> None:
    plain = count()
    assert plain["elected"] == ["Sam Hocevar"]
    assert not any("quorum" in note for note in plain["notes"])


def test_an_option_with_exactly_the_quorum_stays_and_one_vote_short_is_dropped(leader_2007) -> None:
    # A.6 (2): "at least R votes", so a quorum equal to an option's support keeps it.
    name = "Anthony Towns"
    support, _ = leader_2007[name]

    at_quorum = count("--quorum", str(support))
    short = count("--quorum", str(support + 1))

    assert name not in at_quorum["dropped"]
    assert name in short["dropped"]
    assert (
        f"{name} dropped: {support} votes above {NOTA}, short of the quorum of {support + 1}"
        in (short["notes"])
    )


def test_the_quorum_drops_exactly_the_options_below_it(leader_2007) -> None:
    quorum = 270
    expected = {name for name, (support, _) in leader_2007.items() if support < quorum}
    assert expected and expected != set(leader_2007)  # the quorum bites, but not on everyone

    result = count("--quorum", str(quorum))

    assert set(result["dropped"]) == expected
    assert result["elected"][0] not in expected


def test_a_quorum_nobody_reaches_leaves_the_default_option_the_winner(leader_2007) -> None:
    result = count("--quorum", "1000")

    assert set(result["dropped"]) == set(leader_2007)
    assert result["elected"] == [NOTA]


def test_a_three_to_one_majority_drops_exactly_the_options_short_of_it(leader_2007) -> None:
    expected = {name for name, (f, a) in leader_2007.items() if not (f > a and f >= 3 * a)}
    simple = {name for name, (f, a) in leader_2007.items() if not f > a}
    assert expected - simple  # some options carry a simple majority but not three to one

    result = count("--majority", "3:1")

    assert set(result["dropped"]) == expected
    assert result["elected"][0] not in expected
    for name in expected - simple:
        assert any(
            note.startswith(f"{name} dropped:") and "3:1" in note for note in result["notes"]
        )


def test_a_quorum_like_debians_3q_may_be_a_decimal() -> None:
    result = count("--quorum", "93.53")

    assert "quorum: 93.53 votes above None Of The Above" in result["notes"]


def tally(tmp_path: Path, votes: list[str]) -> Path:
    path = tmp_path / "gr_tally.txt"
    legend = "     Option 1--->: Amend the constitution\n   /  Option 2-->: Further discussion\n"
    path.write_text(legend + "".join(f"V: {marks} \t\tvoter{k}\n" for k, marks in enumerate(votes)))
    return path


@pytest.mark.parametrize(
    ("majority", "dropped"), [("3:1", []), ("2:1", []), ("7:2", ["Amend the constitution"])]
)
def test_the_majority_ratio_is_met_at_exactly_n_to_m(tmp_path, majority, dropped) -> None:
    # 6 voters rank the amendment above further discussion, 2 the other way round: exactly 3:1.
    path = tally(tmp_path, ["12"] * 6 + ["21"] * 2 + ["11"])

    result = json.loads(run(["schulze", str(path), "--majority", majority, "--json"]))

    assert result["dropped"] == dropped
    assert result["elected"] == ["Further discussion" if dropped else "Amend the constitution"]


def test_the_table_names_the_quorum_and_what_it_dropped() -> None:
    table = run(["schulze", str(need(LEADER_2007)), "--quorum", "1000"])

    assert "Note: quorum: 1000 votes above None Of The Above" in table
    assert "Winner: None Of The Above" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--majority", "3"], "--majority must be a ratio N:M"),
        (["--majority", "1:2"], "--majority below 1:1"),
        (["--majority", "3:0"], "--majority must be a ratio N:M"),
        (["--quorum", "-5"], "--quorum cannot be negative"),
        (["--quorum", "many"], "--quorum must be a number of votes"),
    ],
)
def test_a_bad_quorum_or_majority_is_one_clear_message(capsys, args, message) -> None:
    assert main(["schulze", str(need(LEADER_2007)), *args]) == 2
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1


def test_the_quorum_is_for_schulze_only(capsys) -> None:
    path = ELECTIONS / "votelib" / "maemo.blt"
    assert main(["irv", str(need(path)), "--quorum", "10"]) == 2
    assert "--quorum and --majority are for schulze" in capsys.readouterr().err


def test_a_file_without_a_default_option_cannot_have_a_quorum(capsys) -> None:
    path = ELECTIONS / "votelib" / "maemo.blt"
    assert main(["schulze", str(need(path)), "--quorum", "10"]) == 2
    assert "has none" in capsys.readouterr().err
