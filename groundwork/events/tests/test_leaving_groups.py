"""Leaving a group (or being removed) withdraws answers to the group's events only its members see."""

import pytest

from groundwork.events.models import Rsvp
from groundwork.events.tests.factories import going, move_into_the_past, plan_event
from groundwork.groups import actions as group_actions
from groundwork.groups.models import Membership
from groundwork.groups.tests.factories import join
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def status_of(event, member) -> str:
    return Rsvp.objects.get(event=event, user=member).status


def test_bob_leaving_riverside_withdraws_him_from_its_members_only_meeting(riverside, alice, bob):
    meeting = plan_event(riverside, alice, visibility="members")
    going(meeting, bob)
    group_actions.check_leave_group(riverside, acting_user=bob)
    assert status_of(meeting, bob) == Rsvp.Status.CANCELLED
    meeting.refresh_from_db()
    assert meeting.confirmed_count == 0


def test_bob_leaving_riverside_keeps_him_going_to_its_public_march(riverside, alice, bob):
    march = plan_event(riverside, alice, kind="protest", visibility="public")
    going(march, bob)
    group_actions.check_leave_group(riverside, acting_user=bob)
    assert status_of(march, bob) == Rsvp.Status.CONFIRMED


def test_an_alliance_wide_event_is_withdrawn_only_when_bob_is_left_in_no_group(
    riverside, hillside, alice, bob
):
    social = plan_event(riverside, alice, visibility="alliance")
    going(social, bob)
    join(hillside, bob)
    group_actions.check_leave_group(riverside, acting_user=bob)
    assert status_of(social, bob) == Rsvp.Status.CONFIRMED, "still a member of the alliance"

    other_social = plan_event(hillside, None, visibility="alliance")
    going(other_social, bob)
    group_actions.check_leave_group(hillside, acting_user=bob)
    assert status_of(other_social, bob) == Rsvp.Status.CANCELLED


def test_removing_bob_gives_his_place_to_the_first_person_waiting(
    riverside, alice, bob, django_capture_on_commit_callbacks
):
    meeting = plan_event(riverside, alice, visibility="members", capacity=1)
    going(meeting, bob)
    going(meeting, alice)
    assert status_of(meeting, alice) == Rsvp.Status.WAITLISTED
    membership = Membership.objects.get(group=riverside, user=bob)
    with django_capture_on_commit_callbacks(execute=True):
        group_actions.check_remove_member(membership, acting_user=alice)
    assert status_of(meeting, bob) == Rsvp.Status.CANCELLED
    assert status_of(meeting, alice) == Rsvp.Status.CONFIRMED
    assert Notification.objects.filter(user=alice, key=f"event-{meeting.pk}-promoted").exists()


def test_leaving_one_group_leaves_other_groups_and_past_events_alone(
    riverside, hillside, alice, bob, carol
):
    past = plan_event(riverside, alice, visibility="members")
    going(past, bob)
    move_into_the_past(past, days_ago=1)
    hillside_meeting = plan_event(hillside, None, visibility="members")
    join(hillside, bob)
    going(hillside_meeting, bob)
    going(hillside_meeting, carol)
    group_actions.check_leave_group(riverside, acting_user=bob)
    assert status_of(past, bob) == Rsvp.Status.CONFIRMED, "the record of a past event stays"
    assert status_of(hillside_meeting, bob) == Rsvp.Status.CONFIRMED
    assert status_of(hillside_meeting, carol) == Rsvp.Status.CONFIRMED
