import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def no_cached_figures():
    """Each test reads pages rendered from its own figures, not an earlier test's."""
    cache.clear()
    yield
    cache.clear()
