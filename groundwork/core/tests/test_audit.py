"""The audit log's snapshots of an object, and what changed between two of them."""

from django.contrib.auth import get_user_model

from groundwork.core.audit import changes, values_of
from groundwork.core.models import AuditEntry


def test_values_of_keeps_a_related_object_by_its_key_and_the_rest_as_it_is():
    actor = get_user_model()(pk=7)
    entry = AuditEntry(actor=actor, verb="group.updated", old={"a": 1})
    assert values_of(entry, ["actor", "verb", "old", "group_id"]) == {
        "actor": 7,
        "verb": "group.updated",
        "old": {"a": 1},
        "group_id": None,
    }


def test_changes_keeps_only_what_changed_in_the_order_of_the_new_snapshot():
    old = {"title": "Stall", "places": 3, "where": "Peckham"}
    new = {"where": "Brixton", "title": "Stall", "places": 6}
    assert changes(old, new) == (
        {"where": "Peckham", "places": 3},
        {"where": "Brixton", "places": 6},
    )
    assert list(changes(old, new)[1]) == ["where", "places"]


def test_nothing_changed_gives_two_empty_dicts():
    assert changes({"a": 1}, {"a": 1}) == ({}, {})


def test_a_key_the_old_snapshot_lacks_was_none():
    assert changes({}, {"name": "Council", "role": None}) == ({"name": None}, {"name": "Council"})
