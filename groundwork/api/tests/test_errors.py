"""Every error of the API is one shape, RFC 9457 problem details, and forbidden is missing."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import override_settings

from groundwork.api.tests.factories import api_client, token_for
from groundwork.campaigns.models import Petition
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event

pytestmark = pytest.mark.django_db

MEMBERS = "members"


def assert_problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert body["status"] == status
    assert body["type"] == f"/api/v1/docs#problem-{slug}"
    assert body["instance"] == response.request["PATH_INFO"]
    assert body["title"]
    return body


def test_a_forbidden_event_answers_exactly_as_a_missing_one(riverside, carol):
    hidden = plan_event(riverside, None, visibility=Event.Visibility.MEMBERS)
    caller = api_client(token_for(carol))
    forbidden = assert_problem(caller.get(f"/api/v1/events/{hidden.pk}"), 404, "not-found")
    missing = assert_problem(caller.get(f"/api/v1/events/{hidden.pk + 1000}"), 404, "not-found")
    assert {**forbidden, "instance": ""} == {**missing, "instance": ""}
    anonymous = assert_problem(api_client().get(f"/api/v1/events/{hidden.pk}"), 404, "not-found")
    assert anonymous == forbidden


def test_a_planned_campaign_of_another_group_answers_404(riverside, carol, bob):
    campaign = start_campaign(riverside, status="planning")
    assert_problem(
        api_client(token_for(carol)).get(f"/api/v1/campaigns/{campaign.pk}"), 404, "not-found"
    )
    assert api_client(token_for(bob)).get(f"/api/v1/campaigns/{campaign.pk}").status_code == 200


def test_validation_errors_name_each_field():
    body = assert_problem(api_client().get("/api/v1/events?limit=0&kind=picnic"), 422, "invalid")
    fields = {(error["location"], error["field"]) for error in body["errors"]}
    assert fields == {("query", "limit"), ("query", "kind")}
    assert all(error["message"] for error in body["errors"])


def test_a_cursor_that_does_not_read_is_invalid():
    body = assert_problem(api_client().get("/api/v1/events?cursor=nonsense"), 422, "invalid")
    assert body["errors"][0]["field"] == "cursor"


def test_an_anonymous_write_is_401_with_a_challenge(riverside):
    event = plan_event(riverside, None)
    response = api_client().post(f"/api/v1/events/{event.pk}/rsvp")
    assert_problem(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_missing_scope_is_403(bob):
    response = api_client(token_for(bob, ["events:read"])).get("/api/v1/campaigns")
    assert_problem(response, 403, "insufficient-scope")
    assert 'scope="campaigns:read"' in response["WWW-Authenticate"]


def test_a_refused_action_is_409_with_the_actions_message(riverside, bob):
    petition = open_petition(start_campaign(riverside), status=Petition.Status.CLOSED)
    response = api_client(token_for(bob)).post(
        f"/api/v1/petitions/{petition.pk}/sign",
        {"postcode": "SE15 1AA"},
        content_type="application/json",
    )
    body = assert_problem(response, 409, "refused")
    assert "closed" in body["detail"]


def test_an_unknown_address_and_a_wrong_method_are_problems():
    assert_problem(api_client().get("/api/v1/no/such/thing"), 404, "not-found")
    response = api_client().put("/api/v1/events")
    assert_problem(response, 405, "method-not-allowed")
    assert "GET" in response["Allow"]


def test_a_server_error_is_a_problem_that_says_nothing_of_the_failure():
    with mock.patch(
        "groundwork.events.queries.upcoming_events", side_effect=RuntimeError("secret detail")
    ):
        response = api_client().get("/api/v1/events")
    body = assert_problem(response, 500, "server-error")
    assert "secret detail" not in response.content.decode()
    assert body["detail"]


def test_while_the_database_is_down_an_endpoint_answers_a_503_problem_with_retry_after():
    with mock.patch(
        "groundwork.events.queries.upcoming_events",
        side_effect=OperationalError("connection to server at 127.0.0.1 failed"),
    ):
        response = api_client().get("/api/v1/events")
    body = assert_problem(response, 503, "unavailable")
    assert response["Retry-After"] == "30"
    assert "nothing you sent was saved" in body["detail"]


def test_a_database_outage_before_the_endpoint_is_a_problem_too_not_an_html_page(bob):
    """The token is looked up before the endpoint runs: that query fails first."""
    caller = api_client(token_for(bob))
    caller.raise_request_exception = False

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    with connection.execute_wrapper(refuse):
        response = caller.get("/api/v1/events/mine")
    assert_problem(response, 503, "unavailable")


def test_a_write_whose_answer_was_lost_is_not_promised_unsaved(riverside, bob):
    """The database stopped after the RSVP was sent: it may have committed it."""
    event = plan_event(riverside, None)
    caller = api_client(token_for(bob, ["events:write"]))
    caller.raise_request_exception = False

    def lose_the_answer(execute, sql, params, many, context):
        execute(sql, params, many, context)
        if sql.startswith("INSERT"):
            raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(lose_the_answer):
        response = caller.post(f"/api/v1/events/{event.pk}/rsvp")
    body = assert_problem(response, 503, "unavailable")
    assert "may have been saved" in body["detail"]
    assert "nothing you sent was saved" not in body["detail"]


@override_settings(GROUNDWORK_MAX_REQUEST_BYTES=1024 * 1024)
def test_a_body_over_the_limit_is_refused_with_a_413_problem_before_it_is_read(riverside, bob):
    event = plan_event(riverside, None)
    response = api_client(token_for(bob, ["events:write"])).post(
        f"/api/v1/events/{event.pk}/rsvp",
        data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
        content_type="application/json",
    )
    body = assert_problem(response, 413, "too-large")
    assert "1 MB" in body["detail"]
    assert response["Connection"] == "close"


@pytest.fixture
def counts_from_zero():
    """The limiter counts in the cache (local memory in tests): start each count afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.usefixtures("counts_from_zero")
def test_too_many_requests_is_429_with_retry_after(settings, bob):
    # An hour's window: the limiter's windows are fixed, and requests that straddle the end of a
    # minute's window start a new count (seen once under a loaded test run).
    settings.GROUNDWORK_API_RATE_LIMIT = "3/3600"
    caller = api_client(token_for(bob, ["events:read"]))
    statuses = [caller.get("/api/v1/events").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = caller.get("/api/v1/events")
    assert_problem(response, 429, "rate-limited")
    assert 1 <= int(response["Retry-After"]) <= 3600
    # Counted per token: another token, and anonymous callers, have their own count.
    assert api_client(token_for(bob, ["events:read"])).get("/api/v1/events").status_code == 200


@pytest.mark.usefixtures("counts_from_zero")
def test_anonymous_callers_are_limited_by_address(settings):
    settings.GROUNDWORK_API_RATE_LIMIT = "2/3600"  # an hour's window, as above
    caller = api_client()
    statuses = [caller.get("/api/v1/events").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = caller.get("/api/v1/events", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200
