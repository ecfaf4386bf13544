"""What each webhook says: the event, and only what the group may see. A person is named only
when they are a member of the group who consented to organisers holding their contact details;
a petition's signers, an outsider going to an event and how anyone voted are never sent."""

import json

import pytest

from groundwork.api import actions
from groundwork.api.models import WebhookDelivery, WebhookEvent
from groundwork.campaigns.tests.factories import open_petition, sign_and_verify, start_campaign
from groundwork.democracy.tests.factories import close_voting, open_ballot, vote_for
from groundwork.events.tests.factories import going, not_going, plan_event
from groundwork.groups.actions import check_join_group, check_leave_group
from groundwork.members.actions import do_give_consent, do_withdraw_consent
from groundwork.members.models import ConsentRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(riverside, alice):
    endpoint, _secret = actions.check_add_webhook_endpoint(
        riverside,
        url="http://127.0.0.1:9/hooks",
        description="",
        events=list(WebhookEvent.values),
        acting_user=alice,
    )
    return endpoint


def sent(event_type: str) -> list[dict]:
    deliveries = WebhookDelivery.objects.filter(event_type=event_type).order_by("id")
    return [delivery.payload for delivery in deliveries]


def consent_to_contact(user) -> None:
    do_give_consent(user, purpose=ConsentRecord.Purpose.ORGANISER_CONTACT, acting_user=user)


def withhold_consent(user) -> None:
    """The cast ticked the consent when they signed up; this one takes it back."""
    do_withdraw_consent(user, purpose=ConsentRecord.Purpose.ORGANISER_CONTACT, acting_user=user)


def test_a_member_who_joined_without_consent_is_not_named(endpoint, riverside, dan):
    withhold_consent(dan)
    check_join_group(riverside, acting_user=dan)
    (payload,) = sent("member.joined")
    assert payload["type"] == "member.joined"
    assert payload["data"] == {
        "group": {"slug": "riverside", "name": "Riverside"},
        "role": "member",
        "member": None,
    }
    assert "dan" not in json.dumps(payload).lower()


def test_a_member_who_consented_is_named_with_their_membership(endpoint, riverside, dan):
    consent_to_contact(dan)  # given again: the action keeps the one already active
    outcome = check_join_group(riverside, acting_user=dan)
    (payload,) = sent("member.joined")
    member = payload["data"]["member"]
    membership = dan.memberships.get(group=riverside)
    assert outcome is not None
    assert member["membership_id"] == membership.pk
    assert (member["display_name"], member["email"]) == ("Dan", "dan@example.org")


def test_a_member_leaving_without_consent_is_not_named(endpoint, riverside, bob):
    withhold_consent(bob)
    check_leave_group(riverside, acting_user=bob)
    (payload,) = sent("member.left")
    assert payload["data"]["member"] is None
    assert "bob" not in json.dumps(payload).lower()


def test_an_answer_to_an_event_names_a_consenting_member_only(endpoint, riverside, alice, bob, dan):
    event = plan_event(riverside, alice)
    consent_to_contact(bob)
    going(event, bob)
    # A public event: anyone may go, and dan (who consented) is not in the group.
    going(event, dan)
    not_going(event, dan)
    made = sent("rsvp.made")
    assert [p["data"]["rsvp"]["status"] for p in made] == ["confirmed", "confirmed"]
    assert made[0]["data"]["attendee"]["display_name"] == "Bob"
    assert made[0]["data"]["event"]["title"] == event.title
    assert made[1]["data"]["attendee"] is None
    (cancelled,) = sent("rsvp.cancelled")
    assert cancelled["data"]["attendee"] is None
    assert "dan" not in json.dumps(made[1]).lower() + json.dumps(cancelled).lower()


def test_a_member_going_without_consent_is_not_named(endpoint, riverside, alice, bob):
    withhold_consent(bob)
    going(plan_event(riverside, alice), bob)
    (payload,) = sent("rsvp.made")
    assert payload["data"]["attendee"] is None


def test_answering_again_while_the_answer_stands_sends_nothing_more(
    endpoint, riverside, alice, bob
):
    event = plan_event(riverside, alice)
    going(event, bob)
    going(event, bob)
    assert len(sent("rsvp.made")) == 1


def test_a_counted_signature_never_names_the_signer(endpoint, riverside):
    petition = open_petition(start_campaign(riverside))
    signature = sign_and_verify(petition, "signer@example.net", name="Sam Signer")
    (payload,) = sent("petition.signed")
    assert payload["data"]["petition"]["signature_count"] == 1
    assert payload["data"]["signature"]["id"] == signature.pk
    text = json.dumps(payload).lower()
    assert "signer" not in text and "se15" not in text


def test_a_closed_ballot_sends_its_decision_and_never_a_vote(endpoint, riverside, alice, bob):
    ballot = open_ballot(riverside, alice, secret=False)
    vote_for(ballot, bob, choice="yes")
    close_voting(ballot)
    (payload,) = sent("ballot.closed")
    assert payload["data"]["ballot"]["id"] == ballot.pk
    assert payload["data"]["decision"]["summary"]
    assert "bob" not in json.dumps(payload).lower()


def test_events_of_another_group_make_no_delivery(endpoint, hillside, carol, dan):
    check_join_group(hillside, acting_user=dan)  # a request to join Hillside; carol is in it
    check_leave_group(hillside, acting_user=carol)
    assert WebhookDelivery.objects.count() == 0


def test_an_erased_member_leaves_every_delivery_about_them(endpoint, riverside, dan):
    from groundwork.groups.tests.factories import PASSWORD
    from groundwork.members.actions.rights import check_erase_member

    check_join_group(riverside, acting_user=dan)
    assert sent("member.joined")[0]["data"]["member"]["email"] == "dan@example.org"
    check_erase_member(dan, password=PASSWORD, acting_user=dan)
    payloads = sent("member.joined") + sent("member.left")
    assert payloads and all(payload["data"]["member"] is None for payload in payloads)
    assert "dan" not in json.dumps(payloads).lower()


def test_finished_deliveries_go_after_thirty_days_and_the_rest_stay(endpoint):
    from datetime import timedelta

    from django.utils import timezone

    from groundwork.core.tasks import apply_retention

    old = actions.check_send_test_webhook(endpoint, acting_user=endpoint.created_by)
    recent = actions.check_send_test_webhook(endpoint, acting_user=endpoint.created_by)
    WebhookDelivery.objects.filter(pk=recent.pk).update(
        status="delivered", finished_at=timezone.now() - timedelta(days=29)
    )
    WebhookDelivery.objects.filter(pk=old.pk).update(
        status="delivered", finished_at=timezone.now() - timedelta(days=31)
    )
    changed = apply_retention.call()
    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [recent.pk]
    assert 1 in changed.values()
