"""Where the shared election data lives; `need` skips, or fails in CI, when a file is missing."""

from __future__ import annotations

from pathlib import Path

from tests.testdata import need, root

__all__ = ["DROOP", "ELECTIONS", "files", "need", "same_name"]

ELECTIONS = root() / "elections"
DROOP = ELECTIONS / "droop_jklundell"


def files(folder: Path, pattern: str) -> list[Path]:
    """Files for parametrising; an empty folder gives one placeholder that `need` refuses."""
    found = sorted(folder.glob(pattern)) if folder.exists() else []
    return found or [folder / f"(no {pattern} found)"]


def same_name(name: str) -> str:
    """droop prints names with runs of spaces collapsed; compare names the same way."""
    return " ".join(name.split())
