"""python manage.py import_indicator: the report of skipped rows and the closing summary line,
dry runs, one indicator of a file, and files it cannot read (the parsers stood in for)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from groundwork.outcomes.models import IndicatorImport, Observation
from groundwork.outcomes.tests.factories import england, make_area
from groundwork.outcomes.tests.import_fakes import csv_file, fake_parsers  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_parsers")]

FILE = csv_file(
    "E09000022,Lambeth,2019,7.1",
    "E09000022,Lambeth,2020,..",
    "E99999999,Atlantis,2020,3",
    ",,,",
    "E92000001,England,2020,9.1",
)


@pytest.fixture
def areas(db):
    make_area("E09000022", "Lambeth")
    england()


def command(tmp_path, data=FILE, *options) -> tuple[str, str]:
    path = tmp_path / "depression.csv"
    path.write_bytes(data)
    out, err = StringIO(), StringIO()
    call_command("import_indicator", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_reports_each_skipped_row_then_one_summary_line(areas, tmp_path):
    out, err = command(tmp_path)
    assert out.splitlines() == [
        "skipped line 4: no area has the GSS code E99999999",
        "skipped line 5: no period",
        "5 rows: 3 added, 0 updated, 0 unchanged, 2 skipped",
    ]
    assert "[##############################] 5/5" in err
    assert Observation.objects.count() == 3
    release = IndicatorImport.objects.get()
    assert (release.format, release.status, release.dry_run) == ("fingertips", "done", False)


def test_the_same_file_twice_is_all_unchanged(areas, tmp_path):
    command(tmp_path)
    out, _err = command(tmp_path)
    assert out.splitlines()[-1] == "5 rows: 0 added, 0 updated, 3 unchanged, 2 skipped"


def test_a_dry_run_says_so_and_writes_nothing(areas, tmp_path):
    out, _err = command(tmp_path, FILE, "--dry-run")
    assert out.splitlines()[-2:] == [
        "dry run: nothing was changed",
        "5 rows: 3 added, 0 updated, 0 unchanged, 2 skipped",
    ]
    assert not Observation.objects.exists() and not IndicatorImport.objects.exists()


def test_the_indicator_option_names_the_indicator_of_a_one_indicator_file(areas, tmp_path):
    command(tmp_path, FILE, "--indicator", "depression-2020")
    assert set(Observation.objects.values_list("indicator__slug", flat=True)) == {"depression-2020"}


def test_a_file_of_no_known_format_is_refused_with_the_reason(areas, tmp_path):
    with pytest.raises(CommandError, match="none of the formats"):
        command(tmp_path, b"what,is,this\n1,2,3\n")
    with pytest.raises(CommandError, match="could not be read as fingertips"):
        command(tmp_path, b"what,is,this\n", "--format", "fingertips")
