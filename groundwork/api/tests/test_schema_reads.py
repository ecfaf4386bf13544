"""Schemathesis over the read-only endpoints of democracy, the library, courses, the register,
outcomes and OSDI, as anonymous, a member and an organiser, with rows for them to find: no server
error, and every answer as the schema says (test_schema.py runs the same checks over the whole
API with the events' and petitions' rows; this run gives these endpoints rows of their own).

Bounded and derandomized: the same examples on every run, a few per operation and caller."""

import pytest
from hypothesis import HealthCheck, settings

from groundwork.accountability.tests.factories import council, elect
from groundwork.api.tests.factories import token_for
from groundwork.api.tests.test_schema import CHECKS, schema
from groundwork.campaigns.tests.factories import open_petition, sign_and_verify, start_campaign
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.events.tests.factories import going, plan_event
from groundwork.learning.models import Course
from groundwork.outcomes.models import Observation
from groundwork.outcomes.tests.factories import make_area, make_indicator
from groundwork.resources.models import Resource

# Schemathesis calls the WSGI application itself (see conftest.py).
pytestmark = pytest.mark.usefixtures("keep_the_test_s_connection")

OURS = r"^/api/v1/(democracy|resources|learning|accountability|outcomes|osdi)(/|$)"
reads = schema.include(path_regex=OURS)


@pytest.fixture(params=["anonymous", "member", "organiser"])
def headers(request, riverside, alice, bob) -> dict:
    """Rows with small ids for the examples to find, and the caller's token."""
    going(plan_event(riverside, alice), bob)
    sign_and_verify(open_petition(start_campaign(riverside)))
    ballot = open_ballot(riverside, alice, secret=False)
    vote_for(ballot, bob, choice="yes")
    fast_forward_past_deadline(ballot)
    Resource.objects.create(scope=Resource.Scope.PUBLIC, title="Guide", tag_names="a, b")
    Course.objects.create(scope=Course.Scope.PUBLIC, title="Induction", slug="induction")
    elect("Jo Bloggs", council(), None, "Green")
    area, indicator = make_area(), make_indicator()
    Observation.objects.create(
        indicator=indicator,
        area=area,
        period="2024",
        period_start="2024-01-01",
        period_end="2024-12-31",
        value=12,
        published="12",
    )
    if request.param == "anonymous":
        return {}
    return {"Authorization": f"Bearer {token_for(alice if request.param == 'organiser' else bob)}"}


def test_the_run_covers_every_read_endpoint():
    paths = {operation.path for operation in _operations()}
    assert {
        "/api/v1/democracy/ballots/{ballot_id}/result",
        "/api/v1/osdi/people",
        "/api/v1/osdi/petitions/{petition_id}/signatures/{signature_id}",
        "/api/v1/outcomes/areas/{gss_code}/observations",
    } <= paths


def _operations():
    return [result.ok() for result in reads.get_all_operations()]  # type: ignore[union-attr]


@pytest.mark.django_db
@reads.parametrize()
@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_read_endpoints_keep_to_the_schema(case, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)
