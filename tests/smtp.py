"""A real SMTP server on loopback for integration tests (aiosmtpd), and settings that use it."""

import email
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message

from aiosmtpd.controller import Controller
from django.test import override_settings


class Inbox:
    """Collects what the SMTP server receives."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self.messages: list[Message] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        with self._arrived:
            self.messages.append(email.message_from_bytes(envelope.content))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10) -> list[Message]:
        """Wait until `count` messages have arrived (or fail after `timeout` seconds)."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(
                    f"{len(self.messages)} of {count} emails arrived in {timeout}s"
                )
        return self.messages


def body_of(message: Message) -> str:
    """The plain-text body of an email."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)  # decoded: a single part's bytes
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("The email has no plain-text part.")


def free_port() -> int:
    """A port on loopback that nothing listens on (aiosmtpd cannot be asked for port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_on_loopback() -> Iterator[Inbox]:
    """Start an SMTP server on 127.0.0.1 and point Django's mailer at it for the duration."""
    port = free_port()
    inbox = Inbox(port)
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mailers = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
            }
        }
        with override_settings(MAILERS=mailers):
            yield inbox
    finally:
        controller.stop()
