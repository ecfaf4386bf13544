"""Webhooks: organisers register, change, turn off and test their group's endpoints, and each
event a group's endpoints want is queued for delivery (sent by webhook_sending, from the job worker).
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.api import signing
from groundwork.api.actions.webhook_sending import RefusedAddress, checked_address
from groundwork.api.models import TEST_EVENT, WebhookDelivery, WebhookEndpoint
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.models import Group
from groundwork.members.models import User

# A finished delivery (its payload may name a member) and its log are kept this long.
DELIVERY_LOG_DAYS = 30


# --- Organisers' actions --------------------------------------------------------------------


@transaction.atomic
def check_add_webhook_endpoint(
    group: Group, *, url: str, description: str, events: list[str], acting_user: User
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint for the group's `events`: (the endpoint, its secret, to be shown
    once). Refused when the address is not one deliveries may go to."""
    try:
        checked_address(url)
    except RefusedAddress as error:
        raise ActionError(str(error), field="url") from None
    secret = signing.new_secret()
    endpoint = WebhookEndpoint.objects.create(
        group=group,
        url=url,
        description=description,
        events=sorted(events),
        secret=secret,
        created_by=acting_user,
    )
    record(
        actor=acting_user,
        verb="webhook.added",
        target=endpoint,
        group_id=group.pk,
        new={"url": url, "events": endpoint.events},
    )
    return endpoint, secret


@transaction.atomic
def do_update_webhook_endpoint(
    endpoint: WebhookEndpoint, *, description: str, events: list[str], acting_user: User
) -> WebhookEndpoint:
    """Change what the endpoint is for (its description) and which events it gets."""
    old = {"description": endpoint.description, "events": endpoint.events}
    endpoint.description, endpoint.events = description, sorted(events)
    endpoint.save(update_fields=["description", "events", "updated_at"])
    new = {"description": endpoint.description, "events": endpoint.events}
    changed = [name for name in old if old[name] != new[name]]
    record(
        actor=acting_user,
        verb="webhook.updated",
        target=endpoint,
        group_id=endpoint.group_id,
        old={name: old[name] for name in changed},
        new={name: new[name] for name in changed},
    )
    return endpoint


@transaction.atomic
def do_disable_webhook_endpoint(endpoint: WebhookEndpoint, *, acting_user: User) -> None:
    """Stop sending to the endpoint; deliveries still waiting are given up."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=False, disabled_at=timezone.now(), disabled_after_failures=False
    )
    record(actor=acting_user, verb="webhook.disabled", target=endpoint, group_id=endpoint.group_id)


@transaction.atomic
def do_enable_webhook_endpoint(endpoint: WebhookEndpoint, *, acting_user: User) -> None:
    """Send to the endpoint again, with its count of failures cleared. Events that happened while
    it was off are not sent."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=True, disabled_at=None, disabled_after_failures=False, failures_in_a_row=0
    )
    record(actor=acting_user, verb="webhook.enabled", target=endpoint, group_id=endpoint.group_id)


@transaction.atomic
def check_send_test_webhook(endpoint: WebhookEndpoint, *, acting_user: User) -> WebhookDelivery:
    """Send the endpoint a test event (through the job worker, like any delivery)."""
    if not endpoint.is_active:
        raise ActionError(_("Turn the endpoint on before sending it a test event."))
    delivery = _create_delivery(
        endpoint,
        event_type=TEST_EVENT,
        key=signing.new_message_id(),
        payload=envelope(
            TEST_EVENT,
            group=endpoint.group,
            data={"message": "A test event from Groundwork. Nothing happened in the group."},
        ),
    )
    record(actor=acting_user, verb="webhook.test_sent", target=endpoint, group_id=endpoint.group_id)
    assert delivery is not None  # a test's key is new every time
    return delivery


# --- Events and their deliveries ----------------------------------------------------------


def envelope(event_type: str, *, group: Group, data: dict[str, Any]) -> dict[str, Any]:
    """A delivery's payload: its type, when it happened, the group, and what the event says."""
    return {
        "type": event_type,
        "timestamp": timezone.now().isoformat(),
        "data": {"group": {"slug": group.slug, "name": group.name}, **data},
    }


def _create_delivery(
    endpoint: WebhookEndpoint,
    *,
    event_type: str,
    key: str,
    payload: dict[str, Any],
    person: User | None = None,
) -> WebhookDelivery | None:
    """The delivery of this event to the endpoint, enqueued on commit; None if it exists."""
    from groundwork.api.tasks import deliver_webhook

    key = f"{event_type}:{key}"
    if WebhookDelivery.objects.filter(endpoint=endpoint, event_key=key).exists():
        return None
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type=event_type,
        event_key=key,
        message_id=signing.new_message_id(),
        payload=payload,
        person=person,
    )
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk, 1))
    return delivery


def do_queue_webhook_event(
    group: Group,
    event_type: str,
    *,
    key: str,
    data: Callable[[], dict[str, Any]],
    person: User | None = None,
) -> int:
    """Queue the event for every active endpoint of the group that subscribes to it, once per
    (endpoint, `key`); returns how many deliveries were queued. Called inside the action whose
    hook announced the event, so its deliveries are made (and sent) only if it commits. `data`
    is asked for only when an endpoint wants the event: a group without webhooks pays one query."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(group=group, is_active=True)
        if event_type in endpoint.events
    ]
    if not endpoints:
        return 0
    payload = envelope(event_type, group=group, data=data())
    created = [
        _create_delivery(endpoint, event_type=event_type, key=key, payload=payload, person=person)
        for endpoint in endpoints
    ]
    return sum(delivery is not None for delivery in created)


# The keys of a payload's `data` that may name a person (see queries.py).
PERSON_KEYS = ("member", "attendee")


@transaction.atomic
def do_forget_person_in_webhooks(user: User) -> int:
    """Take an erased member's name and email out of every delivery about them (sent or still
    to be sent); returns how many. Part of their erasure (members' `member_erased` hook), which
    writes the audit entry."""
    deliveries = list(WebhookDelivery.objects.select_for_update().filter(person=user))
    for delivery in deliveries:
        data = delivery.payload.get("data", {})
        for key in PERSON_KEYS:
            if data.get(key) is not None:
                data[key] = None
        delivery.person = None
    WebhookDelivery.objects.bulk_update(deliveries, ["payload", "person"])
    return len(deliveries)


def do_forget_finished_deliveries(now: datetime) -> int:
    """Delete deliveries finished more than DELIVERY_LOG_DAYS ago, with their attempts."""
    cutoff = now - timedelta(days=DELIVERY_LOG_DAYS)
    return (
        WebhookDelivery.objects.filter(finished_at__lt=cutoff)
        .delete()[1]
        .get(WebhookDelivery._meta.label, 0)
    )
