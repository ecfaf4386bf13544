"""docs/permissions.md keeps up with the matrix and the rules."""

import importlib
import re

import rules
from django.conf import settings

from tests.permissions.matrix import MATRIX

GROUNDWORK = settings.BASE_DIR / "groundwork"


def named_in_the_docs() -> set[str]:
    docs = (settings.BASE_DIR / "docs" / "permissions.md").read_text()
    return set(re.findall(r"`([\w:.-]+)`", docs))


def every_rule() -> set[str]:
    """Every rule registered by an app's rules.py, each imported here so none is missed."""
    apps = sorted(path.parent.name for path in GROUNDWORK.glob("*/rules.py"))
    for app in apps:
        importlib.import_module(f"groundwork.{app}.rules")
    registered = set(rules.permissions.permissions)
    # Only Groundwork registers rules (the admin asks Django's model permissions, not these):
    # a rule of another app would need a decision here, not a silent pass.
    assert {name.split(".")[0] for name in registered} <= set(apps), sorted(registered)
    return registered


def test_docs_name_every_route():
    assert set(MATRIX) - named_in_the_docs() == set(), "routes missing from docs/permissions.md"


def test_docs_name_every_rule():
    registered = every_rule()
    assert len(registered) > 50 and {"groups.manage_group", "democracy.open_vote"} <= registered
    assert registered - named_in_the_docs() == set(), "rules missing from docs/permissions.md"
