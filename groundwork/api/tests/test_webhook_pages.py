"""The organisers' webhook pages: adding an endpoint (its secret shown once), refusing addresses
deliveries may not go to, changing its events, turning it off and on, the test button, the
delivery log, and nobody else reaching any of it."""

import socket
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import client_for
from groundwork.api import actions
from groundwork.api.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.groups.tests.factories import make_organiser

pytestmark = pytest.mark.django_db

ADD = reverse("api:add_webhook", kwargs={"slug": "riverside"})


def resolving_to(address: str):
    """getaddrinfo answering `address` for any name (no DNS asked in the tests)."""
    answer = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 443))]
    return mock.patch(
        "groundwork.api.actions.webhook_sending.socket.getaddrinfo", return_value=answer
    )


def add(client, url, events=("member.joined",)):
    return client.post(ADD, {"url": url, "description": "Our CRM", "events": list(events)})


def test_alice_adds_an_endpoint_and_sees_its_secret_once(riverside, alice, settings):
    settings.GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK = False
    client = client_for(alice)
    with resolving_to("93.184.215.14"):
        response = add(client, "https://crm.example.org/hooks", ["member.joined", "rsvp.made"])
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302 and response["Location"] == endpoint.get_absolute_url()
    assert endpoint.events == ["member.joined", "rsvp.made"]
    first = client.get(endpoint.get_absolute_url()).content.decode()
    assert endpoint.secret in first and endpoint.secret.startswith("whsec_")
    again = client.get(endpoint.get_absolute_url()).content.decode()
    assert endpoint.secret not in again
    entry = AuditEntry.objects.get(verb="webhook.added")
    assert (entry.actor, entry.group_id) == (alice, riverside.pk)
    assert endpoint.secret not in str(entry.new)


@pytest.mark.parametrize(
    ("url", "address", "refusal"),
    [
        ("http://crm.example.org/hooks", "93.184.215.14", "must start with https://"),
        ("https://intranet.example.org/", "10.1.2.3", "private or local network"),
        ("https://metadata.example.org/", "169.254.169.254", "private or local network"),
        ("https://sneaky.example.org/", "127.0.0.1", "private or local network"),
        ("https://user:pw@crm.example.org/", "93.184.215.14", "user name and password"),
    ],
)
def test_an_address_deliveries_may_not_go_to_is_refused_at_the_field(
    riverside, alice, settings, url, address, refusal
):
    settings.GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK = False
    with resolving_to(address):
        response = add(client_for(alice), url)
    assert response.status_code == 400
    assert refusal in str(response.context["form"].errors["url"])
    assert url in response.content.decode()  # what she typed stays
    assert not WebhookEndpoint.objects.exists()


def test_loopback_over_http_is_allowed_only_when_the_setting_says_so(riverside, alice, settings):
    settings.GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK = False
    with pytest.raises(ActionError):
        actions.check_add_webhook_endpoint(
            riverside, url="http://127.0.0.1:8000/", description="", events=[], acting_user=alice
        )
    settings.GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK = True
    actions.check_add_webhook_endpoint(
        riverside, url="http://127.0.0.1:8000/", description="", events=[], acting_user=alice
    )
    assert WebhookEndpoint.objects.count() == 1


def test_a_name_that_turns_private_after_it_was_added_gets_nothing(
    riverside, alice, settings, run_jobs, django_capture_on_commit_callbacks
):
    settings.GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK = False
    with resolving_to("93.184.215.14"):
        endpoint, _secret = actions.check_add_webhook_endpoint(
            riverside, url="https://crm.example.org/", description="", events=[], acting_user=alice
        )
    with django_capture_on_commit_callbacks(execute=True):
        actions.check_send_test_webhook(endpoint, acting_user=alice)
    with (
        resolving_to("10.0.0.7"),
        mock.patch("groundwork.api.actions.webhook_sending.socket.create_connection") as connect,
    ):
        run_jobs()
    connect.assert_not_called()
    attempt = WebhookAttempt.objects.get()
    assert attempt.status_code is None and "private or local" in attempt.error


def test_alice_changes_the_events_and_the_address_stays(riverside, alice):
    endpoint, _secret = actions.check_add_webhook_endpoint(
        riverside,
        url="http://127.0.0.1:9/",
        description="",
        events=["member.joined"],
        acting_user=alice,
    )
    url = reverse("api:edit_webhook", kwargs={"slug": "riverside", "pk": endpoint.pk})
    response = client_for(alice).post(
        url, {"description": "Sheet", "events": ["member.left"], "url": "http://elsewhere/"}
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.events, endpoint.description) == (["member.left"], "Sheet")
    assert endpoint.url == "http://127.0.0.1:9/"
    empty = client_for(alice).post(url, {"description": "", "events": []})
    assert empty.status_code == 400 and "Choose at least one event." in empty.content.decode()


def test_alice_turns_an_endpoint_off_and_on_and_sends_a_test(
    riverside, alice, django_capture_on_commit_callbacks
):
    endpoint, _secret = actions.check_add_webhook_endpoint(
        riverside, url="http://127.0.0.1:9/", description="", events=[], acting_user=alice
    )
    client = client_for(alice)
    kwargs = {"slug": "riverside", "pk": endpoint.pk}
    client.post(reverse("api:disable_webhook", kwargs=kwargs))
    assert not WebhookEndpoint.objects.get().is_active
    client.post(reverse("api:test_webhook", kwargs=kwargs))
    assert not WebhookDelivery.objects.exists()  # refused while off
    client.post(reverse("api:enable_webhook", kwargs=kwargs))
    assert WebhookEndpoint.objects.get().is_active
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("api:test_webhook", kwargs=kwargs))
    delivery = WebhookDelivery.objects.get()
    assert delivery.event_type == "webhook.test"
    assert DBTaskResult.objects.get().args_kwargs["args"] == [delivery.pk, 1]
    verbs = list(AuditEntry.objects.order_by("id").values_list("verb", flat=True))
    assert verbs[-3:] == ["webhook.disabled", "webhook.enabled", "webhook.test_sent"]


def test_another_groups_organiser_gets_404_for_riversides_endpoint(
    riverside, hillside, alice, carol
):
    make_organiser(hillside, carol)
    endpoint, _secret = actions.check_add_webhook_endpoint(
        riverside, url="http://127.0.0.1:9/", description="", events=[], acting_user=alice
    )
    client = client_for(carol)
    # Through Hillside's address (which carol organises) as through Riverside's.
    for slug in ("hillside", "riverside"):
        kwargs = {"slug": slug, "pk": endpoint.pk}
        assert client.get(reverse("api:webhook", kwargs=kwargs)).status_code == 404
        assert client.post(reverse("api:disable_webhook", kwargs=kwargs)).status_code == 404
    assert WebhookEndpoint.objects.get().is_active


def many_deliveries(endpoint, count: int) -> None:
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event_type="member.joined",
            event_key=f"member.joined:membership:{n}",
            message_id=f"msg_{n}",
            payload={"n": n},
        )
        for n in range(count)
    )
    WebhookAttempt.objects.bulk_create(
        WebhookAttempt(
            delivery=delivery,
            number=number,
            started_at=timezone.now(),
            status_code=500,
            duration_ms=12,
            response_excerpt="down",
        )
        for delivery in deliveries
        for number in (1, 2)
    )


@pytest.mark.parametrize("count", [1, 10, 100])
def test_the_pages_ask_a_fixed_number_of_queries(
    count, riverside, alice, django_assert_max_num_queries
):
    endpoints = [
        actions.check_add_webhook_endpoint(
            riverside,
            url=f"http://127.0.0.1:9/{n}",
            description="",
            events=["member.joined"],
            acting_user=alice,
        )[0]
        for n in range(count)
    ]
    endpoint = endpoints[-1]
    many_deliveries(endpoint, count)
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("api:webhooks", kwargs={"slug": "riverside"}))
    assert len(listing.context["endpoints"]) == count
    with django_assert_max_num_queries(12):
        detail = client.get(endpoint.get_absolute_url())
    assert len(detail.context["deliveries"]) == min(count, 50)
    assert detail.content.decode().count("HTTP 500") == 2 * min(count, 50)


def test_production_keeps_webhooks_off_loopback(monkeypatch):
    import runpy

    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    path = str(settings.BASE_DIR / "config" / "webhooks.py")
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.setenv("GROUNDWORK_TESTING", "false")
    monkeypatch.delenv("GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK", raising=False)
    assert runpy.run_path(path)["GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK"] is False
    monkeypatch.setenv("GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK", "true")
    with pytest.raises(ImproperlyConfigured, match="GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK"):
        runpy.run_path(path)
