"""The `tellers_ready` hook: sent once, when the last teller of a body's panel holds a key."""

import pytest
from django.dispatch import receiver

from groundwork.democracy import actions
from groundwork.democracy.hooks import tellers_ready
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls: list[dict] = []

    @receiver(tellers_ready, weak=False, dispatch_uid="test.heard")
    def listen(sender, **kwargs):
        calls.append(kwargs)

    yield calls
    tellers_ready.disconnect(dispatch_uid="test.heard")


def test_the_hook_is_sent_when_the_last_teller_takes_their_key(riverside, alice, bob, heard):
    actions.check_appoint_tellers(riverside, tellers=[alice, bob], needed=2, acting_user=alice)
    actions.check_take_teller_key(riverside, acting_user=alice)
    assert heard == []
    actions.check_take_teller_key(riverside, acting_user=bob)
    assert heard == [{"signal": tellers_ready, "group": riverside, "acting_user": bob}]
    actions.check_take_teller_key(riverside, acting_user=bob)  # a new key: ready already
    actions.check_appoint_tellers(riverside, tellers=[alice, bob], needed=1, acting_user=alice)
    assert len(heard) == 1


def test_removing_the_teller_without_a_key_sends_it(riverside, alice, bob, heard):
    actions.check_appoint_tellers(riverside, tellers=[alice, bob], needed=1, acting_user=alice)
    actions.check_take_teller_key(riverside, acting_user=alice)
    actions.check_appoint_tellers(riverside, tellers=[alice], needed=1, acting_user=alice)
    assert [call["acting_user"] for call in heard] == [alice]


def test_the_alliances_tellers_send_it_with_no_group(admin, heard):
    coordinator = admin
    actions.check_appoint_tellers(None, tellers=[coordinator], needed=1, acting_user=coordinator)
    assert heard == []  # appointed, no key yet
    actions.check_take_teller_key(None, acting_user=coordinator)
    assert [call["group"] for call in heard] == [None]


def test_a_new_teller_without_a_key_makes_the_panel_wait_again(riverside, alice, heard):
    actions.check_appoint_tellers(riverside, tellers=[alice], needed=1, acting_user=alice)
    actions.check_take_teller_key(riverside, acting_user=alice)
    newcomer = UserFactory(display_name="Newcomer")
    join(riverside, newcomer)
    actions.check_appoint_tellers(riverside, tellers=[alice, newcomer], needed=1, acting_user=alice)
    actions.check_take_teller_key(riverside, acting_user=newcomer)
    assert [call["acting_user"] for call in heard] == [alice, newcomer]
