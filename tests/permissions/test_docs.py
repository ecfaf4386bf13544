"""docs/permissions.md keeps up with the matrix and the rules."""

import re

from django.conf import settings

from tests.permissions.matrix import MATRIX


def test_docs_name_every_route_and_every_rule():
    import rules

    docs = (settings.BASE_DIR / "docs" / "permissions.md").read_text()
    named = set(re.findall(r"`([\w:.]+)`", docs))
    assert set(MATRIX) - named == set(), "routes of the matrix missing from docs/permissions.md"
    group_rules = {name for name in rules.permissions.permissions if name.startswith("groups.")}
    assert group_rules - named == set(), "rules missing from docs/permissions.md"
