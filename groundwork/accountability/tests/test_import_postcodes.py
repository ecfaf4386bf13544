"""`import_postcodes` on the real directory samples: what the person running it sees (each
skipped row and why, the summary line) and what the postcodes then hold."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from groundwork.accountability.models import Postcode
from groundwork.core.models import AuditEntry
from tests import testdata

pytestmark = pytest.mark.django_db


def sample(release: str) -> Path:
    return testdata.need(
        testdata.root()
        / "representatives"
        / "lookups"
        / f"dc_uk-geo-utils_onspd_{release}_test.csv"
    )


def run(path: Path, *extra: str) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_postcodes", str(path), *extra, stdout=out, stderr=err)
    assert "4/4" in err.getvalue()  # the progress bar, rows done of rows in the file
    return out.getvalue().splitlines()


def test_may_2018_adds_its_two_english_postcodes_and_reports_the_isle_of_man_rows():
    lines = run(sample("may2018"))
    assert lines[0].endswith("ONSPD May 2018 (pcd, osward, oslaua, pcon of 2010)")
    assert lines[1].startswith("skipped line 4: IM1 1AA: no ward, constituency")
    assert lines[2].startswith("skipped line 5: IM1 1AD")
    assert lines[-1] == "4 rows: 2 added, 0 updated, 0 unchanged, 2 skipped"
    postcode = Postcode.objects.get(postcode="AL1 1AA")
    assert (postcode.district, postcode.ward_gss, postcode.constituency_gss) == (
        "AL1",
        "E05004803",
        "E14000960",
    )
    assert postcode.authority_gss == "E07000240" and postcode.terminated == date(1994, 5, 1)
    entry = AuditEntry.objects.get(verb="postcodes.imported")
    assert entry.new == {"rows": 4, "added": 2, "updated": 0, "unchanged": 0, "skipped": 2}


def test_the_same_file_twice_changes_nothing():
    run(sample("may2018"))
    before = list(Postcode.objects.values())
    assert run(sample("may2018"))[-1] == "4 rows: 0 added, 0 updated, 2 unchanged, 2 skipped"
    assert list(Postcode.objects.values()) == before


def test_a_newer_release_moves_postcodes_to_their_new_ward_and_constituency():
    run(sample("may2018"))
    assert run(sample("aug2024"))[-1] == "4 rows: 0 added, 2 updated, 0 unchanged, 2 skipped"
    postcode = Postcode.objects.get(postcode="AL1 1AA")
    assert (postcode.ward_gss, postcode.constituency_gss) == ("E05013966", "E14001507")


def test_november_2025_adds_the_aberdeen_postcodes_in_small_chunks_alike():
    lines = run(sample("nov2025"), "--chunk-size", "2")
    assert lines[-1] == "4 rows: 3 added, 0 updated, 0 unchanged, 1 skipped"
    assert list(Postcode.objects.values_list("postcode", "ward_gss", "constituency_gss")) == [
        ("AB1 0AA", "S13002843", "S14000061"),
        ("AB1 0AB", "S13002843", "S14000061"),
        ("AB1 0AD", "S13002843", "S14000061"),
    ]


def test_a_dry_run_reports_and_changes_nothing():
    lines = run(sample("nov2025"), "--dry-run")
    assert "dry run: nothing was changed" in lines
    assert lines[-1] == "4 rows: 3 added, 0 updated, 0 unchanged, 1 skipped"
    assert not Postcode.objects.exists()


def test_a_postcode_twice_in_one_file_is_reported_once_kept(tmp_path):
    text = sample("nov2025").read_text(encoding="utf-8")
    header, first = text.splitlines()[:2]
    path = tmp_path / "repeated.csv"
    path.write_text(f"{header}\n{first}\n{first}\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_postcodes", str(path), stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert "skipped line 3: AB1 0AA again (first on line 2)" in lines
    assert lines[-1] == "2 rows: 1 added, 0 updated, 0 unchanged, 1 skipped"


def test_a_file_of_an_unknown_release_is_refused_with_its_missing_columns(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("postcode,ward,constituency\nAL1 1AA,E05004803,E14000960\n", encoding="utf-8")
    with pytest.raises(CommandError, match="columns are missing: pcds"):
        call_command("import_postcodes", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Postcode.objects.exists()
