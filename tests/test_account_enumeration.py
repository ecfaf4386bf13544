"""Sign-up, login and password reset answer alike whether or not an email has an account.

The answer (status, page, where it leads, one email queued) must be the same, and so must the
work that takes time: hashing a password. Timings themselves are measured in
bench/account_timing.py, never here; these tests count the hashing, which is what made sign-up
answer in 37 ms for a member's address and in 957 ms for a stranger's.
"""

import pytest
from django.contrib.auth.hashers import get_hasher
from django.urls import reverse
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from groundwork.groups.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MEMBER = "member@example.org"
STRANGER = "stranger@example.org"


@pytest.fixture
def hashing(monkeypatch):
    """Counts the password hashes computed: hashing a new password, or checking one (Django's
    hashers check by hashing again with `encode`)."""
    hasher = type(get_hasher())
    work = {"count": 0}
    original = hasher.encode

    def counted(self, *args, **kwargs):
        work["count"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", counted)
    return work


def sign_up(client, email: str):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": "Sam",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "agree_privacy": "on",
        },
    )


def answer_and_work(client, hashing, send, django_capture_on_commit_callbacks):
    hashing["count"] = 0
    # An email's job is written in the request's transaction (core.email.enqueue_email); other
    # work waits for the commit.
    emails = DBTaskResult.objects.filter(task_path__endswith="send_email")
    before = emails.count()
    with django_capture_on_commit_callbacks() as queued:
        response = send()
    return {
        "status": response.status_code,
        "location": response.get("Location"),
        "queued": len(queued) + emails.count() - before,
        "hashing": hashing["count"],
    }


@pytest.fixture
def member(db):
    return UserFactory(email=MEMBER)


def test_sign_up_answers_and_works_alike_for_a_members_address_and_a_strangers(
    client, member, hashing, django_capture_on_commit_callbacks
):
    answers = [
        answer_and_work(
            client,
            hashing,
            lambda email=email: sign_up(client, email),
            django_capture_on_commit_callbacks,
        )  # fmt: skip
        for email in (MEMBER, STRANGER)
    ]
    assert answers[0] == answers[1]
    assert answers[0]["hashing"] == 1 and answers[0]["status"] == 302


def test_login_answers_and_works_alike_for_a_members_address_and_a_strangers(
    client, member, hashing, django_capture_on_commit_callbacks
):
    def log_in(email):
        return client.post(
            reverse("account_login"), {"login": email, "password": "not the password"}
        )

    answers = []
    for email in (MEMBER, STRANGER):
        hashing["count"] = 0
        response = log_in(email)
        body = response.content.decode().replace(escape(email), "EMAIL").replace(email, "EMAIL")
        answers.append((response.status_code, body.count("errorlist"), hashing["count"]))
    assert answers[0] == answers[1]
    assert answers[0][2] >= 1


def test_password_reset_answers_and_works_alike_for_a_members_address_and_a_strangers(
    client, member, hashing, django_capture_on_commit_callbacks
):
    answers = [
        answer_and_work(
            client,
            hashing,
            lambda email=email: client.post(reverse("account_reset_password"), {"email": email}),
            django_capture_on_commit_callbacks,
        )  # fmt: skip
        for email in (MEMBER, STRANGER)
    ]
    assert answers[0] == answers[1]
    assert answers[0]["queued"] == 1  # the member gets a link; the stranger is told no account
