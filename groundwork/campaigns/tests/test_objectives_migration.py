"""Campaigns' free-text objectives become links to the platform's objectives; no words are lost.

The migration's logic is tested on plain objects: running migrations backwards and forwards
needs a transactional test, whose flush would take the seeded platform from the tests after it.
"""

import importlib
from types import SimpleNamespace

migration = importlib.import_module(
    "groundwork.campaigns.migrations.0003_campaign_objectives_from_text"
)
PLATFORM = [
    SimpleNamespace(number=1, title="Local action groups and self-help projects"),
    SimpleNamespace(number=2, title="Street protests against cuts"),
    SimpleNamespace(number=5, title="Events that demystify economics"),
]


def test_lines_naming_an_objective_by_title_or_number_become_links():
    text = "STREET PROTESTS AGAINST CUTS\n\n5\n1. Local action groups and self-help projects\n"
    linked, unmatched = migration.split_objectives(text, PLATFORM)
    assert [objective.number for objective in linked] == [2, 5, 1] and unmatched == []


def test_lines_naming_no_objective_are_kept_at_the_end_of_the_description():
    text = "Public services for people\n2. Something else\n7"
    linked, unmatched = migration.split_objectives(text, PLATFORM)
    assert linked == [] and unmatched == ["Public services for people", "2. Something else", "7"]
    assert migration.description_keeping("Our story.\n", unmatched) == (
        "Our story.\n\n**Working towards:**\n\n"
        "- Public services for people\n- 2. Something else\n- 7"
    )
    assert migration.description_keeping("", ["A"]) == "**Working towards:**\n\n- A"
    assert migration.description_keeping("Our story.", []) == "Our story."
