"""The schema and the docs page: OpenAPI 3.1, errors as problem+json, a page that works offline."""

import re

import pytest

from groundwork.api.tests.factories import api_client

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_1_with_problems_for_errors_and_a_bearer_scheme():
    schema = api_client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    operation = schema["paths"]["/api/v1/events/{event_id}"]["get"]
    assert set(operation["responses"]) >= {"200", "401", "403", "404", "422", "429"}
    assert set(operation["responses"]["404"]["content"]) == {"application/problem+json"}
    assert set(operation["responses"]["200"]["content"]) == {"application/json"}
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_lists_every_operation_and_loads_nothing_from_elsewhere():
    schema = api_client().get("/api/v1/openapi.json").json()
    page = api_client().get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    for path, methods in schema["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}" in html
    # Every script, stylesheet and image comes from this site (no CDN: it works offline).
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and not [source for source in sources if source.startswith(("http", "//"))]
    assert "<script" not in html or "cdn" not in html.lower()
