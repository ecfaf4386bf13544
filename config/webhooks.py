"""Webhook settings, imported at the end of config/settings.py (which has no room for them)."""

from config.settings import env_bool, env_int

# Read again rather than imported: this module runs while config.settings is still being read.
_DEBUG = env_bool("DEBUG", True)
_TESTING = env_bool("GROUNDWORK_TESTING", False)

# Deliveries may go to http://127.0.0.1 (and other loopback addresses) only when this is on: the
# tests and the embedded demo (on by default with DEBUG). Off, an endpoint must be https:// and
# resolve to public addresses only.
GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK = env_bool(
    "GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK", _DEBUG or _TESTING
)
if GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK and not (_DEBUG or _TESTING):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK lets webhooks call this server itself; it is for the "
        "tests and the demo only, never with DEBUG=false."
    )
# Seconds to connect to a receiver, and to wait for each part of its answer.
GROUNDWORK_WEBHOOK_TIMEOUT = env_int("GROUNDWORK_WEBHOOK_TIMEOUT", 5, minimum=1)
# An endpoint is turned off after this many deliveries in a row failed every attempt (about four
# hours of retries each), and its organisers are told.
GROUNDWORK_WEBHOOK_DISABLE_AFTER = env_int("GROUNDWORK_WEBHOOK_DISABLE_AFTER", 5, minimum=1)
