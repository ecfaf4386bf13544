"""The signature, headers and retry schedule of a webhook delivery, without a database: the
signature checked by `standardwebhooks` (the specification's reference library) and by hmac
written from the specification's text, and the addresses a delivery may go to."""

import base64
import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from groundwork.api import signing


def test_a_secret_is_whsec_and_24_random_bytes_in_base64():
    secret = signing.new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 24
    assert secret != signing.new_secret()


@given(body=st.dictionaries(st.text(), st.text() | st.integers()), seconds=st.integers(-200, 200))
def test_the_reference_library_verifies_every_signed_delivery(body, seconds):
    secret = signing.new_secret()
    payload = signing.body_of({"type": "member.joined", "data": body})
    timestamp = int(time.time()) + seconds
    headers = signing.signed_headers(
        secret, message_id=signing.new_message_id(), timestamp=timestamp, body=payload
    )
    assert Webhook(secret).verify(payload, headers) == json.loads(payload)


def test_the_signature_is_the_hmac_the_specification_describes():
    # "The content to sign is composed by concatenating the id, timestamp and payload, separated
    # by the full-stop character"; the key is the base64 part of the secret, decoded; the
    # signature is base64 of HMAC-SHA256, prefixed by its version and a comma.
    key = bytes(range(24))
    secret = "whsec_" + base64.b64encode(key).decode()
    body = b'{"hello":"world"}'
    expected = hmac.new(key, b"msg_abc.1700000000." + body, hashlib.sha256).digest()
    signature = signing.sign(secret, message_id="msg_abc", timestamp=1700000000, body=body)
    assert signature == "v1," + base64.b64encode(expected).decode()


def test_the_specifications_example_signs_the_same():
    # The example of the specification's "Verifying webhook authenticity" section.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    signature = signing.sign(
        secret, message_id="msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp=1614265330, body=body
    )
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_a_changed_body_or_another_secret_does_not_verify():
    secret, body = signing.new_secret(), signing.body_of({"a": 1})
    headers = signing.signed_headers(
        secret, message_id="msg_1", timestamp=int(time.time()), body=body
    )
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(signing.body_of({"a": 2}), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.new_secret()).verify(body, headers)


def test_the_body_is_the_same_bytes_on_every_attempt():
    assert signing.body_of({"b": 1, "a": [1, 2]}) == b'{"a":[1,2],"b":1}'


def test_each_wait_before_a_retry_is_six_times_the_one_before():
    waits = [signing.retry_delay(attempt) for attempt in range(1, signing.MAX_ATTEMPTS)]
    assert waits == [
        timedelta(seconds=10),
        timedelta(minutes=1),
        timedelta(minutes=6),
        timedelta(minutes=36),
        timedelta(hours=3, minutes=36),
    ]


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",  # the cloud's metadata service
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "fc00::1",
        "fe80::1",
        "::ffff:10.0.0.1",  # an IPv4 private address written as IPv6
        "224.0.0.1",
    ],
)
def test_private_addresses_are_refused(address):
    assert signing.address_refusal(address, allow_loopback=True) == "private"


@pytest.mark.parametrize("address", ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"])
def test_loopback_is_refused_unless_allowed(address):
    assert signing.address_refusal(address, allow_loopback=False) == "loopback"
    assert signing.address_refusal(address, allow_loopback=True) == ""


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_allowed(address):
    assert signing.address_refusal(address, allow_loopback=False) == ""


def test_the_example_in_the_integrators_guide_is_signed_as_it_says():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[3] / "docs" / "webhooks.md").read_text()
    request = guide.split("```\nPOST", 1)[1].split("```", 1)[0]
    headers = dict(
        line.split(": ", 1) for line in request.splitlines() if line.startswith("webhook-")
    )
    body = request.strip().splitlines()[-1].encode()
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    assert f"`{secret}`" in guide
    expected = signing.sign(
        secret,
        message_id=headers["webhook-id"],
        timestamp=int(headers["webhook-timestamp"]),
        body=body,
    )
    assert headers["webhook-signature"] == expected


def test_the_guides_verifier_by_hand_accepts_a_delivery_and_refuses_a_forgery():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[3] / "docs" / "webhooks.md").read_text()
    snippet = guide.split("Or by hand:\n\n```python\n", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(snippet, namespace)  # noqa: S102 (the guide's own code, from this repository)
    secret, body = signing.new_secret(), signing.body_of({"type": "webhook.test"})
    headers = signing.signed_headers(
        secret, message_id="msg_1", timestamp=int(time.time()), body=body
    )
    assert namespace["verify"](secret, headers, body) is True
    assert namespace["verify"](secret, headers, body + b" ") is False
    assert namespace["verify"](signing.new_secret(), headers, body) is False
