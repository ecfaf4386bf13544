"""Enqueuing email: rendered in the request, sent by a job once the transaction commits."""

import uuid
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django_tasks_db import DatabaseBackend

from groundwork.core.tasks import send_email


def enqueue_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    account_security: bool = False,
) -> None:
    """Send an email through the job queue, but only if the surrounding transaction commits.
    Only `account_security` email reaches an address that bounced or complained. Its delivery
    key makes it go once, however often the job runs (core.tasks.claim_delivery).

    With the queue in the database, the job is written inside the transaction, so it commits
    with what caused it or not at all: a worker killed between the commit and the enqueue would
    otherwise lose the email (the job sees it only once committed). Any other queue, on commit.
    """
    delivery_key = uuid.uuid4().hex

    def enqueue() -> None:
        send_email.enqueue(
            to=to,
            subject=subject,
            body=body,
            html_body=html_body,
            reply_to=reply_to,
            headers=headers or {},
            account_security=account_security,
            delivery_key=delivery_key,
        )

    if isinstance(send_email.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def render_templated_email(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """The subject (on one line) and body of `<template>_subject.txt` and `<template>_message.txt`."""
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_message.txt", context)
    return " ".join(subject.split()), body


def enqueue_templated_email(
    *, to: list[str], template: str, context: dict[str, Any], reply_to: list[str] | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>_message.txt`, then `enqueue_email`."""
    subject, body = render_templated_email(template, context)
    enqueue_email(to=to, subject=subject, body=body, reply_to=reply_to)
