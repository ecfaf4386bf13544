"""Courses: who sees them, marking steps done, progress, and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.events.models import Event
from groundwork.learning import queries
from groundwork.learning.models import Completion
from groundwork.learning.tests.factories import finish, make_course, steps
from groundwork.resources.tests.factories import add_resource

pytestmark = pytest.mark.django_db


def teach_in(group, **values) -> Event:
    start = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        group=group,
        kind=Event.Kind.TEACH_IN,
        title="Teach-in: the council budget",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        **values,
    )


@pytest.fixture
def economics(riverside, bob, admin):
    budget = add_resource(None, admin, title="How the council budget works", scope="public")
    accounts = add_resource(riverside, bob, title="Reading accounts", scope="alliance")
    return make_course(budget, teach_in(riverside), accounts)


def test_a_course_is_an_ordered_set_of_resources_and_events(economics):
    kinds = [("resource" if step.resource_id else "event") for step in steps(economics)]
    assert kinds == ["resource", "event", "resource"]
    assert [step.position for step in steps(economics)] == [1, 2, 3]


@pytest.mark.parametrize(
    ("scope", "seen_by"),
    [
        ("public", {"anon", "dan", "bob", "carol", "alice", "admin"}),
        ("alliance", {"bob", "carol", "alice", "admin"}),
        ("group", {"bob", "alice"}),
    ],
)
def test_a_course_page_is_seen_by_those_its_scope_allows(
    riverside, anon, dan, bob, carol, alice, admin, scope, seen_by
):
    course = make_course(add_resource(riverside, bob), title="Radio", scope=scope, group=riverside)
    clients = {"anon": anon} | {
        who: client_for(user)
        for who, user in {
            "dan": dan,
            "bob": bob,
            "carol": carol,
            "alice": alice,
            "admin": admin,
        }.items()
    }
    for who, client in clients.items():
        expected = 200 if who in seen_by else 404
        assert client.get(course.get_absolute_url()).status_code == expected, who
        listed = {c.title for c in client.get(reverse("learning:courses")).context["courses"]}
        assert (course.title in listed) == (who in seen_by), who


def test_bob_marks_steps_done_and_sees_his_progress(economics, bob):
    client = client_for(bob)
    first, second, _ = steps(economics)
    url = reverse("learning:mark_step", args=[economics.slug, first.pk])
    response = client.post(url, {"done": "1"})
    assert response.status_code == 302
    client.post(url, {"done": "1"})  # a second click changes nothing
    client.post(reverse("learning:mark_step", args=[economics.slug, second.pk]), {"done": "1"})
    page = client.get(economics.get_absolute_url())
    assert page.context["progress"] == 67
    assert "Your progress: 67%" in page.content.decode()
    listed = client.get(reverse("learning:courses")).context["courses"]
    assert [(c.steps_done, c.step_total, c.progress) for c in listed] == [(2, 3, 67)]
    client.post(url, {"done": "0"})
    assert Completion.objects.filter(user=bob).count() == 1
    verbs = list(AuditEntry.objects.filter(actor=bob).values_list("verb", flat=True))
    assert verbs.count("course_step.done") == 2 and verbs.count("course_step.undone") == 1


def test_progress_is_each_member_s_own(economics, bob, carol):
    finish(steps(economics)[0], bob)
    page = client_for(carol).get(economics.get_absolute_url())
    assert page.context["progress"] == 0


def test_anon_cannot_mark_steps_and_carol_cannot_mark_a_course_she_cannot_see(
    riverside, bob, carol, anon
):
    course = make_course(add_resource(riverside, bob), title="Ours", scope="group", group=riverside)
    step = steps(course)[0]
    url = reverse("learning:mark_step", args=[course.slug, step.pk])
    assert anon.post(url).status_code == 302
    assert client_for(carol).post(url).status_code == 404
    assert not Completion.objects.exists()


def test_a_step_of_another_course_is_not_found(economics, riverside, bob):
    other = make_course(add_resource(riverside, bob), title="Other")
    url = reverse("learning:mark_step", args=[economics.slug, steps(other)[0].pk])
    assert client_for(bob).post(url).status_code == 404


def test_a_step_the_member_may_not_open_shows_its_title_without_a_link(economics, dan):
    page = client_for(dan).get(economics.get_absolute_url()).content.decode()
    assert "Reading accounts" in page
    assert "(for members of the alliance)" in page


def test_percent():
    assert queries.percent(0, 0) == 0
    assert queries.percent(1, 3) == 33
    assert queries.percent(3, 3) == 100


def test_a_course_page_asks_the_same_number_of_questions_at_1_10_and_100_steps(riverside, bob):
    counts = []
    for size in (1, 10, 100):
        items = [add_resource(riverside, bob, title=f"Step {n}") for n in range(size)]
        course = make_course(*items, title=f"Course {size}")
        for step in steps(course)[: size // 2]:
            finish(step, bob)
        client = client_for(bob)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(course.get_absolute_url()).status_code == 200
        counts.append(len(captured))
        with CaptureQueriesContext(connection) as listing:
            assert client.get(reverse("learning:courses")).status_code == 200
        counts.append(len(listing))
    assert len(set(counts[0::2])) == 1 and len(set(counts[1::2])) == 1, counts
