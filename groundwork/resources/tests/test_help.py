"""Help between groups: Hillside asks, members of other groups answer, Hillside keeps the best."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.groups.tests.factories import UserFactory, make_organiser
from groundwork.notifications.models import Notification
from groundwork.resources.models import HelpAnswer, HelpRequest, Resource
from groundwork.resources.tests.factories import answer, ask_for_help

pytestmark = pytest.mark.django_db


@pytest.fixture
def farid(hillside):
    """Organiser of Hillside, with two-factor."""
    user = UserFactory(email="farid@example.org", display_name="Farid")
    make_organiser(hillside, user)
    return user


@pytest.fixture
def question(hillside, carol):
    return ask_for_help(hillside, carol, "Has anyone saved a public library?")


@pytest.mark.parametrize(
    ("who", "expected"),
    [("dan", 404), ("bob", 200), ("carol", 200), ("alice", 200), ("admin", 200)],
)
def test_help_requests_are_for_everyone_in_the_alliance(
    question, dan, bob, carol, alice, admin, who, expected
):
    user = {"dan": dan, "bob": bob, "carol": carol, "alice": alice, "admin": admin}[who]
    client = client_for(user)
    assert client.get(reverse("resources:help_list")).status_code == expected
    assert client.get(question.get_absolute_url()).status_code == expected


def test_anon_is_sent_to_sign_in(anon, question):
    assert anon.get(question.get_absolute_url()).status_code == 302


def test_carol_asks_on_behalf_of_hillside(hillside, carol):
    response = client_for(carol).post(
        reverse("resources:help_create"),
        {"group": hillside.pk, "title": "Has anyone run a council housing campaign?", "body": ""},
    )
    help_request = HelpRequest.objects.get()
    assert response["Location"] == help_request.get_absolute_url()
    assert (help_request.group, help_request.asked_by) == (hillside, carol)
    assert AuditEntry.objects.filter(verb="help_request.asked", group_id=hillside.pk).exists()


def test_a_question_without_a_title_comes_back_with_the_detail_kept(hillside, carol):
    response = client_for(carol).post(
        reverse("resources:help_create"), {"group": hillside.pk, "title": "", "body": "Details"}
    )
    assert response.status_code == 400
    assert "title" in response.context["form"].errors
    assert "Details</textarea>" in response.content.decode()


def test_bob_answers_and_hillside_s_organisers_are_told(question, bob, farid, carol):
    response = client_for(bob).post(
        reverse("resources:help_answer", args=[question.pk]), {"body": "Ask **Unison**."}
    )
    assert response.status_code == 302
    given = HelpAnswer.objects.get()
    assert given.author_group is not None
    assert (given.author, given.author_group.name) == (bob, "Riverside")
    question.refresh_from_db()
    assert question.answer_count == 1
    page = client_for(carol).get(question.get_absolute_url()).content.decode()
    assert "<strong>Unison</strong>" in page
    assert "of Riverside" in page


def test_answering_tells_the_asking_group_after_commit(
    question, bob, farid, carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer(question, bob)
    assert set(Notification.objects.values_list("user__email", flat=True)) == {
        "farid@example.org",
        "carol@example.org",
    }


def test_an_empty_answer_is_refused_next_to_the_field(question, bob):
    response = client_for(bob).post(
        reverse("resources:help_answer", args=[question.pk]), {"body": "  "}
    )
    assert response.status_code == 400
    assert "body" in response.context["form"].errors
    assert not HelpAnswer.objects.exists()


def test_dan_cannot_answer(question, dan):
    response = client_for(dan).post(
        reverse("resources:help_answer", args=[question.pk]), {"body": "Hi"}
    )
    assert response.status_code == 404


def test_hillside_s_organiser_marks_a_good_answer_and_saves_it(question, bob, farid):
    given = answer(question, bob, "List it as an asset of community value.")
    client = client_for(farid)
    client.post(reverse("resources:help_mark", args=[question.pk, given.pk]), {"good": "1"})
    given.refresh_from_db()
    assert given.is_good and given.marked_by == farid
    response = client.post(reverse("resources:help_save", args=[question.pk, given.pk]))
    resource = Resource.objects.get(source_answer=given)
    assert response["Location"] == resource.get_absolute_url()
    assert resource.group == question.group
    assert resource.body == "List it as an asset of community value."
    assert "Bob of Riverside" in resource.summary
    page = client.get(resource.get_absolute_url()).content.decode()
    assert question.get_absolute_url() in page  # provenance links back to the question
    client.post(reverse("resources:help_save", args=[question.pk, given.pk]))
    assert Resource.objects.filter(source_answer=given).count() == 1


@pytest.mark.parametrize("who", ["bob", "carol", "alice", "admin"])
def test_only_the_asking_group_s_organisers_mark_answers(question, bob, carol, alice, admin, who):
    given = answer(question, bob)
    user = {"bob": bob, "carol": carol, "alice": alice, "admin": admin}[who]
    client = client_for(user)
    assert (
        client.post(reverse("resources:help_mark", args=[question.pk, given.pk])).status_code == 404
    )
    assert (
        client.post(reverse("resources:help_save", args=[question.pk, given.pk])).status_code == 404
    )
    given.refresh_from_db()
    assert not given.is_good
    assert not Resource.objects.exists()
