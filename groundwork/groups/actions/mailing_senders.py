"""The threads that send a mailing's batch, each over its own SMTP connection.

A sender waits for the mail server most of the time, so several of them keep one server busy
(where it accepts that many connections from us: GROUNDWORK_MAILING_CONNECTIONS), while the job's
own thread writes to the database what became of each email. Senders never touch the database.
"""

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from queue import Empty, SimpleQueue
from smtplib import SMTP, SMTPDataError, SMTPRecipientsRefused
from typing import TYPE_CHECKING

from django.core.mail import mailers
from django.core.mail.backends.base import BaseEmailBackend

from groundwork.groups.models import MailingRecipient

if TYPE_CHECKING:
    from groundwork.groups.actions.mailing_delivery import _Message, _Pending


@dataclass(frozen=True)
class Outcome:
    """What became of one recipient's email: sent, or skipped because the server refused it."""

    pk: int
    status: str
    reason: str


@dataclass(frozen=True)
class Finished:
    """A sender stopped: no row left, out of time, told to stop, or `error`."""

    error: BaseException | None


class Sender(threading.Thread):
    """Takes rows from `rows` until none is left, the deadline passes or `stop` is set, and sends
    each over one connection; puts an `Outcome` per row on `results`, then `Finished`.

    Before each email it takes one of `unmarked`'s slots, which the job's thread gives back once
    the outcome is written: so at most that many emails are ever sent and not yet marked sent.
    """

    def __init__(
        self,
        message: "_Message",
        template: bytes | None,
        *,
        rows: "SimpleQueue[_Pending]",
        results: "Results",
        unmarked: threading.Semaphore,
        stop: threading.Event,
        deadline: float,
    ) -> None:
        super().__init__(name="mailing-sender", daemon=True)
        self.message, self.template = message, template
        self.rows, self.results, self.unmarked = rows, results, unmarked
        self.stop, self.deadline = stop, deadline

    def run(self) -> None:
        error: BaseException | None = None
        connection = mailers.default
        try:
            connection.open()
            smtp = getattr(connection, "connection", None)
            while self._take_a_slot():
                try:
                    row = self.rows.get_nowait()
                except Empty:
                    self.unmarked.release()
                    break
                status, reason = self._send(connection, smtp, row)
                self.results.put(Outcome(row.pk, status, reason))
        except BaseException as raised:  # noqa: BLE001 - handed to the job's thread, which raises it
            error = raised
        finally:
            try:
                connection.close()
            except Exception as raised:  # noqa: BLE001 - a connection that dropped fails to QUIT
                error = error or raised
            self.results.put(Finished(error))

    def _take_a_slot(self) -> bool:
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            if self.unmarked.acquire(timeout=0.1):
                return True
        return False

    def _send(self, connection: BaseEmailBackend, smtp: object, row: "_Pending") -> tuple[str, str]:
        message = self.message
        try:
            if self.template is not None and isinstance(smtp, SMTP) and row.address.isascii():
                data = message.fill(self.template, row.address, row.pk)
                smtp.sendmail(message.envelope_sender, [row.address], data)
            else:
                message.to(row.address, row.pk, connection).send()
        except SMTPRecipientsRefused:
            return MailingRecipient.Status.SKIPPED, MailingRecipient.Reason.REFUSED
        except SMTPDataError as error:
            if not 500 <= error.smtp_code < 600:  # 4xx: try again later, with the rest
                raise
            # Refused for good, this email only (too large for their mailbox, say).
            return MailingRecipient.Status.SKIPPED, MailingRecipient.Reason.REFUSED
        return MailingRecipient.Status.SENT, ""


class Results:
    """What the senders report, handed to the job's thread without waking it for every email:
    once `every` reports wait, or a sender has finished, or when it stops waiting."""

    def __init__(self, *, every: int) -> None:
        self.every = every
        self.lock = threading.Lock()
        self.waiting: list[Outcome | Finished] = []
        self.ready = threading.Event()

    def put(self, report: Outcome | Finished) -> None:
        with self.lock:
            self.waiting.append(report)
            if isinstance(report, Finished) or len(self.waiting) >= self.every:
                self.ready.set()

    def take(self, *, wait: float) -> list[Outcome | Finished]:
        """Every report waiting, after at most `wait` seconds."""
        self.ready.wait(wait)
        with self.lock:
            reports, self.waiting = self.waiting, []
            self.ready.clear()
        return reports


class Marks:
    """Outcomes not yet written, written together: one UPDATE per kind of outcome."""

    def __init__(self) -> None:
        self.waiting: dict[tuple[str, str], list[int]] = {}
        self.count = 0

    def add(self, outcome: Outcome) -> None:
        self.waiting.setdefault((outcome.status, outcome.reason), []).append(outcome.pk)
        self.count += 1

    def write(self, now: datetime) -> int:
        """Write the outcomes waiting (only over rows still pending); how many there were."""
        for (status, reason), ids in self.waiting.items():
            MailingRecipient.objects.filter(
                pk__in=ids, status=MailingRecipient.Status.PENDING
            ).update(status=status, reason=reason, sent_at=now)
        written, self.waiting, self.count = self.count, {}, 0
        return written
