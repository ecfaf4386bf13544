"""What the audit log keeps of a change: the values before and after, of what changed only.

Every action builds its entry with core.audit's values_of and changes; these entries, written
before that helper existed, must read the same.
"""

import pytest

from groundwork.campaigns import actions as campaigns
from groundwork.core.models import AuditEntry
from groundwork.groups import actions as groups
from groundwork.groups.models import Group

pytestmark = pytest.mark.django_db


def test_a_group_update_keeps_the_old_and_new_values_of_what_changed(riverside, admin):
    hillside = Group.objects.create(name="Hillside", slug="hillside")
    groups.do_update_group(
        riverside,
        values={
            "parent": hillside,
            "latitude": "51.50280",
            "longitude": "-0.08760",
            "description": "Along the river.",
        },
        districts=["SE1", "SE15"],
        acting_user=admin,
    )
    entry = AuditEntry.objects.get(verb="group.updated")
    assert (entry.actor, entry.group_id, entry.target_label) == (admin, riverside.pk, "Riverside")
    assert entry.old == {
        "parent": None,
        "description": "",
        "latitude": None,
        "longitude": None,
        "districts": [],
    }
    assert entry.new == {
        "parent": hillside.pk,
        "description": "Along the river.",
        "latitude": "51.50280",
        "longitude": "-0.08760",
        "districts": ["SE1", "SE15"],
    }


def test_a_new_object_has_none_for_every_old_value_it_sets(riverside, alice):
    campaign = campaigns.do_create_campaign(
        group=riverside, values={"title": "Save the library"}, acting_user=alice
    )
    campaigns.do_save_target(
        campaign,
        target=None,
        values={"kind": "council", "name": "Southwark Council", "email": "a@example.org"},
        acting_user=alice,
    )
    entry = AuditEntry.objects.get(verb="campaign.target_saved")
    fields = ["kind", "name", "role", "email", "ons_codes", "postcode_districts"]
    assert entry.old == dict.fromkeys(fields)
    assert entry.new == {
        "kind": "council",
        "name": "Southwark Council",
        "role": "",
        "email": "a@example.org",
        "ons_codes": "",
        "postcode_districts": "",
    }
