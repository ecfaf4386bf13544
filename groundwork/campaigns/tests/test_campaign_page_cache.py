"""A campaign's page for a signed-out visitor is kept in the cache: each kind of change shows at
the next request, what an organiser sees never reaches the kept copy, and a kept page costs a
fixed, small number of queries whatever the campaign holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for
from groundwork.campaigns import actions
from groundwork.campaigns.tests.factories import (
    add_target,
    open_petition,
    sign_and_verify,
    start_campaign,
)

pytestmark = pytest.mark.django_db


def html_and_queries(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def campaign(riverside):
    return start_campaign(riverside, title="Save the library")


@pytest.mark.parametrize("rows", [1, 10])
def test_a_signed_out_visitor_is_served_the_kept_copy_in_a_fixed_number_of_queries(
    rows, campaign, alice, anon
):
    for number in range(rows):
        add_target(campaign, name=f"Councillor {number}")
        open_petition(campaign, title=f"Petition {number}")
        actions.do_add_milestone(
            campaign, values={"title": f"Step {number}", "happened_on": "2026-11-01"},
            acting_user=alice,
        )  # fmt: skip
    first, built = html_and_queries(anon, campaign.get_absolute_url())
    again, kept = html_and_queries(anon, campaign.get_absolute_url())
    assert again == first
    assert f"Councillor {rows - 1}" in again and f"Step {rows - 1}" in again
    assert kept == 2  # the campaign (with its group) and the pledges section of accountability
    assert built > kept


def rename(campaign, alice):
    return lambda: actions.do_update_campaign(
        campaign, values={"summary": "A new summary."}, acting_user=alice
    ), "A new summary."


def add_a_target(campaign, alice):
    return lambda: actions.do_save_target(
        campaign, target=None, values={"name": "The Mayor", "email": ""}, acting_user=alice
    ), "The Mayor"


def remove_a_target(campaign, alice):
    target = add_target(campaign, name="Old Councillor")
    return lambda: actions.do_remove_target(target, acting_user=alice), "Old Councillor"


def record_a_win(campaign, alice):
    values = {"title": "The council backed down", "happened_on": "2026-12-01", "is_win": True}
    return lambda: actions.do_add_milestone(
        campaign, values=values, acting_user=alice
    ), "The council backed down"


def post_an_update(campaign, alice):
    return lambda: actions.do_post_update(
        campaign, title="March on Saturday", body="Meet at noon.", acting_user=alice
    ), "March on Saturday"


def start_a_petition(campaign, alice):
    values = {"title": "Keep the doors open", "statement": "Please.", "goal": 100}
    return lambda: actions.do_save_petition(
        campaign, petition=None, values=values, acting_user=alice
    ), "Keep the doors open"


def count_a_signature(campaign, alice):
    petition = open_petition(campaign, title="Keep it open")
    return lambda: sign_and_verify(petition), "<strong>1</strong> verified signature"


@pytest.mark.parametrize(
    "change",
    [
        rename,
        add_a_target,
        remove_a_target,
        record_a_win,
        post_an_update,
        start_a_petition,
        count_a_signature,
    ],
)
def test_each_kind_of_change_shows_to_a_signed_out_visitor_at_the_next_request(
    change, campaign, alice, anon, committed
):
    act, shows = change(campaign, alice)
    before = html_and_queries(anon, campaign.get_absolute_url())[0]
    with committed():
        act()
    after = html_and_queries(anon, campaign.get_absolute_url())[0]
    if change is remove_a_target:
        assert shows in before and shows not in after
    else:
        assert shows not in before and shows in after


def test_an_organisers_view_never_reaches_the_kept_copy_whoever_comes_first(campaign, alice, anon):
    organiser = client_for(alice)
    assert "Organise this campaign" in organiser.get(campaign.get_absolute_url()).content.decode()
    assert "Organise this campaign" not in anon.get(campaign.get_absolute_url()).content.decode()
    assert "Organise this campaign" in organiser.get(campaign.get_absolute_url()).content.decode()
