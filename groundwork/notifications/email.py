"""Email to people that they can stop: each message carries its own one-click unsubscribe link.

The link (RFC 8058) is signed with django.core.signing and names the address and the kind of email,
so it works without signing in, and a mail client can POST to it from the `List-Unsubscribe` header.
"""

import hashlib
import hmac
import json
import time
import zlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.translation import gettext as _

from groundwork.core.email import enqueue_email, render_templated_email
from groundwork.notifications.models import EmailKind, EmailOptOut

SALT = "groundwork.notifications.unsubscribe"


@dataclass(frozen=True)
class Unsubscription:
    """What a valid token asks: stop `kind` of email to `address`."""

    address: str
    kind: EmailKind


def make_token(address: str, kind: EmailKind) -> str:
    """A signed token naming the address and the kind of email; it does not expire."""
    return signing.dumps({"to": address.lower(), "kind": str(kind)}, salt=SALT, compress=True)


def read_token(token: str) -> Unsubscription | None:
    """What the token asks, or None if it was not signed by this site or names no known kind."""
    try:
        payload = signing.loads(token, salt=SALT)
        return Unsubscription(address=str(payload["to"]), kind=EmailKind(payload["kind"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe_url(address: str, kind: EmailKind) -> str:
    """The full address of the unsubscribe page for this address and kind."""
    return unsubscribe_url_for_token(make_token(address, kind))


class UnsubscribeLinks:
    """`unsubscribe_url` for many addresses and one kind, each link the same as it gives: the key
    derived and the page's address reversed once, not per email (a mailing to thousands signs
    one link per person, and Django's signing machinery per call cost a quarter of the send)."""

    TOKEN_MARK = "TOKEN-MARK-5c1e"

    def __init__(self, kind: EmailKind) -> None:
        self.kind = str(kind)
        signer = signing.TimestampSigner(salt=SALT)
        # As django.utils.crypto.salted_hmac derives it for the signer's signature.
        salt = force_bytes(signer.salt) + b"signer"
        key = hashlib.sha256(salt + force_bytes(signer.key)).digest()
        self._hmac = hmac.new(key, digestmod=hashlib.sha256)
        self._sep = signer.sep
        url = unsubscribe_url_for_token(self.TOKEN_MARK)
        self._before, self._after = url.split(self.TOKEN_MARK)

    def token(self, address: str) -> str:
        """What `make_token(address, kind)` returns in the same second."""
        data = json.dumps({"to": address.lower(), "kind": self.kind}, separators=(",", ":"))
        raw = data.encode("latin-1")
        compressed = zlib.compress(raw)
        if len(compressed) < len(raw) - 1:  # as signing.dumps(compress=True) decides
            value = "." + signing.b64_encode(compressed).decode()
        else:
            value = signing.b64_encode(raw).decode()
        value = f"{value}{self._sep}{signing.b62_encode(int(time.time()))}"
        signature = self._hmac.copy()
        signature.update(value.encode())
        return f"{value}{self._sep}{signing.b64_encode(signature.digest()).decode()}"

    def url(self, address: str) -> str:
        """What `unsubscribe_url(address, kind)` returns in the same second."""
        return f"{self._before}{self.token(address)}{self._after}"


def unsubscribe_url_for_token(token: str) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def unsubscribe_headers(address: str, kind: EmailKind) -> dict[str, str]:
    """The RFC 8058 headers: mail clients show an unsubscribe button that POSTs to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(address, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def opted_out(addresses: list[str], kind: EmailKind) -> set[str]:
    """Which of the addresses (lower-cased) asked for no more email of this kind."""
    lowered = [address.lower() for address in addresses]
    return set(
        EmailOptOut.objects.filter(address__in=lowered, kind=kind).values_list("address", flat=True)
    )


def enqueue_email_to(
    addresses: list[str],
    *,
    kind: EmailKind,
    subject: str,
    body: str,
    reply_to: list[str] | None = None,
) -> int:
    """Send one email to each address that has not opted out of `kind`; returns how many."""
    stopped = opted_out(addresses, kind)
    sent = 0
    for address in addresses:
        if address.lower() in stopped:
            continue
        footer = _("To stop these emails (%(kind)s), open: %(url)s") % {
            "kind": kind.label,
            "url": unsubscribe_url(address, kind),
        }
        enqueue_email(
            to=[address],
            subject=subject,
            body=f"{body.rstrip()}\n\n-- \n{footer}\n",
            reply_to=reply_to,
            headers=unsubscribe_headers(address, kind),
        )
        sent += 1
    return sent


def enqueue_templated_email_to(
    addresses: list[str],
    *,
    kind: EmailKind,
    template: str,
    context: dict[str, Any],
    reply_to: list[str] | None = None,
) -> int:
    """Render `<template>_subject.txt` and `_message.txt`, then `enqueue_email_to`."""
    subject, body = render_templated_email(template, context)
    return enqueue_email_to(addresses, kind=kind, subject=subject, body=body, reply_to=reply_to)
