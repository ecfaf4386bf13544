"""The public pages kept in the cache: a group's page for a signed-out visitor, the directory
without a search and the first page for a signed-out visitor. Each kind of change shows at the
next request, what members alone may see never reaches the kept copy, and a kept page costs a
fixed, small number of queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from conftest import client_for
from groundwork.aims.actions import do_edit_plank
from groundwork.aims.models import Aim
from groundwork.campaigns.actions import do_create_campaign, do_update_campaign
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.tests.factories import open_petition, sign_and_verify, start_campaign
from groundwork.events.actions import check_cancel_event, do_update_event
from groundwork.events.models import Event
from groundwork.events.tests.factories import event_values, plan_event
from groundwork.groups.actions import check_join_group, do_update_group
from groundwork.groups.forms import ContactForm
from groundwork.projects.tests.factories import add_shift, sign_up, start_project

pytestmark = pytest.mark.django_db

PAGE = reverse("groups:detail", args=["riverside"])
DIRECTORY = reverse("groups:directory")
FIRST_PAGE = reverse("members:landing")


def html_and_queries(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks, as the commit of a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- A group's page -------------------------------------------------------------------------


def test_a_signed_out_visitor_is_served_the_kept_copy_in_two_queries(riverside, alice, anon):
    plan_event(riverside, alice, title="Street stall")
    first, _built = html_and_queries(anon, PAGE)
    again, queries = html_and_queries(anon, PAGE)
    assert queries == 2  # the group and its organisers' names
    assert "Street stall" in again
    strip = re.compile(r'name="(csrfmiddlewaretoken|token)" value="[^"]*"')
    assert strip.sub("", again) == strip.sub("", first)


def change_event_title(riverside, alice):
    event = plan_event(riverside, alice, title="Old title")
    return lambda: do_update_event(
        event, values=event_values(title="New title"), stewards=[], acting_user=alice
    ), "New title"


def cancel_event(riverside, alice):
    event = plan_event(riverside, alice, title="Street stall")
    return lambda: check_cancel_event(event, reason="Rain", acting_user=alice), "Cancelled"


def add_event(riverside, alice):
    return lambda: plan_event(riverside, alice, title="Brand new meeting"), "Brand new meeting"


def start_a_campaign(riverside, alice):
    values = {"title": "Fix the lifts", "summary": "Now.", "status": Campaign.Status.ACTIVE}
    return lambda: do_create_campaign(
        group=riverside, values=values, acting_user=alice
    ), "Fix the lifts"


def rename_a_campaign(riverside, alice):
    campaign = start_campaign(riverside, title="Old campaign")
    return lambda: do_update_campaign(
        campaign, values={"title": "Renamed campaign"}, acting_user=alice
    ), "Renamed campaign"


def add_a_shift(riverside, alice):
    project = start_project(riverside, alice, name="Food share")
    return lambda: add_shift(project, alice, places=7), "7 places left"


def take_a_place(riverside, alice):
    shift = add_shift(start_project(riverside, alice, name="Food share"), alice, places=7)
    return lambda: sign_up(shift, alice), "6 places left"


def change_districts(riverside, alice):
    values = {"name": "Riverside"}
    return lambda: do_update_group(
        riverside, values=values, districts=["SE16"], acting_user=alice
    ), "SE16"


@pytest.mark.parametrize(
    "change",
    [
        add_event,
        change_event_title,
        cancel_event,
        start_a_campaign,
        rename_a_campaign,
        add_a_shift,
        take_a_place,
        change_districts,
    ],
)
def test_each_kind_of_change_shows_to_a_signed_out_visitor_at_the_next_request(
    change, riverside, alice, anon, committed
):
    act, shows = change(riverside, alice)
    assert shows not in html_and_queries(anon, PAGE)[0]  # kept from here on
    with committed():
        act()
    assert shows in html_and_queries(anon, PAGE)[0]


def test_an_event_that_is_over_leaves_the_kept_copy_when_it_ends(riverside, alice, anon):
    # Two hours long, over in two minutes: well within the ten minutes a copy may be kept.
    ends = timezone.now() + timedelta(minutes=2)
    plan_event(riverside, alice, title="Lunchtime vigil", starts_at=ends - timedelta(hours=2))
    assert "Lunchtime vigil" in html_and_queries(anon, PAGE)[0]
    with freeze_time(ends + timedelta(seconds=1)):
        assert "Lunchtime vigil" not in html_and_queries(anon, PAGE)[0]


def test_what_members_alone_may_see_never_reaches_a_signed_out_visitor_or_an_outsider(
    riverside, alice, bob, carol, anon
):
    plan_event(riverside, alice, title="Street stall")
    plan_event(riverside, alice, title="Members meeting", visibility=Event.Visibility.MEMBERS)
    start_campaign(riverside, title="Secret plan", status=Campaign.Status.PLANNING)
    # A member's visit first, then the copy kept for signed-out visitors, then both again.
    for client, is_member in [(client_for(bob), True), (anon, False), (anon, False)]:
        html = html_and_queries(client, PAGE)[0]
        assert "Street stall" in html
        assert ("Members meeting" in html) == is_member
        assert "Secret plan" not in html
    for client, is_member in [(client_for(carol), False), (client_for(bob), True)]:
        html = html_and_queries(client, PAGE)[0]
        assert ("Members meeting" in html) == is_member
        assert ("Open proposals and ballots" in html) is False  # none open here


def test_the_contact_fields_are_written_out_as_django_would_render_them():
    def normalised(html: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()

    forms = [
        ContactForm(initial={"token": "a-token"}),
        ContactForm({"name": "", "email": "not an address", "message": "<b>hi</b>", "token": "x"}),
        ContactForm(initial={"token": "a-token"}, signed_in=True),
        ContactForm({"message": "", "token": "x"}, signed_in=True),
    ]
    for form in forms:
        if form.is_bound:
            form.is_valid()
        rendered = render_to_string("groups/_contact_fields.html", {"form": form})
        ours = rendered[rendered.index("<input") :]  # after the comment
        djangos = str(form["token"]) + "".join(
            render_to_string("components/field.html", {"field": form[name]})
            for name in ("name", "email", "message")
            if name in form.fields
        )
        assert normalised(ours) == normalised(djangos)


# --- The directory --------------------------------------------------------------------------


def test_the_directory_without_a_search_is_served_from_the_cache(riverside, anon):
    html_and_queries(anon, DIRECTORY)
    html, queries = html_and_queries(anon, DIRECTORY)
    assert queries == 0
    assert "Riverside" in html


def test_a_new_member_and_a_renamed_group_show_in_the_directory_at_the_next_request(
    riverside, hillside, dan, anon, committed
):
    assert '<p class="meta">1 member' not in html_and_queries(anon, DIRECTORY)[0]
    with committed():
        check_join_group(riverside, acting_user=dan)
    assert '<p class="meta">1 member' in html_and_queries(anon, DIRECTORY)[0]
    with committed():
        do_update_group(
            hillside, values={"name": "Hillside Tenants"}, districts=[], acting_user=dan
        )
    assert "Hillside Tenants" in html_and_queries(anon, DIRECTORY)[0]


# --- The first page -------------------------------------------------------------------------


def test_the_first_page_is_served_from_the_cache_to_a_signed_out_visitor(anon):
    html_and_queries(anon, FIRST_PAGE)
    assert html_and_queries(anon, FIRST_PAGE)[1] == 0


def test_each_kind_of_change_shows_on_the_first_page_at_the_next_request(
    riverside, alice, anon, committed
):
    html_and_queries(anon, FIRST_PAGE)
    with committed():
        plan_event(riverside, alice, title="Brand new meeting")
    assert "Brand new meeting" in html_and_queries(anon, FIRST_PAGE)[0]
    with committed():
        start_a_campaign(riverside, alice)[0]()
    assert "Fix the lifts" in html_and_queries(anon, FIRST_PAGE)[0]
    petition = open_petition(Campaign.objects.get(title="Fix the lifts"), title="Lifts now")
    with committed():
        sign_and_verify(petition)
    assert "Lifts now</a> · 1 signature" in html_and_queries(anon, FIRST_PAGE)[0]
    aim = Aim.objects.order_by("number").first()
    if aim is not None:  # the platform is seeded by a migration
        values = {"title": "A new first aim", "text": aim.text, "points": aim.points}
        with committed():
            do_edit_plank(aim, values=values, acting_user=alice)
        assert "A new first aim" in html_and_queries(anon, FIRST_PAGE)[0]


def test_members_only_events_never_reach_the_kept_first_page(riverside, alice, bob, anon):
    plan_event(riverside, alice, title="Members meeting", visibility=Event.Visibility.MEMBERS)
    assert "Members meeting" in html_and_queries(client_for(bob), FIRST_PAGE)[0]
    assert "Members meeting" not in html_and_queries(anon, FIRST_PAGE)[0]
    assert "Members meeting" not in html_and_queries(anon, FIRST_PAGE)[0]


def test_a_search_near_a_postcode_is_not_kept(riverside, alice, anon):
    html_and_queries(anon, FIRST_PAGE + "?near=SE1")
    plan_event(riverside, alice, title="Written without the actions' commit")
    assert "Written without" in html_and_queries(anon, FIRST_PAGE + "?near=SE1")[0]
