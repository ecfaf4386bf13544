"""Webhooks: organisers register, change, turn off and test their group's endpoints; the job
worker delivers each event, signed, retries with backoff and turns off an endpoint that keeps
failing, telling its organisers.

Where a delivery may go (SSRF): only https:// addresses whose every DNS answer is a public
address, checked when the endpoint is added and again before each attempt, and the connection is
made to the very address that was checked (a name that changes its answer in between cannot send
the request inside). http:// and loopback only when GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK is on
(tests, the demo). No redirect is followed: a 3xx is a failed attempt, like any answer but 2xx.
"""

import http.client
import socket
import ssl
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.api import signing
from groundwork.api.models import TEST_EVENT, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind

# What the log keeps of a receiver's answer, and the most of it read.
RESPONSE_KEPT = 500
RESPONSE_READ = 4096
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
# A finished delivery (its payload may name a member) and its log are kept this long.
DELIVERY_LOG_DAYS = 30


class RefusedAddress(Exception):
    """The endpoint's host is not one deliveries may go to; the message says why."""


def _resolve(host: str, port: int) -> list[str]:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise RefusedAddress(_("The address's host name could not be found.")) from None
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


def checked_address(url: str) -> tuple[str, int, str]:
    """(host, port, the IP address to connect to) for a delivery to `url`, or RefusedAddress."""
    parts = urlsplit(url)
    allow_loopback = settings.GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK
    host = parts.hostname or ""
    if parts.scheme == "http" and not (allow_loopback and host in LOOPBACK_NAMES):
        raise RefusedAddress(_("The address must start with https://."))
    if parts.scheme not in ("http", "https") or not host:
        raise RefusedAddress(_("The address must start with https://."))
    if parts.username or parts.password:
        raise RefusedAddress(_("Leave the user name and password out of the address."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedAddress(_("The address's port is not a number.")) from None
    addresses = _resolve(host, port)
    for address in addresses:
        if signing.address_refusal(address, allow_loopback=allow_loopback):
            raise RefusedAddress(
                _("The address leads to a private or local network, which webhooks cannot reach.")
            )
    if not addresses:
        raise RefusedAddress(_("The address's host name could not be found."))
    return host, port, addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """A connection to `host` (its Host header) made to the address already checked."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS; the certificate is checked against the host name, not the address."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def post_signed(url: str, *, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    """POST `body` to `url` once: (the status code, the start of the answer). Raises
    RefusedAddress, OSError (no connection, a timeout) or http.client.HTTPException."""
    host, port, address = checked_address(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = kind(host, port, address=address, timeout=settings.GROUNDWORK_WEBHOOK_TIMEOUT)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read(RESPONSE_READ)
    finally:
        connection.close()
    return response.status, answer.decode("utf-8", "replace")[:RESPONSE_KEPT]


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


def do_attempt_webhook_delivery(delivery_id: int, *, attempt: int) -> str:
    """Make attempt number `attempt` of a delivery, log it, and then: done if the receiver
    answered 2xx; else the next attempt after a wait (signing.retry_delay), or, after the last,
    the delivery failed. Each attempt number is claimed by one conditional update, so a job run
    twice, or by two workers at once, sends it once; a delivered one is never sent again."""
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=WebhookDelivery.Status.PENDING, attempts=attempt - 1
    ).update(attempts=attempt)
    if not claimed:
        return "not due"
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED, finished_at=timezone.now()
        )
        return "endpoint off"
    started, clock = timezone.now(), time.monotonic()
    status_code, excerpt, error = _send(delivery)
    duration_ms = round((time.monotonic() - clock) * 1000)
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=attempt,
            started_at=started,
            status_code=status_code,
            duration_ms=duration_ms,
            response_excerpt=excerpt,
            error=error[:300],
        )
        if status_code is not None and 200 <= status_code < 300:
            _finish(delivery, WebhookDelivery.Status.DELIVERED)
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failures_in_a_row=0)
            return "delivered"
        if attempt < signing.MAX_ATTEMPTS:
            _retry_later(delivery.pk, attempt + 1, after=started + signing.retry_delay(attempt))
            return "retrying"
        _finish(delivery, WebhookDelivery.Status.FAILED)
        _count_failure(endpoint)
        return "failed"


def _send(delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """(status code or None, the start of the answer, why it failed)."""
    body = signing.body_of(delivery.payload)
    headers = signing.signed_headers(
        delivery.endpoint.secret,
        message_id=delivery.message_id,
        timestamp=int(time.time()),
        body=body,
    )
    try:
        status_code, excerpt = post_signed(delivery.endpoint.url, body=body, headers=headers)
    except RefusedAddress as error:
        return None, "", str(error)
    except (OSError, http.client.HTTPException) as error:
        return None, "", f"{type(error).__name__}: {error}"
    return status_code, excerpt, ""


def _finish(delivery: WebhookDelivery, status: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=status, finished_at=timezone.now())


def _retry_later(delivery_id: int, attempt: int, *, after: datetime) -> None:
    from groundwork.api.tasks import deliver_webhook

    transaction.on_commit(
        lambda: deliver_webhook.using(run_after=after).enqueue(delivery_id, attempt)
    )


def _count_failure(endpoint: WebhookEndpoint) -> None:
    """One more delivery given up; at GROUNDWORK_WEBHOOK_DISABLE_AFTER in a row, the endpoint is
    turned off (under a lock, so only once) and its organisers are told."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        failures_in_a_row=F("failures_in_a_row") + 1
    )
    endpoint = (
        WebhookEndpoint.objects.select_for_update().select_related("group").get(pk=endpoint.pk)
    )
    if (
        not endpoint.is_active
        or endpoint.failures_in_a_row < settings.GROUNDWORK_WEBHOOK_DISABLE_AFTER
    ):
        return
    endpoint.is_active, endpoint.disabled_after_failures = False, True
    endpoint.disabled_at = timezone.now()
    endpoint.save(update_fields=["is_active", "disabled_after_failures", "disabled_at"])
    record(
        actor=None,
        verb="webhook.disabled_after_failures",
        target=endpoint,
        group_id=endpoint.group_id,
        new={"failures_in_a_row": endpoint.failures_in_a_row},
    )
    organisers = Membership.objects.filter(
        group_id=endpoint.group_id, role=Membership.Role.ORGANISER
    ).values_list("user_id", flat=True)
    do_notify(
        organisers,
        key=f"webhook-disabled:{endpoint.pk}:{endpoint.disabled_at.isoformat()}",
        text=_(
            "Webhooks to %(url)s for %(group)s were turned off: the last %(count)d events could "
            "not be delivered. Check the receiver, then turn the endpoint on again."
        )
        % {"url": endpoint.url, "group": endpoint.group.name, "count": endpoint.failures_in_a_row},
        url=endpoint.get_absolute_url(),
        kind=NotificationKind.GROUPS,
    )
