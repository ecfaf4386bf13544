"""Schemathesis against /api/v1/openapi.json, as anonymous, a member and an organiser: no server
error, and every answer (status, content type, headers, body) as the schema says.

Bounded and derandomized: the same examples on every run, a few per operation and caller."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from groundwork.api.tests.factories import token_for
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event

# Schemathesis calls the WSGI application itself (see conftest.py).
pytestmark = pytest.mark.usefixtures("keep_the_test_s_connection")

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(params=["anonymous", "member", "organiser"])
def headers(request, riverside, alice, bob) -> dict:
    """Some data for the examples to find (ids 1, 2 …), and the caller's token."""
    plan_event(riverside, alice)
    plan_event(riverside, alice, visibility=Event.Visibility.MEMBERS)
    open_petition(start_campaign(riverside))
    if request.param == "anonymous":
        return {}
    return {"Authorization": f"Bearer {token_for(alice if request.param == 'organiser' else bob)}"}


def test_the_schema_is_openapi_3_1_and_has_every_endpoint():
    raw = schema.raw_schema
    assert raw["openapi"].startswith("3.1")
    assert {
        "/api/v1/events",
        "/api/v1/groups/{slug}/members",
        "/api/v1/petitions/{petition_id}/sign",
    } <= set(raw["paths"])


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)
