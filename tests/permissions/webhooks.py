"""Rows of the permission matrix: a group's webhooks (its organisers' alone)."""

from tests.permissions.cells import LOGIN, RIVERSIDE_ORGANISER, Row, riverside_slug


def riverside_endpoint(world):
    """A webhook endpoint of Riverside, made the first time a cell asks for it."""
    from groundwork.api.models import WebhookEndpoint, WebhookEvent

    endpoint, _created = WebhookEndpoint.objects.get_or_create(
        group=world.riverside,
        url="https://hooks.example.org/riverside",
        defaults={"events": [WebhookEvent.MEMBER_JOINED], "secret": "whsec_" + "A" * 32},
    )
    return endpoint


def endpoint_of_riverside(world):
    return {"slug": "riverside", "pk": riverside_endpoint(world).pk}


def _to_the_endpoint(world):
    return "→" + riverside_endpoint(world).get_absolute_url()


# POSTs that lead back to the endpoint's page, for Riverside's organisers only.
BACK_TO_ENDPOINT = (LOGIN, 404, 404, 404, _to_the_endpoint, 404)

ROWS: dict[str, Row] = {
    "api:webhooks": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "api:add_webhook": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "api:webhook": Row(RIVERSIDE_ORGANISER, kwargs=endpoint_of_riverside),
    "api:edit_webhook": Row(RIVERSIDE_ORGANISER, kwargs=endpoint_of_riverside),
    "api:disable_webhook": Row(BACK_TO_ENDPOINT, method="post", kwargs=endpoint_of_riverside),
    "api:enable_webhook": Row(BACK_TO_ENDPOINT, method="post", kwargs=endpoint_of_riverside),
    "api:test_webhook": Row(BACK_TO_ENDPOINT, method="post", kwargs=endpoint_of_riverside),
}
