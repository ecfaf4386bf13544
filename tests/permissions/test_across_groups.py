"""Organising one group gives no rights in another, and a refused POST changes nothing."""

import pytest
from django.urls import reverse

from groundwork.groups.models import Membership
from tests.permissions.matrix import MATRIX
from tests.permissions.world import client_as

RIVERSIDE_ORGANISER_PAGES = ["groups:members", "groups:requests", "groups:invitations"]
RIVERSIDE_ORGANISER_PAGES += ["groups:edit", "groups:audit"]
RIVERSIDE_ORGANISER_PAGES += ["learning:group_course_create"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", RIVERSIDE_ORGANISER_PAGES)
def test_alice_cannot_open_hillside_organiser_pages(world, name):
    """Organising one group gives no access to another's private pages."""
    response = client_as(world, "alice").get(reverse(name, kwargs={"slug": "hillside"}))
    assert response.status_code == 404


@pytest.mark.django_db
def test_alice_cannot_act_on_a_membership_of_another_group_through_her_own(world):
    carols = Membership.objects.get(group=world.hillside, user=world.users["carol"])
    url = reverse("groups:remove_member", kwargs={"slug": "riverside", "pk": carols.pk})
    response = client_as(world, "alice").post(url)
    assert response.status_code == 404
    assert Membership.objects.filter(pk=carols.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["dan", "bob", "carol", "admin"])
def test_a_refused_post_changes_nothing(world, who):
    """The 404 is not only a status: bob's membership survives everyone but alice."""
    url = MATRIX["groups:remove_member"].url("groups:remove_member", world)
    client_as(world, who).post(url)
    assert Membership.objects.filter(pk=world.bobs_membership.pk).exists()
