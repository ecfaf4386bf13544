import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def no_cached_scorecards():
    """Each test reads scorecards computed from its own data, not an earlier test's."""
    cache.clear()
    yield
    cache.clear()
