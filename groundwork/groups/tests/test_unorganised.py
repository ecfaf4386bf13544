"""Coordinators see on the alliance page which groups have no organiser."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_the_coordinators_see_the_groups_without_an_organiser(admin, riverside, alice):
    GroupFactory(name="Hillside", slug="hillside")
    GroupFactory(name="Dockside", slug="dockside")
    html = client_for(admin).get(reverse("groups:alliance")).content.decode()
    assert "2 groups have no organiser" in html
    flagged = html[html.index("unorganised-heading") : html.index("</section>")]
    assert "Hillside" in flagged and "Dockside" in flagged
    assert "Riverside" not in flagged  # alice organises it


def test_no_flag_when_every_group_has_an_organiser(admin, riverside, alice):
    html = client_for(admin).get(reverse("groups:alliance")).content.decode()
    assert "no organiser" not in html
