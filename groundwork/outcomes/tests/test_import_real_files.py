"""The importer end to end on the real files of uk_indicators, through import_indicator and the
real parsers: values read back digit for digit, suppressed stays suppressed, a re-import is a
no-op. (How long each file takes is measured in bench/outcomes_pages.py, never in a test.)"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from groundwork.outcomes.models import Area, Observation
from tests.testdata import need, root

pytestmark = pytest.mark.django_db
SUMMARY = re.compile(r"^(\d+) rows: (\d+) added, (\d+) updated, (\d+) unchanged, (\d+) skipped$")


def indicators_file(relative: str) -> Path:
    return need(root() / "uk_indicators" / relative)


@pytest.fixture
def areas(db):
    call_command(
        "import_areas", str(need(root() / "representatives" / "lookups")), stdout=StringIO()
    )


def import_file(path: Path, *options: str) -> tuple[list[str], tuple[int, ...]]:
    out = StringIO()
    call_command("import_indicator", str(path), *options, stdout=out, stderr=StringIO())
    lines = out.getvalue().splitlines()
    match = SUMMARY.match(lines[-1])
    assert match, lines[-1]
    counts = tuple(int(group) for group in match.groups())
    assert counts[0] == sum(counts[1:])
    return lines, counts


def figure(code: str, period: str) -> Observation:
    return Observation.objects.get(area__gss_code=code, period=period)


def test_statxplore_names_resolve_and_the_total_is_the_uks(areas):
    path = indicators_file(
        "child_poverty/dwp_statxplore_children_relative_low_income_ltla_14-22.csv"
    )
    lines, (rows, added, _updated, unchanged, skipped) = import_file(path)
    assert added > 370 * 8 and unchanged == 0
    assert any(line.startswith("skipped line 377:") for line in lines)  # "Unknown", never guessed
    assert figure("E06000001", "2014/15").published == "4325"
    total = Observation.objects.get(area__gss_code="K02000001", period__startswith="2021/22")
    assert (total.published, total.status) == ("3042543", "provisional")
    assert Area.objects.get(gss_code="W06000015").name_cy == "Caerdydd"
    assert Observation.objects.filter(area__gss_code="W06000015").count() == 8

    _lines, again = import_file(path)
    assert again == (rows, 0, 0, added, skipped)


def test_ons_subnational_figures_read_back_as_published(areas):
    _lines, counts = import_file(
        indicators_file("ons_subnational_indicators_2022/Life satisfaction-Table 1.csv")
    )
    assert counts[1] > 350
    hartlepool = Observation.objects.get(area__gss_code="E06000001")
    assert hartlepool.published == "7.33"
    assert Observation.objects.get(area__gss_code="E06000058").published == "7.46"
    _lines, again = import_file(
        indicators_file("ons_subnational_indicators_2022/Life satisfaction-Table 1.csv")
    )
    assert again[1:3] == (0, 0)


def test_a_suppressed_mark_is_stored_suppressed_never_as_zero(areas):
    import_file(indicators_file("ons_subnational_indicators_2022/Weekly pay-Table 1.csv"))
    scilly = Observation.objects.filter(area__gss_code="E06000053")
    assert scilly.exists()
    assert all(o.status == "suppressed" and o.value is None for o in scilly)


def test_the_english_indices_keep_every_digit_of_the_score(areas):
    import_file(indicators_file("imd_humaniverse/English IMD - Local Authorities.csv"))
    published = set(
        Observation.objects.filter(area__gss_code="E06000001").values_list("published", flat=True)
    )
    assert "35.036692631192025" in published


def test_fingertips_files_import_and_reimport_as_a_no_op(areas):
    for name in [
        "health_adults_depression.csv",
        "health_healthy_life_expectancy.csv",
        "poverty_children_poverty.csv",
        "poverty_fuel_poverty.csv",
    ]:
        path = indicators_file(f"trafford_datalab_tidy/{name}")
        _lines, first = import_file(path)
        assert first[1] > 0, name
        _lines, again = import_file(path)
        assert again[1:3] == (0, 0), name
    england = Observation.objects.filter(area__gss_code="E92000001", period="2013/14")
    assert "6.5" in set(england.values_list("published", flat=True))
    # Trafford's wards before 2023 are found by their codes.
    assert Observation.objects.filter(area__gss_code="E05000819").exists()
