"""The cast of the test suite, shared by every app's tests (see STYLE.md)."""

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import settings as hypothesis_settings

from groundwork.groups.models import Group
from groundwork.groups.tests.factories import (
    GroupFactory,
    UserFactory,
    join,
    make_coordinator,
    make_organiser,
)
from tests.testdata import need
from tests.testdata import root as testdata_root

# Speed is measured in bench/, never in tests: Hypothesis's deadline per example would fail a
# property test on a loaded machine (scoring's did, twice, beside other helpers' suites).
hypothesis_settings.register_profile("groundwork", deadline=None)
hypothesis_settings.load_profile("groundwork")


@pytest.fixture(autouse=True)
def fresh_fragments():
    """Each test starts with no cached public fragment (the map of the groups, …): the test
    database is rolled back between tests, the local-memory cache is not."""
    from groundwork.core.fragments import every_fragment
    from groundwork.members.hooks import forget_home

    for fragment in every_fragment:
        fragment.forget()
    forget_home()  # every member's kept home page


@pytest.fixture
def riverside(db) -> Group:
    return GroupFactory(
        name="Riverside",
        slug="riverside",
        join_policy=Group.JoinPolicy.OPEN,
        area_name="Southwark",
        ons_code="E09000028",
    )


@pytest.fixture
def hillside(db) -> Group:
    return GroupFactory(
        name="Hillside",
        slug="hillside",
        join_policy=Group.JoinPolicy.APPROVAL,
        area_name="Lewisham",
        ons_code="E09000023",
    )


@pytest.fixture
def alice(riverside):
    """Organiser of Riverside, with two-factor authentication."""
    user = UserFactory(email="alice@example.org", display_name="Alice")
    make_organiser(riverside, user)
    return user


@pytest.fixture
def bob(riverside):
    """Member of Riverside."""
    user = UserFactory(email="bob@example.org", display_name="Bob")
    join(riverside, user)
    return user


@pytest.fixture
def carol(hillside):
    """Member of Hillside."""
    user = UserFactory(email="carol@example.org", display_name="Carol")
    join(hillside, user)
    return user


@pytest.fixture
def dan(db):
    """Signed up, in no group."""
    return UserFactory(email="dan@example.org", display_name="Dan")


@pytest.fixture
def admin(db):
    """An alliance coordinator, with two-factor authentication."""
    return make_coordinator(UserFactory(email="coordinator@example.org", display_name="Sam"))


@pytest.fixture
def anon() -> Client:
    return Client()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def run_worker_once() -> None:
    """Run the database worker over every job ready now, inside the test's transaction.

    The worker calls close_old_connections() between jobs, which on PostgreSQL would close the
    connection that holds the test's transaction; the test client skips it the same way for
    requests.
    """
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def run_jobs(db, django_capture_on_commit_callbacks):
    """Run every job waiting in the database queue, as the worker would, then return.

    The test's transaction never commits, so what jobs enqueue "on commit" is run by hand, and
    the worker goes round again until no job is left (at most a few rounds).
    """

    def run() -> None:
        for _ in range(5):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                run_worker_once()
            if not callbacks:
                return
        raise AssertionError("Jobs kept enqueuing jobs for five rounds.")

    return run


@pytest.fixture(scope="session")
def testdata_dir():
    """The shared third-party test data (`../shared/testdata`, or GROUNDWORK_TESTDATA).

    Skips when it is missing, or fails where GROUNDWORK_REQUIRE_TESTDATA is on (CI).
    """
    return need(testdata_root())
