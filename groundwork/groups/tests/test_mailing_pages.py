"""The organisers' email pages ask a fixed number of queries, however many emails and people."""

from uuid import uuid4

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.groups.models import Mailing, MailingRecipient, Membership
from groundwork.members.models import ConsentRecord, User
from tests.test_query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


def add_members(group, have: int, want: int) -> None:
    """Members numbered have+1..want, each agreeing to emails from organisers."""
    users = User.objects.bulk_create(
        User(email=f"m{number}@example.org", display_name=f"M {number}")
        for number in range(have + 1, want + 1)
    )
    Membership.objects.bulk_create(Membership(group=group, user=user) for user in users)
    ConsentRecord.objects.bulk_create(
        ConsentRecord(user=user, purpose="organiser_contact", policy_version="t") for user in users
    )


def a_mailing(group, author, number: int, status: str = "sent") -> Mailing:
    return Mailing.objects.create(
        group=group,
        author=author,
        subject=f"Email {number:03d}",
        body="Hello",
        segment="everyone",
        segment_label="Everyone in the group",
        token=uuid4(),
        status=status,
        queued_at=timezone.now(),
    )


def test_the_list_of_emails_asks_a_fixed_number_of_queries(riverside, alice):
    def grow(n: int) -> str:
        for number in range(Mailing.objects.count() + 1, n + 1):
            a_mailing(riverside, alice, number)
        return f"Email {n:03d}"

    assert_fixed_queries(client_for(alice), reverse("groups:mailings", args=["riverside"]), grow)


def test_a_drafts_preview_asks_a_fixed_number_of_queries(riverside, alice):
    mailing = a_mailing(riverside, alice, 1, status="draft")

    def grow(n: int) -> str:
        add_members(riverside, Membership.objects.count() - 1, n)
        reached = ConsentRecord.objects.filter(
            purpose="organiser_contact", withdrawn_at=None, user__memberships__group=riverside
        ).count()
        return f"It will reach {reached} p"

    assert_fixed_queries(client_for(alice), mailing.get_absolute_url(), grow)


def test_a_sent_emails_progress_asks_a_fixed_number_of_queries(riverside, alice):
    mailing = a_mailing(riverside, alice, 1, status="sending")

    def grow(n: int) -> str:
        have = Membership.objects.count() - 1
        add_members(riverside, have, n)
        new = Membership.objects.filter(user__email__startswith="m").order_by("id")[have:]
        MailingRecipient.objects.bulk_create(
            MailingRecipient(
                mailing=mailing, user_id=membership.user_id, status="skipped", reason="no_consent"
            )
            for membership in new
        )
        Mailing.objects.filter(pk=mailing.pk).update(recipient_count=n, skipped_count=n)
        return f"Has not agreed to be emailed by organisers: {n}"

    assert_fixed_queries(client_for(alice), mailing.get_absolute_url(), grow)
