"""Projects: who runs them, formation steps, requests for help, matching offers, partners."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.groups import actions as group_actions
from groundwork.groups.models import PostcodeDistrict
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join, make_organiser
from groundwork.notifications.models import Notification
from groundwork.projects import actions, queries
from groundwork.projects.models import AidRequest, Partner, Project
from groundwork.projects.tests.factories import add_shift, ask_for_help, sign_up, start_project

pytestmark = pytest.mark.django_db


def test_a_cooperative_starts_with_its_formation_checklist(riverside, alice):
    coop = start_project(riverside, alice, name="Bike works", kind=Project.Kind.COOPERATIVE)
    titles = list(coop.steps.values_list("title", flat=True))
    assert "Registered with the FCA" in titles and titles[0] == "Founding members agreed"
    step = coop.steps.get(title="Rules adopted")
    actions.do_set_step_done(step, done=True, acting_user=alice)
    step.refresh_from_db()
    assert step.done_at and step.done_by == alice
    assert AuditEntry.objects.filter(verb="formation_step.done").count() == 1


def test_a_project_name_is_unique_in_the_group_and_the_form_says_so(riverside, alice):
    start_project(riverside, alice, name="Food share")
    url = reverse("projects:create", kwargs={"slug": "riverside"})
    response = client_for(alice).post(
        url, {"name": "food share", "kind": "mutual_aid", "summary": "Again"}
    )
    assert response.status_code == 400
    assert "already has a project" in str(response.context["form"].errors["name"])
    assert 'value="food share"' in response.content.decode()


def test_only_named_members_coordinate_besides_the_organisers(riverside, alice, bob, carol):
    project = start_project(riverside, alice, coordinators=[bob, carol])
    assert list(project.coordinators.all()) == [bob]  # carol is not in Riverside


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anon", False),
        ("dan", False),
        ("bob", False),
        ("carol", False),
        ("admin", False),
        ("alice", True),
        ("named", True),
    ],
)
def test_requests_for_help_are_seen_only_by_the_projects_coordinators(
    riverside, alice, bob, who, sees, request
):
    named = UserFactory(display_name="Nadia")
    join(riverside, named)
    project = start_project(riverside, alice, coordinators=[named])
    ask_for_help(project, name="Pat Doe")
    if who == "anon":
        client = request.getfixturevalue("anon")
    else:
        client = client_for(named if who == "named" else request.getfixturevalue(who))
    listing = client.get(reverse("projects:aid_requests", kwargs={"pk": project.pk}))
    page = client.get(project.get_absolute_url())
    assert (listing.status_code == 200) == sees
    assert ("Pat Doe" in listing.content.decode()) == sees
    assert "Pat Doe" not in page.content.decode()
    user = (
        named
        if who == "named"
        else getattr(request.getfixturevalue(who), "pk", None) and request.getfixturevalue(who)
    )
    if user and who != "anon":
        assert queries.aid_requests_visible_to(user, project).exists() == sees


def test_an_organiser_without_two_factor_runs_a_project_only_where_named_its_coordinator(
    riverside, alice
):
    olive, oscar = UserFactory(display_name="Olive"), UserFactory(display_name="Oscar")
    for organiser in (olive, oscar):
        group_actions.do_appoint_organiser(riverside, organiser, acting_user=None)
    project = start_project(riverside, alice, coordinators=[oscar])
    url = reverse("projects:aid_requests", kwargs={"pk": project.pk}) + "?page=1&x=2"
    response = client_for(olive).get(url)
    assert response.status_code == 302
    address = urlsplit(response["Location"])
    assert address.path == reverse("mfa_activate_totp")
    assert parse_qs(address.query)["next"] == [url]
    # Oscar is named the project's coordinator, which asks no two-factor of a member.
    assert client_for(oscar).get(url).status_code == 200


def test_anyone_may_ask_and_the_coordinators_are_told_without_the_details(
    riverside, alice, anon, django_capture_on_commit_callbacks
):
    project = start_project(riverside, alice)
    url = reverse("projects:ask", kwargs={"pk": project.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post(
            url,
            {
                "name": "Pat",
                "contact": "pat@example.net",
                "need": "Nappies",
                "postcode_district": "se15 4ab",
            },
        )
    assert response.status_code == 302
    request = AidRequest.objects.get()
    assert request.postcode_district == "SE15" and request.requested_by is None
    told = Notification.objects.get(user=alice)
    assert "Pat" not in told.text and "Nappies" not in told.text
    entry = AuditEntry.objects.get(verb="aid_request.made")
    assert entry.actor is None and entry.new == {}


def test_a_bad_postcode_keeps_what_was_typed(riverside, alice, anon):
    project = start_project(riverside, alice)
    response = anon.post(
        reverse("projects:ask", kwargs={"pk": project.pk}),
        {"name": "Pat", "contact": "07700 900123", "need": "Food", "postcode_district": "nowhere"},
    )
    assert response.status_code == 400
    assert "first half of your postcode" in str(
        response.context["form"].errors["postcode_district"]
    )
    assert "07700 900123" in response.content.decode()


def test_a_cooperative_takes_no_requests_for_help(riverside, alice, anon):
    coop = start_project(riverside, alice, kind=Project.Kind.COOPERATIVE)
    assert anon.get(reverse("projects:ask", kwargs={"pk": coop.pk})).status_code == 404


def test_offers_are_matched_across_nearby_groups(riverside, hillside, alice):
    PostcodeDistrict.objects.create(group=riverside, district="SE15")
    PostcodeDistrict.objects.create(group=hillside, district="SE4")
    manchester = GroupFactory(name="Manchester", slug="manchester", ons_code="E08000003")
    PostcodeDistrict.objects.create(group=manchester, district="M1")
    same_authority = GroupFactory(
        name="Southwark North", slug="southwark-north", ons_code=riverside.ons_code
    )
    farid = make_organiser(hillside, UserFactory()).user
    grace = make_organiser(manchester, UserFactory()).user
    sam = make_organiser(same_authority, UserFactory()).user
    ours = start_project(riverside, alice)
    actions.do_add_listing(ours, kind="offer", title="Our own offer", acting_user=alice)
    for group, organiser, title in [
        (hillside, farid, "Hot meals in Lewisham"),
        (manchester, grace, "Hot meals in Manchester"),
        (same_authority, sam, "Advice in Southwark"),
    ]:
        project = start_project(group, organiser, name=f"Project of {group.name}")
        actions.do_add_listing(project, kind="offer", title=title, acting_user=organiser)
    titles = {listing.title for listing in queries.nearby_offers(ours)}
    assert titles == {"Hot meals in Lewisham", "Advice in Southwark"}


def test_an_organiser_records_a_partnership_and_the_partner_is_reused(riverside, alice):
    project = start_project(riverside, alice)
    url = reverse("projects:partnership_create", kwargs={"slug": "riverside"})
    data = {
        "partner_name": "Unite Southwark",
        "partner_kind": "trade_union",
        "kind": "supports",
        "project": project.pk,
        "since": "2024-05-01",
    }
    assert client_for(alice).post(url, data).status_code == 302
    assert (
        client_for(alice).post(url, data | {"partner_name": "unite southwark"}).status_code == 302
    )
    partner = Partner.objects.get()
    assert partner.partnerships.count() == 2
    page = client_for(alice).get(reverse("projects:partners")).content.decode()
    assert "Unite Southwark" in page and "Food share" in page


@pytest.mark.parametrize("shifts", [1, 10, 100])
def test_a_project_page_asks_a_fixed_number_of_queries(
    riverside, alice, bob, shifts, django_assert_max_num_queries
):
    PostcodeDistrict.objects.create(group=riverside, district="SE15")
    project = start_project(riverside, alice, objectives=[])
    for number in range(shifts):
        shift = add_shift(project, alice, places=3, days=2 + number)
        sign_up(shift, bob)
        actions.do_add_listing(project, kind="need", title=f"Need {number}", acting_user=alice)
    for who in (alice, bob):
        client = client_for(who)
        with django_assert_max_num_queries(22):
            response = client.get(project.get_absolute_url())
        assert response.status_code == 200
        assert len(response.context["shifts"]) == shifts
