"""The world of the permission matrix, built once for the whole package."""

import pytest
from django.db import transaction
from django.test import Client

from tests.permissions.world import World, build_world


@pytest.fixture(scope="package")
def shared_world(django_db_setup, django_db_blocker):
    """Built once for the package inside a transaction that is rolled back at its end.

    Each test's own transaction is a savepoint inside it, as with TestCase.setUpTestData, so a
    cell's changes are undone before the next and nothing outlives the package (the seeded data of
    migrations included). Some 1,500 cells would otherwise each build the cast again.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
            for who, user in built.users.items():
                built.clients[who] = Client()
                if user is not None:
                    built.clients[who].force_login(user)
                    built.session_keys[who] = built.clients[who].session.session_key
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db) -> World:
    return shared_world
