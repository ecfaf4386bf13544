"""When the database or the cache is down, people are told so honestly: 503 with Retry-After,
a page that says what was sent was not saved, and a /healthz that names the dependency."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path, reverse

from conftest import client_for
from groundwork.campaigns.models import Signature
from groundwork.campaigns.tests.factories import open_petition, start_campaign


@contextmanager
def database_down():
    """Every query of this connection fails as it does when the server is unreachable."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    with connection.execute_wrapper(refuse):
        yield


@contextmanager
def database_fails_at(first_word: str, *, after_running: bool):
    """The first statement starting with `first_word` fails as when the server stops: before it
    is sent, or after it ran (PostgreSQL committed it, and the answer was lost on the way)."""

    def fail(execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(first_word):
            return execute(sql, params, many, context)
        if after_running:
            execute(sql, params, many, context)
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(fail):
        yield


def quiet(client: Client) -> Client:
    """A client that gets the error page, as a browser would, instead of the exception."""
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
def test_healthz_names_every_dependency_when_all_is_well(anon):
    response = anon.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "job_queue": "ok"},
    }


@pytest.mark.django_db
def test_healthz_says_the_database_is_down_with_503_and_retry_after(anon):
    with database_down():
        response = quiet(anon).get(reverse("health"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["checks"]["database"] == "unreachable"
    assert response.json()["checks"]["cache"] == "ok"


@pytest.mark.django_db
def test_healthz_says_the_cache_is_down_and_the_site_degraded_not_down(anon, monkeypatch):
    class GoneAway:
        def set(self, *args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        get = set

    monkeypatch.setattr("groundwork.core.views.cache", GoneAway())
    response = anon.get(reverse("health"))
    # The site still serves without its cache (ResilientRedisCache): degraded, not unavailable.
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unreachable", "job_queue": "ok"},
    }


@pytest.mark.django_db
def test_a_page_answers_503_not_500_while_the_database_is_down(anon):
    with database_down():
        response = quiet(anon).get(reverse("groups:directory"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Temporarily unavailable" in response.content
    assert b"it was not saved" in response.content


@pytest.mark.django_db
def test_a_form_sent_while_the_database_is_down_is_told_it_was_not_saved(bob, riverside):
    client = quiet(client_for(bob))  # signed in: the session is read from the database too
    with database_down():
        response = client.post(reverse("groups:leave", args=[riverside.slug]))
    assert response.status_code == 503
    assert b"it was not saved" in response.content
    assert riverside.memberships.filter(user=bob).exists()


# Transactional, so that signing opens a real transaction (on SQLite, a BEGIN sent as a statement).
@pytest.mark.django_db(transaction=True)
def test_a_signature_the_database_may_have_saved_is_not_told_it_was_not(anon, riverside):
    """The database stops after committing a signature and before answering (in CI the fault
    drill once found such a signature): the page must not promise that nothing was saved. With
    the write never sent, it still does."""
    petition = open_petition(start_campaign(riverside))
    url = reverse("campaigns:sign", args=[petition.pk])
    form = {"name": "Sam", "email": "sam@example.net", "postcode": "SE15 4AB"}

    with database_fails_at("INSERT", after_running=False):
        refused = quiet(anon).post(url, form)
    assert refused.status_code == 503
    assert b"it was not saved" in refused.content
    assert b"may have been saved" not in refused.content
    assert not Signature.objects.exists()

    with database_fails_at("INSERT", after_running=True):
        lost = quiet(anon).post(url, form)
    assert lost.status_code == 503
    assert lost["Retry-After"] == "30"
    assert b"it was not saved" not in lost.content
    assert b"may have been saved: please check before you send it again" in lost.content


def _bug(request):
    raise RuntimeError("a bug")


def _database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


# The last tests' own URLs: a page with a bug in it, the same and a database outage under the
# REST API's address (as when middleware fails before the API's own handlers), and the project's
# error handler.
urlpatterns = [
    path("bug/", _bug),
    path("api/v1/bug", _bug),
    path("api/v1/gone", _database_gone),
]
handler500 = "groundwork.core.views.server_error"


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_other_faults_answer_500_without_promising_that_nothing_was_lost(anon):
    response = quiet(anon).get("/bug/")
    assert response.status_code == 500
    assert b"it may not have been saved" in response.content
    assert b"Nothing you typed was lost" not in response.content


@pytest.mark.urls(__name__)
def test_under_the_api_address_django_s_error_handler_answers_with_problems_not_pages(anon):
    gone = quiet(anon).get("/api/v1/gone")
    assert (gone.status_code, gone["Content-Type"]) == (503, "application/problem+json")
    assert gone["Retry-After"] == "30"
    assert gone.json()["type"] == "/api/v1/docs#problem-unavailable"
    bug = quiet(anon).get("/api/v1/bug")
    assert (bug.status_code, bug["Content-Type"]) == (500, "application/problem+json")
    assert "a bug" not in bug.content.decode()
