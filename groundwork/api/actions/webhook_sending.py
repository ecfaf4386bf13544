"""Sending webhook deliveries, from the job worker: each attempt signed, logged, retried with
backoff, and an endpoint that keeps failing turned off with its organisers told.

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
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.api import signing
from groundwork.api.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from groundwork.core.audit import record
from groundwork.groups.models import Membership
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind

# What the log keeps of a receiver's answer, and the most of it read.
RESPONSE_KEPT = 500
RESPONSE_READ = 4096
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


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


def do_attempt_webhook_delivery(delivery_id: int, *, attempt: int, resumed: bool = False) -> str:
    """Make attempt number `attempt` of a delivery, log it, and then: done if the receiver
    answered 2xx; else the next attempt after a wait (signing.retry_delay), or, after the last,
    the delivery failed. Each attempt number is claimed by one conditional update, so a job run
    twice, or by two workers at once, sends it once; a delivered one is never sent again.

    `resumed`: this job's last worker died (the lease put the job back). If it had claimed the
    attempt but logged nothing, the attempt is made again rather than left pending for ever: the
    receiver may then get the message twice, with the same webhook-id, which Standard Webhooks
    tells receivers to deduplicate by (delivery is at least once)."""
    due = WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
    claimed = due.filter(attempts=attempt - 1).update(attempts=attempt)
    if not claimed and resumed:
        claimed = (
            due.filter(attempts=attempt)
            .exclude(attempt_log__number=attempt)
            .update(attempts=attempt)
        )
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
