"""The command line, run as a separate process like a returning officer would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .data import DROOP, ELECTIONS, need

REPO = Path(__file__).resolve().parents[4]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "groundwork.democracy.counting", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def test_scottish_count_as_json_has_the_documented_shape() -> None:
    done = run("stv-scottish", str(need(DROOP / "blt" / "scotland" / "Linn-2007.blt")), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"method", "seats", "quota", "elected", "stages"} <= set(data)
    assert data["method"] == "stv-scottish" and data["seats"] == 4
    assert data["quota"] == "1914.00000"
    assert data["elected"] == ["David Ritchie", "Sadie Docherty", "Margot Clark", "John McKenzie"]
    second = data["stages"][1]
    assert second["votes"]["Esme H Clark"] == "905.13482"
    assert second["non_transferable"] == "36.18420"
    assert {"votes", "non_transferable", "elected", "excluded"} <= set(second)


def test_table_lists_every_stage() -> None:
    done = run("stv-scottish", str(need(DROOP / "blt" / "scotland" / "Linn-2007.blt")))
    assert done.returncode == 0
    assert "exclusion of Gordon Thomson" in done.stdout
    assert "1555.34398" in done.stdout


def test_seats_option_overrides_the_file() -> None:
    done = run(
        "stv-scottish",
        str(need(DROOP / "blt" / "scotland" / "Linn-2007.blt")),
        "--seats",
        "1",
        "--json",
    )
    assert json.loads(done.stdout)["seats"] == 1
    assert len(json.loads(done.stdout)["elected"]) == 1


def test_schulze_json_puts_the_ranking_in_ranking() -> None:
    done = run("schulze", str(need(ELECTIONS / "debian_tally" / "leader2020_tally.txt")), "--json")
    data = json.loads(done.stdout)
    assert data["quota"] is None and data["stages"] is None
    assert data["elected"] == data["ranking"][:1]
    assert len(data["ranking"]) == 4


@pytest.mark.parametrize("method", ["irv", "approval", "stv-meek"])
def test_other_methods_run_on_a_real_file(method: str) -> None:
    done = run(method, str(need(ELECTIONS / "votelib" / "maemo.blt")), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["method"] == method


def test_majority_reads_a_tally(tmp_path: Path) -> None:
    tally = tmp_path / "motion.txt"
    tally.write_text("yes: 20\nno: 10\nabstain: 3\nelectorate: 50\nquorum: 1/2\nthreshold: 2/3\n")
    data = json.loads(run("majority", str(tally), "--json").stdout)
    assert data["passed"] is True and data["threshold"] == "2/3"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ('2 1\n1 3 0\n0\n"A"\n"B"\n', "unknown candidate 3"),
        ('2 1\n1 1 1 0\n0\n"A"\n"B"\n', "ranked twice"),
    ],
)
def test_bad_input_exits_2_with_one_message_and_no_traceback(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "ballots.blt"
    if content is not None:
        path.write_text(content)
    done = run("stv-scottish", str(path))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
