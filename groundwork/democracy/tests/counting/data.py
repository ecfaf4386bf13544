"""Where the shared election data lives, and a skip that says what is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parents[4]
TESTDATA = Path(os.environ.get("GROUNDWORK_TESTDATA", _REPO.parent / "shared" / "testdata"))
ELECTIONS = TESTDATA / "elections"
DROOP = ELECTIONS / "droop_jklundell"


def need(path: Path) -> Path:
    """Return the path, or skip the test saying which file is missing and how to point to it."""
    if not path.exists():
        pytest.skip(
            f"election test data missing: {path} (set GROUNDWORK_TESTDATA to the folder "
            "holding elections/, e.g. /work/shared/testdata)"
        )
    return path


def files(folder: Path, pattern: str) -> list[Path]:
    """Files for parametrising; an empty folder gives one placeholder that will skip."""
    found = sorted(folder.glob(pattern)) if folder.exists() else []
    return found or [folder / f"(no {pattern} found)"]


def same_name(name: str) -> str:
    """droop prints names with runs of spaces collapsed; compare names the same way."""
    return " ".join(name.split())
