"""The campaigns of the demo alliance and the signatures of the national-scale dataset."""

import pytest

from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.demo.alliance.campaigns import load_demo_campaigns
from groundwork.demo.scale.campaigns import add_scale_signatures
from groundwork.groups.tests.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_scale_adds_the_signatures_asked_for_with_counts_that_match(riverside, hillside):
    seen = []
    add_scale_signatures(
        group_ids=[riverside.pk, hillside.pk],
        signatures=1234,
        seed=1,
        progress=lambda label, done, total: seen.append((label, done, total)),
    )
    assert Signature.objects.filter(verified_at__isnull=False).count() == 1234
    assert sum(Petition.objects.values_list("signature_count", flat=True)) == 1234
    assert seen[-1] == ("signatures", 1234, 1234)


def test_scale_with_no_signatures_adds_nothing(riverside):
    add_scale_signatures(group_ids=[riverside.pk], signatures=0, seed=1, progress=print)
    assert not Campaign.objects.exists()


def test_the_demo_adds_local_campaigns_with_real_councils(admin):
    groups = {
        name: GroupFactory(name=name, slug=name.lower().replace(" ", "-"))
        for name in ("Hillside Action Group", "Riverside Action Group", "Manchester Action Group")
    }
    people = {"alice@example.org": UserFactory(email="alice@example.org")}
    load_demo_campaigns(coordinator=admin, groups=groups, people=people)
    assert Campaign.objects.filter(group=None).count() == 1
    library = Campaign.objects.get(title="Save Catford Library")
    assert library.targets.filter(name="Lewisham Council", ons_codes="E09000023").exists()
    petition = library.petitions.get()
    assert (
        petition.signature_count
        == petition.signatures.filter(verified_at__isnull=False).count()
        > 0
    )
    assert hasattr(library, "letter_template")
