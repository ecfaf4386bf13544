"""Reading bounces and complaints as the mail server sends them: a delivery status notification
(RFC 3464, `multipart/report; report-type=delivery-status`) or an abuse feedback report (ARF,
RFC 5965, `report-type=feedback-report`). Pure functions over the raw message; the action that
suppresses the addresses is `actions.do_record_bounce_report`, called by the `record_bounce`
management command (an MTA pipes reports to it).
"""

import email
import email.policy
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses

BOUNCE = "bounce"  # BOUNCE
COMPLAINT = "complaint"  # COMPLAINT


@dataclass(frozen=True)
class Report:
    """What a report says: these addresses bounced for good, or complained."""

    reason: str  # BOUNCE or COMPLAINT
    addresses: list[str]
    detail: str


def _fields(part: Message) -> list[Message]:
    """The groups of header-like fields inside a message/delivery-status or feedback part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    text = payload if isinstance(payload, str) else ""
    return [email.message_from_string(block) for block in text.split("\n\n") if block.strip()]


def _address(value: str | None) -> str:
    """The address of a field such as `rfc822; someone@example.org`, lower-cased."""
    if not value:
        return ""
    value = value.split(";", 1)[-1].strip().strip("<>")
    return value.lower() if "@" in value else ""


def _bounces(report: Message) -> Report | None:
    addresses: list[str] = []
    details: list[str] = []
    for part in report.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for fields in _fields(part):
            action = (fields.get("Action") or "").strip().lower()
            status = (fields.get("Status") or "").strip()
            # Only permanent failures: a full mailbox (4.x.x) is tried again, not suppressed.
            if action == "failed" and status.startswith("5"):
                address = _address(
                    fields.get("Final-Recipient") or fields.get("Original-Recipient")
                )
                if address:
                    addresses.append(address)
                    details.append(f"{status} {(fields.get('Diagnostic-Code') or '').strip()}")
    if not addresses:
        return None
    return Report(BOUNCE, addresses, details[0][:200])


def _complaint(report: Message) -> Report | None:
    addresses: list[str] = []
    feedback_type = ""
    for part in report.walk():
        content_type = part.get_content_type()
        if content_type == "message/feedback-report":
            for fields in _fields(part):
                feedback_type = feedback_type or (fields.get("Feedback-Type") or "").strip()
                addresses += [
                    a for a in (_address(v) for v in fields.get_all("Original-Rcpt-To") or []) if a
                ]
        elif content_type in ("message/rfc822", "text/rfc822-headers") and not addresses:
            original = part.get_payload()
            headers: Message | None = None
            if isinstance(original, list) and isinstance(original[0], Message):
                headers = original[0]
            elif isinstance(original, str):
                headers = email.message_from_string(original)
            if headers is not None:
                addresses += [a.lower() for _name, a in getaddresses(headers.get_all("To") or [])]
    addresses = [address for address in addresses if "@" in address]
    if not addresses:
        return None
    return Report(COMPLAINT, addresses, f"feedback: {feedback_type}"[:200])


def read_report(raw: bytes) -> Report | None:
    """What a bounce or complaint report asks to stop, or None if it asks nothing (a transient
    failure, a message that is no report)."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if message.get_content_type() != "multipart/report":
        return None
    report_type = str(message.get_param("report-type") or "").lower()
    if report_type == "delivery-status":
        return _bounces(message)
    if report_type == "feedback-report":
        return _complaint(message)
    return None
