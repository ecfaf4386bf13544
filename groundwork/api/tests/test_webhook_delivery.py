"""Webhooks are delivered by the job worker to a real receiver on loopback: signed, retried with
backoff until the receiver takes them, once; an endpoint that keeps failing is turned off and its
organisers told; nothing goes to another group's endpoint."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from groundwork.api import actions
from groundwork.api.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from groundwork.api.tests.receiver import receiver_on_loopback
from groundwork.core.jobs import requeue_abandoned_jobs
from groundwork.core.models import AuditEntry
from groundwork.groups.actions import check_join_group
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def add_endpoint(group, organiser, url, events=(WebhookEvent.MEMBER_JOINED,)):
    endpoint, secret = actions.check_add_webhook_endpoint(
        group, url=url, description="", events=list(events), acting_user=organiser
    )
    return endpoint, secret


@pytest.fixture
def send_test(django_capture_on_commit_callbacks):
    """Send a test event as the button does; its job is enqueued (on commit)."""

    def send(endpoint, organiser):
        with django_capture_on_commit_callbacks(execute=True):
            return actions.check_send_test_webhook(endpoint, acting_user=organiser)

    return send


def make_retries_due() -> None:
    """Bring every waiting retry forward to now (the wait itself is signing.retry_delay's)."""
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - timedelta(seconds=1)
    )


def test_a_receiver_that_fails_twice_gets_the_event_on_the_third_try_once(
    riverside, alice, dan, run_jobs, django_capture_on_commit_callbacks
):
    with receiver_on_loopback([500, 503]) as receiver:
        endpoint, secret = add_endpoint(riverside, alice, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            check_join_group(riverside, acting_user=dan)
        run_jobs()
        assert len(receiver.requests) == 1  # the retry waits its turn
        retry = DBTaskResult.objects.get(status="READY")
        assert retry.args_kwargs["args"] == [WebhookDelivery.objects.get().pk, 2]
        assert retry.run_after > timezone.now()
        for _ in range(4):
            make_retries_due()
            run_jobs()
        # A job run again (a worker lost, a message redelivered) sends nothing more.
        delivery = WebhookDelivery.objects.get()
        for attempt in (1, 2, 3, 4):
            for resumed in (False, True):
                actions.do_attempt_webhook_delivery(delivery.pk, attempt=attempt, resumed=resumed)
    assert len(receiver.requests) == 3
    ids = {request.headers["webhook-id"] for request in receiver.requests}
    assert ids == {delivery.message_id}  # one message, three tries
    last = receiver.requests[-1]
    payload = Webhook(secret).verify(last.body, last.headers)
    assert payload["type"] == "member.joined"
    assert payload["data"]["group"] == {"slug": "riverside", "name": "Riverside"}
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 3)
    log = list(WebhookAttempt.objects.filter(delivery=delivery).order_by("number"))
    assert [attempt.status_code for attempt in log] == [500, 503, 200]
    assert [attempt.response_excerpt for attempt in log] == ["ok", "ok", "ok"]
    assert all(attempt.duration_ms >= 0 for attempt in log)


def test_an_attempt_whose_worker_died_before_logging_it_is_made_again_by_the_requeued_job(
    riverside, alice, run_jobs, send_test, settings
):
    """The worker claimed attempt 1, then died before it sent or logged anything (the claim is
    made by hand here; killing real workers is tests/faults' business). The lease puts the job
    back; the next worker must send it, not leave it pending for ever."""
    settings.GROUNDWORK_JOB_LEASE_SECONDS = 60
    with receiver_on_loopback([]) as receiver:
        endpoint, _ = add_endpoint(riverside, alice, receiver.url)
        send_test(endpoint, alice)
        delivery = WebhookDelivery.objects.get()
        WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=1)  # claimed, then killed
        job = DBTaskResult.objects.get(status="READY")
        DBTaskResult.objects.filter(pk=job.pk).update(
            status="RUNNING", started_at=timezone.now() - timedelta(minutes=5), worker_ids=["dead"]
        )
        assert requeue_abandoned_jobs() == {"requeued": 1, "failed": 0}
        run_jobs()
        run_jobs()  # nothing more to do: sent once
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 1)
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 1


def test_a_second_job_for_an_attempt_already_claimed_by_a_live_worker_sends_nothing(
    riverside, alice, send_test
):
    with receiver_on_loopback([]) as receiver:
        endpoint, _ = add_endpoint(riverside, alice, receiver.url)
        send_test(endpoint, alice)
        delivery = WebhookDelivery.objects.get()
        WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=1)  # being sent elsewhere
        assert actions.do_attempt_webhook_delivery(delivery.pk, attempt=1) == "not due"
    assert receiver.requests == []


def test_the_retries_wait_longer_each_time(riverside, alice, dan, run_jobs, send_test, settings):
    with receiver_on_loopback([500] * 3) as receiver:
        endpoint, _secret = add_endpoint(riverside, alice, receiver.url)
        delivery = send_test(endpoint, alice)
        waits = []
        for _ in range(3):
            run_jobs()
            retry = DBTaskResult.objects.get(status="READY")
            started = WebhookAttempt.objects.filter(delivery=delivery).latest("number").started_at
            waits.append(retry.run_after - started)
            make_retries_due()
    assert waits == [timedelta(seconds=10), timedelta(seconds=60), timedelta(seconds=360)]


def test_a_redirect_is_not_followed_and_counts_as_a_failure(riverside, alice, run_jobs, send_test):
    with receiver_on_loopback([302]) as receiver:
        endpoint, _secret = add_endpoint(riverside, alice, receiver.url)
        delivery = send_test(endpoint, alice)
        run_jobs()
    assert len(receiver.requests) == 1
    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.status_code == 302
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.PENDING  # a retry waits


def test_a_receiver_that_keeps_the_request_waiting_fails_the_attempt_at_the_timeout(
    riverside, alice, run_jobs, send_test, settings
):
    settings.GROUNDWORK_WEBHOOK_TIMEOUT = 1  # below the receiver's HANG_SECONDS
    with receiver_on_loopback([0]) as receiver:
        endpoint, _secret = add_endpoint(riverside, alice, receiver.url)
        delivery = send_test(endpoint, alice)
        run_jobs()
    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.status_code is None and "timed out" in attempt.error
    assert len(receiver.requests) == 1


def test_an_endpoint_that_keeps_failing_is_turned_off_and_its_organisers_told(
    riverside, alice, run_jobs, send_test, settings
):
    settings.GROUNDWORK_WEBHOOK_DISABLE_AFTER = 2
    with receiver_on_loopback([500] * 100) as receiver:
        endpoint, _secret = add_endpoint(riverside, alice, receiver.url)
        for _ in range(3):
            send_test(endpoint, alice)
        for _ in range(8):
            run_jobs()
            make_retries_due()
        sent = len(receiver.requests)
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_after_failures
    # Two deliveries failed all six attempts; the third's last was not sent, the endpoint being off.
    assert sent == 6 + 6 + 5
    statuses = sorted(WebhookDelivery.objects.values_list("status", flat=True))
    assert statuses == ["failed"] * 3
    (notice,) = Notification.objects.filter(user=alice)
    assert receiver.url in notice.text and notice.url == endpoint.get_absolute_url()
    entry = AuditEntry.objects.get(verb="webhook.disabled_after_failures")
    assert entry.actor is None and entry.group_id == riverside.pk
    with pytest.raises(actions.ActionError):
        actions.check_send_test_webhook(endpoint, acting_user=alice)


def test_an_event_of_one_group_never_reaches_another_groups_endpoint(
    riverside, hillside, alice, carol, dan, run_jobs, django_capture_on_commit_callbacks
):
    from groundwork.groups.tests.factories import make_organiser

    make_organiser(hillside, carol)
    with receiver_on_loopback() as theirs, receiver_on_loopback() as ours:
        add_endpoint(hillside, carol, theirs.url)
        add_endpoint(riverside, alice, ours.url)
        with django_capture_on_commit_callbacks(execute=True):
            check_join_group(riverside, acting_user=dan)
        run_jobs()
    assert theirs.requests == []
    assert len(ours.requests) == 1
    assert WebhookDelivery.objects.filter(endpoint__group=hillside).count() == 0


def test_only_the_events_an_endpoint_chose_are_sent_to_it(
    riverside, alice, dan, run_jobs, django_capture_on_commit_callbacks
):
    with receiver_on_loopback() as receiver:
        add_endpoint(riverside, alice, receiver.url, events=[WebhookEvent.MEMBER_LEFT])
        with django_capture_on_commit_callbacks(execute=True):
            check_join_group(riverside, acting_user=dan)
        run_jobs()
    assert receiver.requests == []


def test_a_turned_off_endpoint_gets_nothing(
    riverside, alice, dan, run_jobs, django_capture_on_commit_callbacks
):
    with receiver_on_loopback() as receiver:
        endpoint, _secret = add_endpoint(riverside, alice, receiver.url)
        actions.do_disable_webhook_endpoint(endpoint, acting_user=alice)
        with django_capture_on_commit_callbacks(execute=True):
            check_join_group(riverside, acting_user=dan)
        run_jobs()
    assert receiver.requests == []
    assert not WebhookEndpoint.objects.get().is_active


def test_the_body_is_the_json_the_log_keeps(riverside, alice, run_jobs, send_test):
    with receiver_on_loopback() as receiver:
        endpoint, _secret = add_endpoint(riverside, alice, receiver.url)
        delivery = send_test(endpoint, alice)
        run_jobs()
    (request,) = receiver.requests
    assert json.loads(request.body) == WebhookDelivery.objects.get(pk=delivery.pk).payload
    assert request.headers["Content-Type"] == "application/json"
    assert request.path == "/hooks/groundwork"
