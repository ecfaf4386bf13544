"""The site's header (core/templatetags/navigation.py) is kept in memory per kind of reader: each
reader still gets exactly what the template draws for them, their own bell and a sign-out token
that works, whoever was served first."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from conftest import client_for
from groundwork.core.templatetags import navigation as navigation_tag
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db

PAGE = "events:list"


def header_of(html: str) -> str:
    found = re.search(r'<header class="site-header">.*?</header>', html, re.S)
    assert found, "the page has no header"
    return found[0]


def drawn_by_the_template(response) -> str:
    """The header as the template engine draws it for the reader of `response`, with the bell
    drawn for them and the page's own sign-out token (each drawing masks a token afresh; the
    sign-out test shows the token works): the reference the kept copy must match."""
    request = RequestFactory().get(reverse(PAGE))
    request.user = response.wsgi_request.user
    bell = render_to_string("notifications/_bell.html", request=request)
    found = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', header_of(response.content.decode())
    )
    csrf_input = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{found[1]}">' if found else ""
    )
    context = {"bell": mark_safe(bell), "csrf_input": mark_safe(csrf_input)}
    html = render_to_string("components/navigation.html", context, request=request)
    return header_of(html)


@pytest.fixture(autouse=True)
def nothing_kept():
    navigation_tag._kept.clear()
    yield
    navigation_tag._kept.clear()


def test_each_reader_gets_their_own_header_whoever_came_first(alice, bob, carol, admin):
    Notification.objects.create(user=bob, key="b", text="For Bob")
    readers = [
        ("anon", Client()),
        *((user, client_for(user)) for user in (bob, alice, admin, carol)),
    ]
    for order in (readers, readers[::-1]):
        for _name, client in order:
            response = client.get(reverse(PAGE))
            assert header_of(response.content.decode()) == drawn_by_the_template(response)


def test_a_coordinators_links_never_reach_a_member_and_a_members_never_a_visitor(bob, admin):
    client_for(admin).get(reverse(PAGE))
    member = client_for(bob).get(reverse(PAGE)).content.decode()
    assert "Alliance votes" not in member and "Sign out" in member
    visitor = Client().get(reverse(PAGE)).content.decode()
    assert "Sign out" not in visitor and "Sign in" in visitor
    assert "Notifications" not in header_of(visitor)


def test_each_member_sees_their_own_unread_count_from_the_kept_header(bob, carol):
    Notification.objects.create(user=bob, key="b1", text="One")
    Notification.objects.bulk_create(
        Notification(user=carol, key=f"c{n}", text="Two") for n in range(2)
    )
    assert "Notifications, 1 unread" in client_for(bob).get(reverse(PAGE)).content.decode()
    assert "Notifications, 2 unread" in client_for(carol).get(reverse(PAGE)).content.decode()


def test_the_sign_out_button_of_a_kept_header_carries_a_token_that_works(bob, carol):
    client_for(carol).get(reverse(PAGE))  # the member's header is kept now
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    html = client.get(reverse(PAGE)).content.decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', header_of(html))
    assert found, "the sign-out form has no token"
    token = found[1]
    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "Sign in" in client.get(reverse(PAGE)).content.decode()


@override_settings(SITE_NAME="Another Alliance")
def test_a_change_of_the_sites_name_is_a_new_header(bob):
    client_for(bob).get(reverse(PAGE))
    with override_settings(SITE_NAME="Groundwork Test"):
        assert ">Groundwork Test</a>" in client_for(bob).get(reverse(PAGE)).content.decode()
    assert ">Another Alliance</a>" in client_for(bob).get(reverse(PAGE)).content.decode()
