"""In a big group, stewards are named by typing, not ticked in a list of every member: the list
was a megabyte of checkboxes (6,492 for the biggest group of the scale dataset)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(monkeypatch, riverside):
    """Riverside counts as big: past the size where the checkboxes give way to names."""
    monkeypatch.setattr("groundwork.events.forms.STEWARD_CHECKBOXES_UP_TO", 0)
    return riverside


def protest(**values):
    starts = (timezone.localtime() + timedelta(days=10)).replace(hour=11, minute=0)
    return {
        "title": "March for homes",
        "kind": "protest",
        "starts": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends": (starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "Europe/London",
        "visibility": "public",
        "address": "Tooley Street",
        "capacity": "",
    } | values


def create(client, data):
    return client.post(reverse("events:create", args=["riverside"]), data)


def test_a_big_groups_form_asks_for_names_instead_of_listing_every_member(big, alice, bob):
    html = client_for(alice).get(reverse("events:create", args=["riverside"])).content.decode()
    assert '<textarea name="stewards"' in html
    assert 'type="checkbox" name="stewards"' not in html and bob.name not in html


def test_a_small_groups_form_still_lists_its_members(riverside, alice, bob):
    html = client_for(alice).get(reverse("events:create", args=["riverside"])).content.decode()
    assert 'type="checkbox" name="stewards"' in html and bob.name in html


def test_alice_names_bob_as_a_steward_in_any_case(big, alice, bob):
    response = create(client_for(alice), protest(stewards=f"  {bob.name.upper()}  \n"))
    event = Event.objects.get(title="March for homes")
    assert response.status_code == 302
    assert list(event.stewards.all()) == [bob]


def test_a_name_nobody_in_the_group_has_is_told_at_the_field_and_kept(big, alice, carol):
    """Carol is a member of Hillside, not Riverside."""
    response = create(client_for(alice), protest(stewards=f"{carol.name}\n"))
    assert response.status_code == 400
    assert response.context["form"].errors["stewards"] == [
        f"No member here is called “{carol.name}”."
    ]
    assert carol.name in response.content.decode()  # what was typed stays
    assert not Event.objects.filter(title="March for homes").exists()


def test_a_shared_name_is_refused_with_labels_that_tell_them_apart_and_a_label_works(big, alice):
    older = UserFactory(display_name="Sam Patel")
    older.date_joined = timezone.now() - timedelta(days=400)
    older.save()
    newer = UserFactory(display_name="Sam Patel")
    join(big, older), join(big, newer)
    client = client_for(alice)
    refused = create(client, protest(stewards="sam patel"))
    (message,) = refused.context["form"].errors["stewards"]
    assert message.startswith("Several members are called “sam patel”: write one of ")
    label = next(part for part in message.split(": write one of ")[1].split("; "))
    label = label.rstrip(".")
    assert label.startswith("Sam Patel, joined ")
    assert "@" not in message  # never an email address
    accepted = create(client, protest(stewards=label))
    assert accepted.status_code == 302
    assert Event.objects.get(title="March for homes").stewards.count() == 1


def test_editing_shows_the_stewards_names_to_keep_or_change(big, alice, bob):
    event = plan_event(big, alice, kind="protest", stewards=[bob])
    html = client_for(alice).get(reverse("events:edit", args=[event.pk])).content.decode()
    assert f">{bob.name}</textarea>" in html or f">\n{bob.name}</textarea>" in html


def test_a_nul_or_a_flood_of_names_is_told_at_the_field_never_a_server_error(big, alice):
    client = client_for(alice)
    nul = create(client, protest(stewards="Bob\x00"))
    assert nul.status_code == 400 and nul.context["form"].errors["stewards"]
    flood = create(client, protest(stewards="\n".join(f"Person {n}" for n in range(101))))
    assert flood.context["form"].errors["stewards"] == ["Name at most 100 people here."]
