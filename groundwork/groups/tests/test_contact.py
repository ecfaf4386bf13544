"""Writing to a group's organisers from its page: nobody's address is shown, the mail goes by a
job with Reply-To the sender, it is rate limited and audited, and a double submission sends once."""

import re
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("groups:detail", args=["riverside"])
CONTACT = reverse("groups:contact", args=["riverside"])
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def message(**values) -> dict:
    return {
        "name": "Sam Visitor",
        "email": "sam@example.net",
        "message": "Can I help with the food share?",
        "token": str(uuid.uuid4()),
    } | values


def test_the_group_page_shows_no_email_address_to_anyone(riverside, alice, bob, dan, anon):
    riverside.contact_email = "riverside-organisers@example.org"
    riverside.save()
    for client in (anon, client_for(dan), client_for(bob)):
        html = client.get(PAGE).content.decode()
        assert "Write to the organisers" in html
        assert EMAIL_ADDRESS.findall(html) == []


def test_a_visitor_writes_and_the_organisers_get_it_by_the_worker_with_reply_to_the_visitor(
    riverside, alice, anon, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post(CONTACT, message())
    assert response.status_code == 302 and response["Location"] == PAGE
    assert mailoutbox == []  # the job sends it, never the request
    run_jobs()
    [mail] = mailoutbox
    assert mail.to == [alice.email]
    assert mail.reply_to == ["sam@example.net"]
    assert "Sam Visitor wrote to the organisers of Riverside" in mail.subject
    assert "Can I help with the food share?" in mail.body
    entry = AuditEntry.objects.get(verb="group.organisers_contacted", group_id=riverside.pk)
    assert entry.actor is None and "sam@example.net" not in str(entry.new)


def test_a_member_writes_with_the_address_of_their_account(
    riverside, alice, bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bob).post(CONTACT, {"message": "Hi", "token": str(uuid.uuid4())})
    assert response.status_code == 302
    run_jobs()
    assert [(m.to, m.reply_to) for m in mailoutbox] == [([alice.email], [bob.email])]
    assert AuditEntry.objects.get(verb="group.organisers_contacted").actor == bob


def test_sending_the_same_form_twice_sends_one_mail(
    riverside, alice, anon, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    form = message()
    with django_capture_on_commit_callbacks(execute=True):
        assert anon.post(CONTACT, form).status_code == 302
        assert anon.post(CONTACT, form).status_code == 302
    run_jobs()
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(verb="group.organisers_contacted").count() == 1


def test_a_visitor_without_an_email_address_is_told_and_keeps_the_message(riverside, alice, anon):
    response = anon.post(CONTACT, message(email=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required" in html
    assert "Can I help with the food share?" in html
    assert not AuditEntry.objects.filter(verb="group.organisers_contacted").exists()


@override_settings(GROUNDWORK_CONTACT_LIMIT="2/3600")
def test_too_many_messages_from_one_address_are_refused(riverside, alice, anon, mailoutbox):
    for _ in range(2):
        assert anon.post(CONTACT, message()).status_code == 302
    response = anon.post(CONTACT, message())
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert AuditEntry.objects.filter(verb="group.organisers_contacted").count() == 2


def test_a_group_with_no_organiser_offers_no_form_and_refuses_a_message(anon):
    GroupFactory(name="Orphans", slug="orphans", join_policy=Group.JoinPolicy.OPEN)
    assert "Write to the organisers" not in anon.get("/groups/orphans/").content.decode()
    response = anon.post(reverse("groups:contact", args=["orphans"]), message())
    assert response.status_code == 400
    assert "no organiser" in response.content.decode()
