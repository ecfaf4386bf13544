"""The API app's models, one module per feature; each is re-exported here."""

from groundwork.api.models.tokens import AccessToken
from groundwork.api.models.webhooks import (
    TEST_EVENT,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

__all__ = [
    "TEST_EVENT",
    "AccessToken",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
