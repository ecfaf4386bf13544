"""Public fragments in the cache: served while current, built afresh after an action changed
what they show, and never served from a copy built before that change."""

import pytest
from django.core.cache import cache

from groundwork.core.fragments import Fragment

fragment = Fragment("test:fragment", timeout=60)


@pytest.fixture(autouse=True)
def fresh():
    fragment.forget()


def test_a_fragment_is_built_once_while_nothing_changes():
    built = []

    def build() -> str:
        built.append(1)
        return "made"

    for _ in range(3):
        assert fragment.get_or_build(build) == "made"
    assert len(built) == 1


@pytest.mark.django_db
def test_after_invalidation_the_next_request_builds_it_afresh(django_capture_on_commit_callbacks):
    fragment.get_or_build(lambda: "old")
    with django_capture_on_commit_callbacks(execute=True):
        fragment.invalidate()
    assert fragment.get_or_build(lambda: "new") == "new"


@pytest.mark.django_db(transaction=True)
def test_invalidation_waits_for_the_commit_and_a_rollback_changes_nothing():
    from django.db import transaction

    fragment.get_or_build(lambda: "old")
    with transaction.atomic():
        fragment.invalidate()
        assert fragment.get_or_build(lambda: "new") == "old"  # not committed yet
    assert fragment.get_or_build(lambda: "new") == "new"
    try:
        with transaction.atomic():
            fragment.invalidate()
            raise RuntimeError
    except RuntimeError:
        pass
    assert fragment.get_or_build(lambda: "newer") == "new"


def test_a_copy_built_from_data_read_before_a_change_is_not_served_after_it():
    """A request reads the version, then the data; an action commits in between; the request
    stores what it built under the version it read, which no later request accepts."""

    def build_while_an_action_commits():
        fragment.forget()  # the action's commit, while this request was building
        return "built from the data before the change"

    fragment.get_or_build(build_while_an_action_commits)
    assert fragment.get_or_build(lambda: "after the change") == "after the change"


def test_a_lost_version_never_revives_an_old_copy():
    fragment.get_or_build(lambda: "old")
    cache.delete(fragment.version_key)  # evicted, or the cache restarted with old entries
    assert fragment.get_or_build(lambda: "new") == "new"
