"""The API app's actions, one module per feature; each is re-exported here."""

from groundwork.api.actions.tokens import check_create_token, do_revoke_token, new_secret
from groundwork.api.actions.webhook_sending import (
    RefusedAddress,
    checked_address,
    do_attempt_webhook_delivery,
    post_signed,
)
from groundwork.api.actions.webhooks import (
    DELIVERY_LOG_DAYS,
    check_add_webhook_endpoint,
    check_send_test_webhook,
    do_disable_webhook_endpoint,
    do_enable_webhook_endpoint,
    do_forget_finished_deliveries,
    do_forget_person_in_webhooks,
    do_queue_webhook_event,
    do_update_webhook_endpoint,
    envelope,
)
from groundwork.core.errors import ActionError

__all__ = [
    "DELIVERY_LOG_DAYS",
    "ActionError",
    "RefusedAddress",
    "check_add_webhook_endpoint",
    "check_create_token",
    "check_send_test_webhook",
    "checked_address",
    "do_attempt_webhook_delivery",
    "do_disable_webhook_endpoint",
    "do_enable_webhook_endpoint",
    "do_forget_finished_deliveries",
    "do_forget_person_in_webhooks",
    "do_queue_webhook_event",
    "do_revoke_token",
    "do_update_webhook_endpoint",
    "envelope",
    "new_secret",
    "post_signed",
]
