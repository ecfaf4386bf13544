"""Account emails through a real SMTP server: the site's name, and links that survive copying."""

import re
from email.message import Message
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from groundwork.members.models import User
from tests.smtp import body_of, smtp_on_loopback

pytestmark = pytest.mark.django_db

SITE_URL = "http://groundwork.example.org"
PASSWORD = "a long enough passphrase"


@pytest.fixture
def site(settings):
    settings.SITE_NAME = "Riverside Alliance"
    settings.SITE_URL = SITE_URL
    cache.clear()  # allauth remembers, in the cache, addresses it sent a confirmation to lately


def sign_up(client: Client, email: str, name: str = "Zoë Ó Briain") -> None:
    form = {
        "email": email,
        "display_name": name,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "agree_privacy": "on",
    }
    assert client.post(reverse("account_signup"), form).status_code == 302


def raw_text_of(message: Message) -> str:
    """The plain-text part as it travelled: still transfer-encoded, as a raw view would show it."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=False)
            assert isinstance(payload, str)
            return payload
    raise AssertionError("The email has no plain-text part.")


def link_alone_on_its_line(message: Message, path_start: str) -> str:
    """The link to `path_start`: whole, on a line of its own, in the raw and the decoded email."""
    pattern = re.compile(rf"^({re.escape(SITE_URL + path_start)}\S+)\r?$", re.MULTILINE)
    decoded = pattern.search(body_of(message))
    assert decoded, body_of(message)
    raw = pattern.search(raw_text_of(message))
    assert raw, f"the link is broken in the email as sent:\n{raw_text_of(message)}"
    assert raw.group(1) == decoded.group(1)
    assert decoded.group(1)[-1] not in ".,;:)!?'\"", "a mail client would take this into the link"
    return decoded.group(1)


def send_and_receive(django_capture_on_commit_callbacks, run_jobs, *requests) -> list[Message]:
    with smtp_on_loopback() as inbox:
        for request in requests:
            with django_capture_on_commit_callbacks(execute=True):
                request()
        assert inbox.messages == []  # the requests only queued them
        run_jobs()
        return inbox.wait_for(len(requests))


def test_the_verification_link_in_a_received_email_confirms_the_address_and_signs_in(
    site, django_capture_on_commit_callbacks, run_jobs
):
    newcomer = Client()
    # An accented name makes the body non-ASCII, so it travels quoted-printable: no soft break
    # may fall inside the link.
    [message] = send_and_receive(
        django_capture_on_commit_callbacks,
        run_jobs,
        lambda: sign_up(newcomer, "zoe@example.org"),
    )
    assert message["Subject"].startswith("[Riverside Alliance] ")
    assert "Hello from Riverside Alliance!" in body_of(message)
    assert "Zoë Ó Briain gave this email address to Riverside Alliance." in body_of(message)
    link = link_alone_on_its_line(message, "/accounts/confirm-email/")
    assert len(link) > 76  # longer than a quoted-printable line, and still whole

    path = urlsplit(link).path
    assert "Confirm" in newcomer.get(path).content.decode()
    response = newcomer.post(path)
    assert response.status_code == 302
    user = User.objects.get(email="zoe@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert newcomer.session["_auth_user_id"] == str(user.pk)


def test_the_password_reset_link_in_a_received_email_opens_the_new_password_form(
    site, bob, django_capture_on_commit_callbacks, run_jobs
):
    forgetful = Client()
    [message] = send_and_receive(
        django_capture_on_commit_callbacks,
        run_jobs,
        lambda: forgetful.post(reverse("account_reset_password"), {"email": bob.email}),
    )
    assert message["Subject"].startswith("[Riverside Alliance] ")
    assert "Hello from Riverside Alliance!" in body_of(message)
    link = link_alone_on_its_line(message, "/accounts/password/reset/key/")
    page = forgetful.get(urlsplit(link).path, follow=True)
    assert page.status_code == 200
    assert "password1" in page.content.decode()


def test_every_account_email_names_the_site_in_its_subject_and_greeting(
    site, bob, django_capture_on_commit_callbacks, run_jobs
):
    messages = send_and_receive(
        django_capture_on_commit_callbacks,
        run_jobs,
        lambda: sign_up(Client(), "nia@example.org", name="Nia"),
        lambda: sign_up(Client(), bob.email, name="Bob again"),  # "account already exists"
        lambda: Client().post(reverse("account_reset_password"), {"email": bob.email}),
        lambda: Client().post(reverse("account_reset_password"), {"email": "who@example.org"}),
    )
    assert len(messages) == 4
    for message in messages:
        assert message["Subject"].startswith("[Riverside Alliance] "), message["Subject"]
        body = body_of(message)
        assert "Hello from Riverside Alliance!" in body
        assert "Thank you for using Riverside Alliance!" in body
        assert "groundwork.example.org" in body
        assert " from !" not in body and "[]" not in message["Subject"]
