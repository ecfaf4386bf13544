"""Scottish STV against droop's reference reports and Glasgow's official Linn stage report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from groundwork.democracy.counting.blt import read_blt
from groundwork.democracy.counting.model import format_units
from groundwork.democracy.counting.scottish import count_scottish_stv

from .data import DROOP, ELECTIONS, files, need, same_name
from .droop_reports import read_scottish_report

REPORTS = files(DROOP / "ref" / "report", "*-scotland-fixed-p5-d5.txt") + files(
    DROOP / "ref" / "report" / "scotland", "*-scotland-fixed-p5-d5.txt"
)


def _ballot_file(report: Path) -> Path:
    stem = report.name.removesuffix("-scotland-fixed-p5-d5.txt")
    folder = DROOP / "blt" / ("scotland" if report.parent.name == "scotland" else "")
    return folder / f"{stem}.blt"


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name.removesuffix("-fixed-p5-d5.txt"))
def test_every_stage_matches_droops_scottish_report(report: Path) -> None:
    reference = read_scottish_report(need(report))
    election = read_blt(need(_ballot_file(report)))
    result = count_scottish_stv(election)
    names = [same_name(n) for n in election.candidates]
    assert result.quota is not None
    assert format_units(result.quota, 5) == reference.quota
    assert len(result.stages) == len(reference.stages)
    for number, (stage, expected) in enumerate(
        zip(result.stages, reference.stages, strict=True), start=1
    ):
        votes = {
            names[c]: format_units(v, 5)
            for c, v in enumerate(stage.votes)
            if c not in election.withdrawn
        }
        assert votes == {same_name(k): v for k, v in expected.votes.items()}, f"stage {number}"
        # droop reports truncation loss separately as "Residual".
        assert format_units(stage.exhausted, 5) == expected.nontransferable, f"stage {number}"
        assert format_units(stage.lost_to_rounding, 5) == expected.residual, f"stage {number}"
        assert [names[c] for c in stage.elected] == [same_name(n) for n in expected.elected]
        assert [names[c] for c in stage.excluded] == [same_name(n) for n in expected.excluded]


def test_linn_2007_matches_the_official_glasgow_stage_report() -> None:
    official = json.loads(
        need(
            ELECTIONS / "scotland_official" / "loomio_stage_reports" / "linn07_stages.json"
        ).read_text(encoding="utf-8")
    )
    election = read_blt(need(DROOP / "blt" / "scotland" / "Linn-2007.blt"))
    result = count_scottish_stv(election)
    names = election.candidates
    assert result.valid_votes == official["valid_votes"]
    assert result.quota is not None
    assert format_units(result.quota, 5) == official["quota"]
    assert len(result.stages) == len(official["stages"])
    for number, (stage, expected) in enumerate(
        zip(result.stages, official["stages"], strict=True), start=1
    ):
        # The official report leaves excluded candidates blank after their exclusion stage.
        shown = {name: value for name, value in expected["votes"].items() if value is not None}
        votes = {names[c]: format_units(v, 5) for c, v in enumerate(stage.votes)}
        assert {k: votes[k] for k in shown} == shown, f"stage {number}"
        # Officially, non-transferable includes the value lost to truncation.
        assert format_units(stage.non_transferable, 5) == expected["non_transferable"]
        assert [names[c] for c in stage.elected] == expected["elected"]
        assert [names[c] for c in stage.excluded] == expected["excluded"]
        subject = stage.subject if stage.kind == "surplus" else None
        surplus_of = None if subject is None else names[subject]
        assert surplus_of == expected["surplus"]
