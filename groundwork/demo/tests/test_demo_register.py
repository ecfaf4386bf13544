"""The demo's register: loaded whole from the sample shipped in the repository, a newcomer
finds their MP from a demo postcode, reads a scorecard and sees a pledge broken."""

from pathlib import Path

import pytest
from django.urls import reverse

import groundwork
from groundwork.accountability.models import Membership, Person, PledgeAnswer, Policy, Postcode
from groundwork.demo.alliance import load_demo
from groundwork.demo.alliance.groups import GROUPS
from groundwork.demo.alliance.representatives import DATA

pytestmark = pytest.mark.django_db


def test_the_sample_ships_inside_the_repository_small_and_with_its_sources():
    package = Path(groundwork.__file__).resolve().parent
    files = [path for path in DATA.rglob("*") if path.is_file()]
    assert DATA.is_relative_to(package)
    assert (DATA / "SOURCES.md").exists()
    assert sum(path.stat().st_size for path in files) < 200_000


def test_a_newcomer_finds_an_mp_reads_a_scorecard_and_sees_a_broken_pledge(client):
    load_demo()
    listing = client.get(reverse("accountability:representatives")).content.decode()
    assert "Harriet Harman" in listing and "Camberwell and Peckham" in listing
    found = client.get(reverse("accountability:find"), {"postcode": "se15 5aa"}).content.decode()
    assert "Camberwell and Peckham" in found and "E14000615" in found
    assert "Harriet Harman" in found
    harman = Person.objects.get(name="Harriet Harman")
    page = client.get(reverse("accountability:representative", args=[harman.pk])).content.decode()
    assert "Increase VAT" in page and "Against raising VAT" in page
    fees = Policy.objects.get(external_id="1132")
    card = client.get(reverse("accountability:scorecard", args=[harman.pk, fees.pk]))
    assert "9 Dec 2010" in card.content.decode()
    clegg = Person.objects.get(name="Nick Clegg")
    answer = PledgeAnswer.objects.get(person=clegg)
    assert answer.status == PledgeAnswer.Status.SIGNED
    page = client.get(reverse("accountability:representative", args=[clegg.pk])).content.decode()
    assert "Voted against this pledge after signing it" in page
    pledge = client.get(reverse("accountability:pledge", args=[answer.pledge_id])).content.decode()
    assert "Nick Clegg" in pledge and "Greg Mulholland" in pledge


def test_every_demo_district_has_postcodes_and_an_mp_and_manchester_its_by_election():
    load_demo()
    for group in GROUPS:
        for district in group.districts:
            postcodes = Postcode.objects.filter(district=district)
            assert postcodes and {p.authority_gss for p in postcodes} == {group.ons_code}
            for postcode in postcodes:
                serving = Membership.objects.filter(
                    area__gss_code=postcode.constituency_gss, end_date=None
                )
                assert serving.count() == 1, postcode
    seats = Membership.objects.filter(area__name="Manchester Central", end_date__isnull=False)
    assert sorted(seats.values_list("person__name", flat=True)) == ["Lucy Powell", "Tony Lloyd"]
