"""Fixtures of the API's tests."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture
def keep_the_test_s_connection():
    """Schemathesis calls the WSGI application itself, whose request signals would close the
    test's database connection (on PostgreSQL, mid-transaction); Django's test client unhooks
    them in the same way for its requests."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
