"""The demo's outcomes: loaded whole from the sample shipped in the repository, every demo group
has its area and official figures for it, read back as published, and Riverside's target shows
how far Southwark has come."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

import groundwork
from groundwork.demo.alliance import load_demo
from groundwork.demo.alliance.groups import GROUPS
from groundwork.demo.alliance.outcomes import CHILD_POVERTY, DATA
from groundwork.groups.models import Group
from groundwork.outcomes.models import GroupArea, IndicatorImport, Observation, Target
from groundwork.outcomes.queries import progress_of, targets_of

pytestmark = pytest.mark.django_db


def test_the_sample_ships_inside_the_repository_small_and_with_its_sources():
    package = Path(groundwork.__file__).resolve().parent
    files = [path for path in DATA.rglob("*") if path.is_file()]
    assert DATA.is_relative_to(package)
    assert (DATA / "SOURCES.md").exists()
    assert sum(path.stat().st_size for path in files) < 150_000


def published(name: str, year: str) -> str:
    """The figure's text for the area named, in the year, as the Stat-Xplore sample has it."""
    rows = list(csv.reader(io.StringIO(CHILD_POVERTY.read_text(encoding="utf-8"))))
    column = [cell.removesuffix(" (p)") for cell in rows[0]].index(year)
    return next(row[column] for row in rows if row and row[0] == name)


def test_every_demo_group_has_its_area_and_figures_read_back_as_published():
    load_demo()
    for demo in GROUPS:
        group = Group.objects.get(name=demo.name)
        area = GroupArea.objects.get(group=group).area
        assert area.gss_code == demo.ons_code
        assert Observation.objects.filter(area=area).count() >= 10, demo.name
    southwark = Observation.objects.get(
        area__gss_code="E09000028",
        indicator__slug="children-in-relative-low-income-families",
        period="2020/21",
    )
    assert southwark.published == published("Southwark", "2020/21") == "12920"
    cardiff = Observation.objects.get(
        area__gss_code="W06000015",
        indicator__slug="children-in-relative-low-income-families",
        period="2021/22",
    )
    assert cardiff.published == published("Cardiff / Caerdydd", "2021/22")
    assert cardiff.status == Observation.Status.PROVISIONAL
    assert cardiff.area.name_cy == "Caerdydd"
    uk = Observation.objects.get(area__gss_code="K02000001", period="2021/22")
    assert uk.published == published("Total", "2021/22") == "3042543"
    manchester = Observation.objects.get(
        area__gss_code="E08000003", indicator__slug="healthy-life-expectancy-female"
    )
    assert (manchester.published, manchester.lower_ci) == ("58.6", Decimal("56.6"))
    imports = IndicatorImport.objects.all()
    assert imports.count() == 5
    assert all(i.status == "done" and i.skipped == 0 and i.added for i in imports)


def test_riversides_target_shows_southwark_on_its_way_and_manchester_waits_for_figures(client):
    load_demo()
    riverside = Group.objects.get(name="Riverside Action Group")
    target = targets_of(riverside).get()
    assert (target.area.gss_code, target.objective.number) == ("E09000028", 2)
    assert (target.baseline_period, target.baseline_value) == ("2020/21", Decimal(12920))
    assert (target.by_period, target.target_value) == ("2028/29", Decimal(11628))
    progress = progress_of(target)
    # 12,920 down to 12,045 (provisional) of the 1,292 fewer children aimed at.
    assert progress.latest and progress.latest.period == "2021/22"
    assert (progress.percent, progress.standing, progress.provisional) == (68, "on_track", True)
    for url in (
        reverse("outcomes:targets", args=[riverside.slug]),
        reverse("groups:detail", args=[riverside.slug]),
    ):
        page = client.get(url).content.decode()
        assert "Children in relative low-income families" in page and "Southwark" in page, url
    manchester = targets_of(Group.objects.get(name="Manchester Action Group")).get()
    assert manchester.indicator.slug == "life-satisfaction"
    assert progress_of(manchester).standing == "no_new_figure"


def test_loading_the_demo_again_adds_no_areas_figures_or_targets(settings, tmp_path):
    settings.BASE_DIR = tmp_path  # the tellers' keys file goes beside the demo database
    call_command("load_demo", stdout=io.StringIO())
    counts = (Observation.objects.count(), Target.objects.count(), GroupArea.objects.count())
    call_command("load_demo", "--if-empty", stdout=io.StringIO())
    again = (Observation.objects.count(), Target.objects.count(), GroupArea.objects.count())
    assert again == counts
