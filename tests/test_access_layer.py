"""The one access layer (groundwork/core/access.py): every route declares its access through it,
no view module declares access any other way, and the layer does what its docstring promises."""

import ast
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import client_for
from groundwork.core.access import MARK, TwoFactorRequired, access, check_access
from groundwork.groups import actions
from groundwork.groups.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
# Routes that are not ours to declare: allauth's account pages and Django's admin, each with an
# access model of its own (the permission matrix pins what they answer).
NOT_OURS = ("admin/", "accounts/")


def our_routes(patterns=None, prefix=""):
    """(path, view) of every route whose view Groundwork wrote."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        path = prefix + str(pattern.pattern)
        if path.startswith(NOT_OURS):
            continue
        if isinstance(pattern, URLResolver):
            found += our_routes(pattern.url_patterns, path)
        elif isinstance(pattern, URLPattern):
            found.append((path, pattern.callback))
    return found


def test_every_route_of_ours_declares_its_access_through_the_layer():
    routes = our_routes()
    assert len(routes) > 100, "the walk did not reach the apps' URLconfs"
    undeclared = [path for path, view in routes if not hasattr(view, MARK)]
    assert undeclared == []


def test_the_walk_sees_views_of_every_app():
    modules = {view.__module__.split(".")[1] for _path, view in our_routes()}
    assert {"groups", "democracy", "events", "campaigns", "learning", "core"} <= modules


def view_modules():
    folder = ROOT / "groundwork"
    return sorted(
        [*folder.glob("*/views.py"), *folder.glob("*/views/*.py")],
        key=lambda path: str(path),
    )


# What a view module must not use to decide access: the layer does it, once.
FORBIDDEN_NAMES = {
    "login_required",
    "permission_required",
    "user_passes_test",
    "has_two_factor",
    "wraps",  # a home-made view decorator
}


def access_declarations_outside_the_layer(source: str) -> list[str]:
    """Names and strings in `source` that declare access some other way than the layer."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom | ast.Import):
            found += [alias.name for alias in node.names if alias.name in FORBIDDEN_NAMES]
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(node.id)
        elif isinstance(node, ast.Constant) and node.value == "mfa_activate_totp":
            found.append("a redirect to two-factor set-up")
    return sorted(set(found))


def test_no_view_module_declares_access_another_way():
    assert len(view_modules()) > 15
    offenders = {
        str(path.relative_to(ROOT)): names
        for path in view_modules()
        if (names := access_declarations_outside_the_layer(path.read_text()))
    }
    assert offenders == {}


def test_the_scan_finds_a_home_made_decorator():
    """Guards the test above: the scan is not blind to what it looks for."""
    source = (
        "from functools import wraps\n"
        "from django.contrib.auth.decorators import login_required\n"
        "def organiser_view(view):\n"
        "    @wraps(view)\n"
        "    def wrapper(request):\n"
        "        return redirect(reverse('mfa_activate_totp'))\n"
        "    return login_required(wrapper)\n"
    )
    assert access_declarations_outside_the_layer(source) == [
        "a redirect to two-factor set-up",
        "login_required",
        "wraps",
    ]


def test_no_rule_or_view_spells_out_the_organiser_role():
    """ "Organiser of this group" is said once, in groups/rules.py, not re-derived per app."""
    spelled = []
    for path in sorted((ROOT / "groundwork").rglob("*.py")):
        if path.name == "rules.py" or "views" in path.parts or path.name == "views.py":
            if '"organiser"' in path.read_text():
                spelled.append(str(path.relative_to(ROOT)))
    assert spelled == []


# --- the layer's behaviour, on a view of its own ------------------------------------------


def fetch_group(slug: str):
    from groundwork.groups.queries import get_group

    return get_group(slug)


@access("groups.manage_group", fetch=fetch_group)
def organiser_page(request, group, page: int = 1):
    return HttpResponse(f"{group.slug} {page}")


def call(user, url="/groups/riverside/things/?page=2&sort=name", **kwargs):
    request = RequestFactory().get(url)
    request.user = user
    request._messages = _Messages()  # type: ignore[attr-defined]  # what MessageMiddleware sets
    return organiser_page(request, slug=kwargs.pop("slug", "riverside"), **kwargs)


class _Messages(list):
    level = 0

    def add(self, level, message, extra_tags=""):
        self.append(message)


@pytest.mark.django_db
def test_the_layer_hands_the_view_the_fetched_object_and_the_rest_of_the_url(riverside, alice):
    response = call(alice, page=3)
    assert response.content == b"riverside 3"


@pytest.mark.django_db
def test_the_layer_sends_anonymous_people_to_sign_in_before_fetching(riverside):
    response = call(AnonymousUser(), slug="no-such-group")
    assert response.status_code == 302
    assert urlsplit(response.url).path == reverse("account_login")


@pytest.mark.django_db
def test_the_layer_answers_404_alike_for_missing_and_forbidden(riverside, bob):
    with pytest.raises(Http404):
        call(bob)
    with pytest.raises(Http404):
        call(bob, slug="no-such-group")


@pytest.mark.django_db
def test_an_organiser_without_two_factor_is_sent_back_to_the_whole_address(riverside):
    olive = UserFactory(email="olive@example.org")
    actions.do_appoint_organiser(riverside, olive, acting_user=None)
    response = call(olive)
    assert response.status_code == 302
    address = urlsplit(response.url)
    assert address.path == reverse("mfa_activate_totp")
    assert parse_qs(address.query)["next"] == ["/groups/riverside/things/?page=2&sort=name"]


@pytest.mark.django_db
def test_a_member_without_two_factor_is_not_told_to_set_it_up(riverside, bob):
    """Two-factor would not make bob an organiser: the rule, asked again, still says no."""
    with pytest.raises(Http404):
        call(bob)


@pytest.mark.django_db
def test_check_access_serves_callers_other_than_views(riverside, alice, bob):
    check_access(alice, "groups.manage_group", riverside)
    with pytest.raises(Http404):
        check_access(bob, "groups.manage_group", riverside)
    olive = UserFactory(email="olive@example.org")
    actions.do_appoint_organiser(riverside, olive, acting_user=None)
    with pytest.raises(TwoFactorRequired):
        check_access(olive, "groups.manage_group", riverside)


@pytest.mark.django_db
def test_a_real_page_keeps_the_query_string_through_two_factor_set_up(riverside):
    olive = UserFactory(email="olive@example.org")
    actions.do_appoint_organiser(riverside, olive, acting_user=None)
    url = reverse("groups:members", kwargs={"slug": "riverside"}) + "?page=2&q=a b"
    response = client_for(olive).get(url)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [
        "/groups/riverside/members/?page=2&q=a%20b"
    ]
