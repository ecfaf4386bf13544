"""What a webhook delivery puts on the wire, as the Standard Webhooks specification describes it:
the secret, the three headers and their signature, and when a failed delivery is tried again.

Plain functions, no database. The signature is a few lines of `hmac`, so the wire format is read
here in full; the tests check it against `standardwebhooks`' own verifier (the reference).

    signed content  = "<webhook-id>.<webhook-timestamp>.<body>"
    webhook-signature = "v1," + base64(HMAC-SHA256(secret bytes, signed content))
    secret          = "whsec_" + base64(24 random bytes)
"""

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import uuid
from datetime import timedelta
from typing import Any

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24  # 192 bits; the specification asks for 24 to 64

# A delivery is tried at most this many times: at once, then after 10 s, 1 min, 6 min, 36 min and
# 3 h 36 min (each wait six times the one before), about 4 h 20 min in all, so a receiver down for
# a restart or a short outage still gets every event.
MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(seconds=10)
BACKOFF = 6


def new_secret() -> str:
    """A fresh signing secret, `whsec_` and base64 of 24 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_message_id() -> str:
    """The `webhook-id` of a delivery: the same on every attempt, so receivers can drop repeats."""
    return f"msg_{uuid.uuid4().hex}"


def secret_bytes(secret: str) -> bytes:
    """The key an HMAC is made with: the base64 after the `whsec_` prefix, decoded."""
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secret: str, *, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header's value for this id, timestamp (Unix seconds) and body."""
    content = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, *, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """Every header a delivery is sent with."""
    return {
        "Content-Type": "application/json",
        "User-Agent": "Groundwork-Webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id=message_id, timestamp=timestamp, body=body),
    }


def body_of(payload: dict[str, Any]) -> bytes:
    """The JSON body of a payload: compact, keys sorted, so every attempt sends the same bytes."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt `attempt` before the next: 10 s × 6^(attempt − 1)."""
    return FIRST_RETRY * BACKOFF ** (attempt - 1)


def address_refusal(address: str, *, allow_loopback: bool) -> str:
    """Why a delivery may not go to this IP address ("" if it may): only addresses on the public
    internet, so an endpoint cannot make the server call itself or its private network (SSRF).
    Loopback is let through only when `allow_loopback` (tests and the demo)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "" if allow_loopback else "loopback"
    if not ip.is_global or ip.is_multicast:
        return "private"
    return ""
