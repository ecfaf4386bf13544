"""Where the tests find the shared third-party test data, and what they do when it is missing.

The data (official election counts, an iCalendar corpus) lives outside the repository: in
`../shared/testdata` beside the clone, or wherever GROUNDWORK_TESTDATA points. On a developer's
machine a test whose data is missing skips, saying which file it wanted. CI sets
GROUNDWORK_REQUIRE_TESTDATA=true, and there the same test fails: a suite that lost its data must
not pass while checking nothing. Every test that reads the shared data finds it through `root()`
and `need()` here.
"""

import os
from pathlib import Path

import pytest

from config.settings import env_bool

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "testdata"


def root() -> Path:
    """The folder holding the shared test data: GROUNDWORK_TESTDATA, or ../shared/testdata."""
    return Path(os.environ.get("GROUNDWORK_TESTDATA") or DEFAULT_ROOT)


def required() -> bool:
    """Whether missing test data fails the test (GROUNDWORK_REQUIRE_TESTDATA, set by CI)."""
    return env_bool("GROUNDWORK_REQUIRE_TESTDATA", False)


def need(path: Path) -> Path:
    """The path, if it exists; if not, the test skips, or fails where the data is required."""
    if path.exists():
        return path
    message = (
        f"Shared test data missing: {path} (set GROUNDWORK_TESTDATA to the folder of the shared "
        f"test data; it is {root()} now)"
    )
    if required():
        pytest.fail(f"{message}. GROUNDWORK_REQUIRE_TESTDATA is on, so this fails.", pytrace=False)
    pytest.skip(message)
