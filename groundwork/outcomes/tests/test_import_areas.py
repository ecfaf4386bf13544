"""Areas from mySociety's register and the ward lookups: counts, successions, former codes,
renamed wards, name variants, and a second run that changes nothing; groups linked to them."""

from io import StringIO

import pytest
from django.core.management import call_command

from groundwork.core.models import AuditEntry
from groundwork.groups.tests.factories import GroupFactory
from groundwork.outcomes.actions import do_link_group_areas
from groundwork.outcomes.actions.resolving import fold
from groundwork.outcomes.models import Area, AreaName, GroupArea, Succession
from tests.testdata import need, root

pytestmark = pytest.mark.django_db


def lookups():
    return need(root() / "representatives" / "lookups")


def import_areas(*paths) -> str:
    out = StringIO()
    call_command("import_areas", *[str(p) for p in paths], stdout=out)
    return out.getvalue()


@pytest.fixture
def areas():
    return import_areas(lookups())


def test_the_register_gives_every_council_with_a_gss_code_and_the_table_the_countries(areas):
    # 470 authorities: 14 combined authorities, the Greater London Authority and the 25 former
    # Northern Irish districts without a GSS code are not areas here.
    councils = Area.objects.exclude(level__in=["country", "region", "ward"])
    register = councils.exclude(registry_code="")
    assert register.filter(gss_code__in=_register_codes()).count() == 470 - 14 - 1 - 25
    lambeth = Area.objects.get(gss_code="E09000022")
    assert (lambeth.name, lambeth.level, lambeth.nation, lambeth.region) == (
        "Lambeth",
        "unitary",
        "england",
        "London",
    )
    assert lambeth.registry_code == "LBH"
    assert Area.objects.get(gss_code="E10000014").level == "upper_tier"  # Hampshire
    basingstoke = Area.objects.select_related("parent").get(gss_code="E07000084")
    assert basingstoke.parent is not None and basingstoke.parent.gss_code == "E10000014"
    assert Area.objects.get(gss_code="W06000015").nation == "wales"  # Cardiff
    assert Area.objects.filter(level="country").count() == 5
    assert Area.objects.filter(level="region", nation="england").count() == 9
    assert Area.objects.get(gss_code="W92000004").name_cy == "Cymru"
    assert Area.objects.get(gss_code="W06000015").name_cy == ""  # no source says which
    assert "skipped register line" in areas and "Greater London Authority: not a council" in areas


def _register_codes() -> set[str]:
    import csv

    path = lookups() / "mysociety_uk_local_authorities_future.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["gss-code"] for row in csv.DictReader(handle) if row["gss-code"]}


def test_christchurch_leads_on_to_bournemouth_christchurch_and_poole(areas):
    christchurch = Area.objects.get(gss_code="E07000048")
    assert str(christchurch.end_date) == "2019-03-31" and not christchurch.is_current
    succession = Succession.objects.get(predecessor=christchurch)
    assert succession.successor.gss_code == "E06000058"
    assert succession.date == christchurch.end_date
    # The register gives no region for Christchurch: its successor's.
    assert christchurch.region == "South West"
    # Cumbria was split in two.
    cumbria = Succession.objects.filter(predecessor__gss_code="E10000006")
    assert {s.successor.name for s in cumbria} == {"Cumberland", "Westmorland and Furness"}


def test_a_former_gss_code_is_an_area_that_leads_on_to_the_current_code(areas):
    former = Area.objects.get(gss_code="E08000020")
    assert former.name == "Gateshead" and former.registry_code == "GAT"
    assert Succession.objects.get(predecessor=former).successor.gss_code == "E08000037"
    # Names resolve to the current code, not the former one.
    assert not AreaName.objects.filter(area=former).exists()


def test_wards_of_2022_and_2025_are_different_areas_within_their_district(areas):
    old = Area.objects.get(gss_code="E05000819")
    new = Area.objects.get(gss_code="E05015239")
    assert old.name == new.name == "Altrincham"
    assert old.level == new.level == "ward"
    assert old.parent == new.parent == Area.objects.get(gss_code="E08000009")
    assert (old.nation, old.region) == ("england", "North West")
    assert Succession.objects.filter(predecessor=old, successor=new).exists()
    # Manchester's wards kept their codes: one area each.
    assert Area.objects.filter(level="ward", parent__gss_code="E08000003").count() == 32
    assert Area.objects.filter(level="ward").count() == 215 + 215 - 89


def test_a_renamed_ward_is_a_new_area_under_its_new_name_and_is_not_linked_by_guess(areas):
    gorse_hill = Area.objects.get(gss_code="E05000829")
    assert gorse_hill.name == "Gorse Hill"
    renamed = Area.objects.get(level="ward", name__startswith="Gorse Hill &")
    assert renamed.parent == gorse_hill.parent
    assert not Succession.objects.filter(predecessor=gorse_hill).exists()
    assert AreaName.objects.filter(area=renamed, folded=fold(renamed.name)).exists()


def test_every_name_variant_of_the_lookup_names_its_council(areas):
    lambeth = AreaName.objects.filter(area__gss_code="E09000022").values_list("folded", flat=True)
    assert {fold("London Borough of Lambeth"), fold("Lambeth")} <= set(lambeth)
    # Bilingual register names: both halves appear among Cardiff's variants.
    cardiff = set(
        AreaName.objects.filter(area__gss_code="W06000015").values_list("folded", flat=True)
    )
    assert fold("Caerdydd") in cardiff or fold("Cardiff") in cardiff


def test_a_second_run_changes_nothing(areas):
    counts = (
        Area.objects.count(),
        AreaName.objects.count(),
        Succession.objects.count(),
    )
    second = import_areas(lookups())
    assert ": 0 added, 0 updated," in second
    assert "0 names added, 0 successions added" in second
    assert (Area.objects.count(), AreaName.objects.count(), Succession.objects.count()) == counts
    assert AuditEntry.objects.filter(verb="areas.imported").count() == 2


def test_a_dry_run_changes_nothing():
    out = StringIO()
    call_command("import_areas", str(lookups()), "--dry-run", stdout=out)
    assert "dry run: nothing was changed" in out.getvalue()
    assert not Area.objects.exists()


def test_groups_are_linked_to_the_area_of_their_ons_code_once(areas):
    riverside = GroupFactory(name="Riverside", ons_code="E09000028")
    GroupFactory(name="Nowhere", ons_code="E09999999")
    GroupFactory(name="Without a code", ons_code="")
    report = do_link_group_areas(acting_user=None)
    assert report.linked == 1 and report.unknown == [("Nowhere", "E09999999")]
    assert GroupArea.objects.get().area.name == "Southwark"
    again = do_link_group_areas(acting_user=None)
    assert (again.linked, again.already) == (0, 1)
    assert (
        AuditEntry.objects.filter(verb="group.area_linked", target_id=str(riverside.pk)).count()
        == 1
    )


def test_the_command_links_groups_when_it_imports_the_areas():
    GroupFactory(name="Riverside", ons_code="E09000028")
    output = import_areas(lookups())
    assert "1 groups linked to their area, 0 already" in output
    assert GroupArea.objects.count() == 1


def test_a_file_that_is_not_a_file_of_areas_is_refused(tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(Exception, match="not a file of areas"):
        import_areas(bad)
