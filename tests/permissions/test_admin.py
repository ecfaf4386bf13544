"""The Django admin: its model pages on a sample, its catch-all, and its sign-in.

The admin's own pages are rows of the matrix (admin.py); its model pages are accounted for by a
pattern, checked here on a sample: every registered model's changelist and every page of the
Group admin.
"""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import client_for
from groundwork.groups import actions
from groundwork.groups.tests.factories import PASSWORD, UserFactory
from tests.permissions.admin import ADMIN_MODEL_PAGE, ADMIN_SAMPLE, admin_sample_url
from tests.permissions.cells import ADMIN_LOGIN, CAST
from tests.permissions.matrix import MATRIX, routes
from tests.permissions.world import assert_cell, client_as


def admin_cells():
    for name, for_coordinator in ADMIN_SAMPLE.items():
        for who in CAST:
            expected = for_coordinator if who == "admin" else ADMIN_LOGIN
            yield pytest.param(name, who, expected, id=f"{name}-{who}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "who", "expected"), list(admin_cells()))
def test_admin_model_page_cell(world, name, who, expected):
    url = admin_sample_url(name, world)
    assert_cell(client_as(world, who).get(url), expected, f"{who} GET {url}")


def test_the_admin_sample_follows_the_pattern_rule():
    registered = {
        key for key, path in routes().items() if key not in MATRIX and ADMIN_MODEL_PAGE.match(path)
    }
    assert set(ADMIN_SAMPLE) <= registered
    changelists = {key for key in registered if key.endswith("_changelist")}
    assert changelists <= set(ADMIN_SAMPLE), "a registered model's admin list is not sampled"


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_the_admin_catch_all_and_object_redirect(world, who):
    client = client_as(world, who)
    unknown = client.get("/admin/no-such-page/")
    redirect = client.get(f"/admin/groups/group/{world.riverside.pk}/")
    if who == "admin":
        assert unknown.status_code == 404
        assert redirect.status_code == 302
        assert redirect["Location"] == f"/admin/groups/group/{world.riverside.pk}/change/"
    else:
        assert_cell(unknown, ADMIN_LOGIN, who)
        assert_cell(redirect, ADMIN_LOGIN, who)


@pytest.mark.django_db
def test_a_coordinator_without_two_factor_cannot_use_the_admin(world):
    pat = UserFactory(email="pat@example.org", display_name="Pat")
    actions.do_appoint_coordinator(pat, acting_user=None)
    response = client_for(pat).get(reverse("admin:index"))
    assert response.status_code != 200


@pytest.mark.django_db
def test_the_admin_login_does_not_skip_two_factor(world):
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": world.users["admin"].email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"].split("?")[0] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert_cell(client.get(reverse("admin:index")), ADMIN_LOGIN, "after a password to the admin")
