"""Meek STV against droop's guarded-arithmetic reports and the ERS97 Meek reference count."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from groundwork.democracy.counting.blt import read_blt
from groundwork.democracy.counting.meek import PLACES, count_meek_stv
from groundwork.democracy.counting.model import Ballot, Election, format_units

from .data import DROOP, ELECTIONS, files, need, same_name
from .droop_reports import read_meek_report

SUFFIX = "-meek-o9-guarded-p18-g9-d18.txt"
REPORTS = files(DROOP / "ref" / "report", f"*{SUFFIX}")
EQUAL_RANKINGS = files(DROOP / "ref" / "report" / "meek", f"*{SUFFIX}")


def _ballot_file(report: Path) -> Path:
    folder = DROOP / "blt" / ("meek" if report.parent.name == "meek" else "")
    return folder / f"{report.name.removesuffix(SUFFIX)}.blt"


@pytest.mark.parametrize(
    "report", REPORTS + EQUAL_RANKINGS, ids=lambda p: p.name.removesuffix(SUFFIX)
)
def test_every_round_matches_droops_meek_report_to_18_places(report: Path) -> None:
    reference = read_meek_report(need(report))
    election = read_blt(need(_ballot_file(report)))
    result = count_meek_stv(election)
    names = [same_name(n) for n in election.candidates]
    assert len(result.stages) == len(reference.stages)
    for number, (stage, expected) in enumerate(zip(result.stages, reference.stages, strict=True)):
        votes = {
            names[c]: format_units(v, PLACES, 18)
            for c, v in enumerate(stage.votes)
            if c not in election.withdrawn
        }
        assert votes == {same_name(k): v for k, v in expected.votes.items()}, f"round {number}"
        assert format_units(stage.non_transferable, PLACES, 18) == expected.residual
        assert [names[c] for c in stage.elected] == [same_name(n) for n in expected.elected]
        assert [names[c] for c in stage.excluded] == [same_name(n) for n in expected.excluded]


def test_equal_rankings_are_counted_with_the_elected_of_droops_reports() -> None:
    """eq1 and eq2 (droop's equal-ranking cases) elect A and C, as droop's reports say."""
    for name in ("eq1", "eq2"):
        election = read_blt(need(DROOP / "blt" / "meek" / f"{name}.blt"))
        assert [election.candidates[c] for c in count_meek_stv(election).elected] == ["A", "C"]


def test_a_group_of_equal_candidates_shares_what_passes_to_it_equally() -> None:
    # A is elected with 6 of 9 (quota 3) and keeps 3; the other 3 split between B=C, 1.5 each.
    election = Election(
        ("A", "B", "C", "D"),
        (Ballot((0, 1, 2), 6, frozenset({2})), Ballot((3,), 2), Ballot((1,), 1)),
        seats=2,
    )
    stages = count_meek_stv(election).stages
    assert [format_units(v, PLACES, 4) for v in stages[2].votes] == [
        "3.0000",
        "2.5000",
        "1.5000",
        "2.0000",
    ]
    assert stages[2].excluded == (2,)
    # With C out, B alone is left in the group and takes the whole 3.
    assert format_units(stages[3].votes[1], PLACES, 4) == "4.0000"
    assert stages[3].elected == (1,)


def test_a_paper_passes_over_a_group_whose_candidates_are_all_excluded() -> None:
    # B=C come first on 2 papers, then D. B and C are excluded together as sure losers; their
    # papers then pass over them to D (droop would end them there, and elect E instead).
    election = Election(
        ("A", "B", "C", "D", "E"),
        (Ballot((1, 2, 3), 2, frozenset({1})), Ballot((0,), 6), Ballot((3,), 3), Ballot((4,), 4)),
        seats=2,
    )
    result = count_meek_stv(election)
    assert [election.candidates[c] for c in result.elected] == ["A", "D"]
    assert format_units(result.stages[-1].votes[3], PLACES, 1) == "5.0"


def test_ers97_converged_stages_match_the_meek_reference_to_2_places() -> None:
    rows = list(csv.reader(need(ELECTIONS / "ers97" / "ers97_meek_reference.csv").open()))
    election = read_blt(need(ELECTIONS / "ers97" / "ers97.blt"))
    result = count_meek_stv(election, batch_defeat=False)
    names = election.candidates
    reference_stages = [int(s) for s in rows[0][1::2] if s]
    converged = [s for s in result.stages if s.kind in ("first preferences", "omega")]
    # Reference stages 1, 2, 4, 6, 9 are first preferences and the converged distributions
    # before each exclusion; their order of exclusion is the same (Monk, Glazier, Wright, Baron).
    assert reference_stages[:5] == [1, 2, 4, 6, 9]
    assert len(converged) == 5
    for column, stage in enumerate(converged):
        for row in rows[2 : 2 + len(names)]:
            expected = row[1 + 2 * column]
            assert float(
                format_units(stage.votes[names.index(row[0])], PLACES, 2)
            ) == pytest.approx(float(expected), abs=0.001), (row[0], column)
        exhausted = next(r for r in rows if r[0] == "Exhausted")[1 + 2 * column]
        assert abs(stage.exhausted - round(float(exhausted) * 10**PLACES)) <= 10**PLACES // 100
    final = {row[0] for row in rows[2 : 2 + len(names)] if row[-1] == "EL"}
    assert {names[c] for c in result.elected} == final
