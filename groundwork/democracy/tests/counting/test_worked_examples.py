"""Published worked examples and real elections whose results are stated in the test data."""

from __future__ import annotations

import json

import pytest

from groundwork.democracy.counting.blt import read_blt
from groundwork.democracy.counting.irv import count_irv
from groundwork.democracy.counting.meek import count_meek_stv
from groundwork.democracy.counting.model import Ballot, Election
from groundwork.democracy.counting.schulze import condorcet_winner, count_schulze, pairwise_matrix
from groundwork.democracy.counting.scottish import UNIT, count_scottish_stv
from groundwork.democracy.counting.simple import count_approval

from .data import ELECTIONS, need


def _example(key: str) -> tuple[Election, dict]:
    examples = json.loads(
        need(ELECTIONS / "worked_examples" / "wikipedia_and_reference_examples.json").read_text()
    )
    example = examples[key]
    names: list[str] = list(example.get("candidates", []))
    for group in example["ballots"]:
        for name in group.get("ranking", group.get("approves", [])):
            if name not in names:
                names.append(name)
    ballots = tuple(
        Ballot(tuple(names.index(n) for n in g.get("ranking", g.get("approves", []))), g["count"])
        for g in example["ballots"]
    )
    return Election(tuple(names), ballots, seats=example.get("seats", 1)), example["expected"]


def _names(election: Election, indices) -> list[str]:
    return [election.candidates[c] for c in indices]


def test_scottish_government_guidance_example_elects_in_the_published_order() -> None:
    election, expected = _example("scottish_government_stv_guidance_example")
    result = count_scottish_stv(election)
    assert result.valid_votes == expected["valid_votes"]
    assert result.quota == expected["quota"] * UNIT
    assert _names(election, result.elected) == expected["elected_in_order"]
    for stage, totals in zip(result.stages, expected["stage_totals_integer_part"], strict=False):
        for name, value in totals.items():
            if name in election.candidates:
                assert stage.votes[election.candidates.index(name)] // UNIT == value, name
        assert _names(election, stage.elected) == totals.get("elected", [])


def test_wikipedia_food_election_elects_chocolate_orange_strawberry_in_order() -> None:
    election, expected = _example("wikipedia_stv_food")
    assert (
        _names(election, count_scottish_stv(election).elected) == expected["stv_order_of_election"]
    )
    assert set(_names(election, count_meek_stv(election).elected)) == set(
        expected["stv_elected_set"]
    )


@pytest.mark.parametrize(
    "key",
    [
        "tennessee_capital",
        "burlington_vt_2009_mayor",
        "condorcet_criterion_irv_failure",
        "ireland_president_1990",
    ],
)
def test_alternative_vote_winner_of_real_and_textbook_elections(key: str) -> None:
    election, expected = _example(key)
    irv = expected["irv"]
    winner = irv["winner"] if isinstance(irv, dict) else irv
    result = count_irv(election)
    assert _names(election, result.elected) == [winner]
    if isinstance(irv, dict):
        last = result.stages[-1].votes
        assert {n: last[election.candidates.index(n)] for n in irv["final_round"]} == irv[
            "final_round"
        ]


@pytest.mark.parametrize(
    "key",
    [
        "tennessee_capital",
        "burlington_vt_2009_mayor",
        "condorcet_criterion_irv_failure",
        "wikipedia_schulze_45_voters",
    ],
)
def test_schulze_winner_and_condorcet_winner_of_textbook_elections(key: str) -> None:
    election, expected = _example(key)
    result = count_schulze(election)
    winner = expected.get("schulze", expected.get("schulze_winner"))
    assert result.winner is not None
    assert election.candidates[result.winner] == winner
    cw = condorcet_winner(pairwise_matrix(election))
    assert (None if cw is None else election.candidates[cw]) == expected["condorcet_winner"]
    if "schulze_ranking" in expected:
        assert _names(election, result.ranking) == expected["schulze_ranking"]


def test_plain_approval_scores_of_the_pav_example() -> None:
    election, expected = _example("wikipedia_proportional_approval_pav")
    result = count_approval(election)
    scores = dict(zip(election.candidates, result.stages[0].votes, strict=True))
    assert scores == expected["plain_approval_scores"]
    assert _names(election, result.elected) == expected["block_approval_2_seats"]


GNOME = [
    "Allan Day",
    "Carlos Soriano",
    "Ekaterina Gerasimova",
    "Federico Mena Quintero",
    "Nuritzi Sanchez",
    "Philip Chimento",
    "Robert McQueen",
]


@pytest.mark.parametrize("counter", [count_scottish_stv, count_meek_stv])
def test_gnome_2018_board_and_maemo_2018_council_elect_the_announced_winners(counter) -> None:
    gnome = read_blt(need(ELECTIONS / "votelib" / "gnome_26.blt"))
    assert sorted(_names(gnome, counter(gnome).elected)) == GNOME
    maemo = read_blt(need(ELECTIONS / "votelib" / "maemo.blt"))
    elected = [name.split()[0] for name in _names(maemo, counter(maemo).elected)]
    assert sorted(elected) == ["eekkelund", "juiceme", "mosen"]
