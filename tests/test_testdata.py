"""Missing shared test data skips a test on a developer's machine and fails it in CI
(GROUNDWORK_REQUIRE_TESTDATA), so that CI cannot pass without the official election counts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import testdata

ROOT = Path(__file__).resolve().parent.parent
# A test that reads one file of the shared data and needs no database.
READS_SHARED_DATA = (
    "groundwork/democracy/tests/counting/test_debian_rules.py::test_the_quorum_is_for_schulze_only"
)


def test_the_data_is_found_where_groundwork_testdata_points(monkeypatch, tmp_path):
    monkeypatch.setenv("GROUNDWORK_TESTDATA", str(tmp_path))
    assert testdata.root() == tmp_path
    monkeypatch.delenv("GROUNDWORK_TESTDATA")
    assert testdata.root() == ROOT.parent / "shared" / "testdata"


def test_a_file_that_is_there_is_handed_back(monkeypatch, tmp_path):
    monkeypatch.setenv("GROUNDWORK_REQUIRE_TESTDATA", "true")
    (tmp_path / "ballots.blt").write_text("2 1\n")
    assert testdata.need(tmp_path / "ballots.blt") == tmp_path / "ballots.blt"


def test_a_missing_file_skips_the_test_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("GROUNDWORK_REQUIRE_TESTDATA", raising=False)
    with pytest.raises(pytest.skip.Exception, match="missing.blt"):
        testdata.need(tmp_path / "missing.blt")


def test_a_missing_file_fails_the_test_where_the_data_is_required(monkeypatch, tmp_path):
    monkeypatch.setenv("GROUNDWORK_REQUIRE_TESTDATA", "true")
    with pytest.raises(pytest.fail.Exception, match="missing.blt.*GROUNDWORK_REQUIRE_TESTDATA"):
        testdata.need(tmp_path / "missing.blt")


def run_pytest_on_missing_data(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess:
    """Run one real test that reads the shared data, pointed at a folder that does not exist."""
    keep = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GROUNDWORK_", "DATABASE_URL", "PYTEST_"))
    }
    environment = keep | {"GROUNDWORK_TESTDATA": str(tmp_path / "nowhere")} | environment
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-rs", READS_SHARED_DATA],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_ci_fails_a_test_whose_shared_data_is_missing(tmp_path):
    result = run_pytest_on_missing_data(tmp_path, GROUNDWORK_REQUIRE_TESTDATA="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout
    assert f"{tmp_path / 'nowhere'}" in result.stdout


def test_a_developer_without_the_shared_data_sees_the_test_skip_and_why(tmp_path):
    result = run_pytest_on_missing_data(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "set GROUNDWORK_TESTDATA" in result.stdout
