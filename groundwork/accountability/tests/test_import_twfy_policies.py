"""import_votes --twfy-policies: TheyWorkForYou's current policy files, read as published and
imported beside Public Whip's 2013 versions of the same policies; the divisions they name after
the vote matrix are stored without votes, and a link a newer file drops is removed."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from groundwork.accountability.models import Division, Policy, PolicyDivision
from groundwork.accountability.tests.test_import_votes import data, import_register, person

pytestmark = pytest.mark.django_db

# 29 + 15 + 9 Commons links; 29 of the divisions they name are in neither Public Whip file.
SUMMARY = (
    "34671 rows: 34565 added, 0 updated, 0 unchanged, 106 skipped (462 divisions, 33574 votes, "
    "32 policies, 497 policy divisions); 672 members joined to the register, 0 not joined, "
    "0 removed (0 votes, 0 policy divisions)"
)


def import_votes(policies: Path) -> str:
    out = StringIO()
    folder = data("publicwhip_2013").parent
    call_command(
        "import_votes", str(folder), twfy_policies=str(policies), stdout=out, stderr=StringIO()
    )
    return out.getvalue().splitlines()[-1]


def test_theyworkforyous_policies_are_imported_beside_public_whips(client, tmp_path):
    import_register()
    policies = tmp_path / "policies"
    shutil.copytree(data("twfy_votes_policies"), policies)

    assert import_votes(policies) == SUMMARY

    current = Policy.objects.get(source__slug="theyworkforyou-policies", external_id="1110")
    of_2013 = Policy.objects.get(source__slug="publicwhip", external_id="1110")
    assert (current.title, of_2013.title) == ("VAT rate", "Increase VAT")
    assert current.policy_divisions.count() == 29
    later = Division.objects.get(date=date(2020, 11, 10), number=163)
    assert not later.recorded and not later.votes.exists()
    strong = PolicyDivision.objects.get(
        policy__external_id="1136",
        policy__source__slug="theyworkforyou-policies",
        division__number=91,
    )
    assert (strong.position, strong.strength) == ("no", "strong")  # "against", "strong"
    george = person(40572)
    page = client.get(reverse("accountability:representative", args=[george.pk])).content.decode()
    assert "VAT rate" in page and "Increase VAT" in page

    again = import_votes(policies)
    assert again.startswith("34671 rows: 0 added, 0 updated, 34565 unchanged, 106 skipped")

    text = (policies / "1136.yml").read_text()
    link = "- decision:\n    chamber_slug: commons\n    date: 2010-10-20\n    division_number: 91\n"
    start = text.index(link)
    end = text.index("- decision:", start + 1)
    (policies / "1136.yml").write_text(text[:start] + text[end:])
    newer = import_votes(policies)
    assert newer.endswith("1 removed (0 votes, 1 policy divisions)")
    assert not PolicyDivision.objects.filter(pk=strong.pk).exists()


def test_a_file_that_is_not_a_policy_is_refused_by_name(tmp_path):
    (tmp_path / "notes.yml").write_text("just: a note\n")
    out = StringIO()
    with pytest.raises(CommandError, match="notes.yml is not a TheyWorkForYou policy"):
        call_command(
            "import_votes",
            str(data("publicwhip_2013").parent),
            twfy_policies=str(tmp_path),
            stdout=out,
            stderr=StringIO(),
        )
