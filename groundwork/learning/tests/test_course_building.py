"""Coordinators build the alliance's courses on its pages: every change audited, no JavaScript."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.events.models import Event
from groundwork.groups.actions import do_appoint_coordinator
from groundwork.groups.tests.factories import UserFactory
from groundwork.learning import actions
from groundwork.learning.models import Completion, Course, Step
from groundwork.learning.tests.factories import finish, make_course, steps
from groundwork.resources.tests.factories import add_resource

pytestmark = pytest.mark.django_db


def teach_in(group, *, visibility: str = "public", title: str = "Teach-in: the budget") -> Event:
    start = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        group=group,
        kind=Event.Kind.TEACH_IN,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        visibility=visibility,
    )


@pytest.fixture
def guide(admin):
    return add_resource(None, admin, title="How the council budget works", scope="public")


@pytest.fixture
def course(guide, riverside, admin):
    second = add_resource(None, admin, title="Reading accounts", scope="alliance")
    return make_course(guide, teach_in(riverside), second, title="Economics", scope="alliance")


def edit_url(course) -> str:
    return reverse("learning:course_edit", kwargs={"slug": course.slug})


def move_url(course, step) -> str:
    return reverse("learning:step_move", kwargs={"slug": course.slug, "pk": step.pk})


def remove_url(course, step) -> str:
    return reverse("learning:step_remove", kwargs={"slug": course.slug, "pk": step.pk})


def add_url(course) -> str:
    return reverse("learning:step_add", kwargs={"slug": course.slug})


def titles(course) -> list[str]:
    return [step.display_title for step in steps(course)]


def test_sam_makes_a_course_and_is_taken_to_add_its_steps(admin):
    response = client_for(admin).post(
        reverse("learning:course_create"),
        {"title": "Organising a tenants' union", "summary": "Six steps.", "scope": "alliance"},
    )
    course = Course.objects.get(title="Organising a tenants' union")
    assert response.status_code == 302 and response["Location"] == edit_url(course)
    assert course.slug == "organising-a-tenants-union" and course.group is None
    assert course.created_by == admin
    entry = AuditEntry.objects.get(verb="course.created")
    assert entry.actor == admin and entry.target_id == str(course.pk)
    page = client_for(admin).get(edit_url(course)).content.decode()
    assert "No steps yet." in page and add_url(course) in page


def test_a_second_course_with_the_same_title_is_refused_and_keeps_what_was_typed(admin, course):
    response = client_for(admin).post(
        reverse("learning:course_create"),
        {"title": "Economics", "summary": "Typed summary", "scope": "public"},
    )
    assert response.status_code == 400
    assert "exists already" in response.context["form"].errors["title"][0]
    assert 'value="Typed summary"' in response.content.decode()
    assert Course.objects.filter(title="Economics").count() == 1


def test_a_groups_course_of_the_same_title_takes_no_title_from_the_alliance(admin, riverside):
    make_course(title="Economics", scope="group", group=riverside)
    response = client_for(admin).post(
        reverse("learning:course_create"), {"title": "Economics", "scope": "public"}
    )
    assert response.status_code == 302
    made = Course.objects.get(title="Economics", group=None)
    assert made.slug == "economics-2" and response["Location"] == edit_url(made)


def test_a_course_called_new_does_not_hide_the_page_that_makes_courses(admin):
    course = actions.check_create_course(title="New", scope="public", acting_user=admin)
    assert course.slug == "new-course"
    assert client_for(admin).get(course.get_absolute_url()).status_code == 200
    assert client_for(admin).get(reverse("learning:course_create")).status_code == 200


def test_sam_edits_a_course_and_the_log_keeps_what_it_was(admin, course):
    response = client_for(admin).post(
        edit_url(course),
        {"title": "Demystifying economics", "summary": "", "description": "", "scope": "public"},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.title, course.scope, course.slug) == (
        "Demystifying economics",
        "public",
        "economics",
    )
    entry = AuditEntry.objects.get(verb="course.edited")
    assert entry.old == {"title": "Economics", "scope": "alliance"}
    assert entry.new == {"title": "Demystifying economics", "scope": "public"}


def test_a_course_cannot_be_made_a_groups_through_the_form(admin, course):
    response = client_for(admin).post(edit_url(course), {"title": "Economics", "scope": "group"})
    assert response.status_code == 400
    assert response.context["form"].errors["scope"]
    course.refresh_from_db()
    assert course.scope == "alliance"


@pytest.mark.django_db(transaction=True)  # an IntegrityError would poison a test transaction
def test_the_actions_refuse_an_alliance_course_for_members_alone(admin, course):
    """The form does not offer it; the API will call the actions directly."""
    with pytest.raises(ActionError) as refused:
        actions.check_edit_course(
            course, values={**_values(course), "scope": "group"}, acting_user=admin
        )
    assert refused.value.field == "scope"
    with pytest.raises(ActionError) as refused:
        actions.check_create_course(title="Budgets", scope="group", acting_user=admin)
    assert refused.value.field == "scope"
    course.refresh_from_db()
    assert course.scope == "alliance"
    assert not Course.objects.filter(title="Budgets").exists()


def _values(course) -> dict:
    return {name: getattr(course, name) for name in actions.COURSE_FIELDS}


def test_sam_adds_a_resource_by_its_address_as_the_last_step(admin, course):
    leaflet = add_resource(None, admin, title="Leaflet on rents", scope="alliance")
    address = "https://groundwork.example.org" + leaflet.get_absolute_url()
    response = client_for(admin).post(
        add_url(course), {"address": address, "title": "", "note": "Hand it out."}
    )
    assert response.status_code == 302
    last = steps(course)[-1]
    assert (last.resource, last.position, last.note) == (leaflet, 4, "Hand it out.")
    entry = AuditEntry.objects.get(verb="course_step.added")
    assert entry.new["resource"] == leaflet.pk and entry.new["position"] == 4


def test_sam_adds_an_event_by_its_address(admin, course, riverside):
    march = teach_in(riverside, title="March for council homes")
    response = client_for(admin).post(
        add_url(course), {"address": march.get_absolute_url(), "title": "March with us"}
    )
    assert response.status_code == 302
    assert steps(course)[-1].event == march
    assert titles(course)[-1] == "March with us"


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "This field is required."),
        ("the budget guide", "Paste the address of a resource in the library or of an event"),
        ("/groups/riverside/", "Paste the address of a resource in the library or of an event"),
        ("/library/999999/", "There is no resource at that address."),
        ("/events/999999/", "There is no event at that address."),
    ],
)
def test_an_address_that_names_no_resource_or_event_is_refused_next_to_the_field(
    admin, course, address, message
):
    from tests.test_bad_input import assert_field_error, assert_kept

    before = Step.objects.count()
    response = client_for(admin).post(
        add_url(course), {"address": address, "title": "Typed title", "note": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert_field_error(html, "address", message, address or None)
    assert 'href="#id_address"' in html
    assert_kept(html, "title", "Typed title")
    assert Step.objects.count() == before


def test_a_groups_own_resource_or_members_only_event_is_refused(admin, course, riverside, bob):
    own = add_resource(riverside, bob, title="Riverside's rota", scope="group")
    private = teach_in(riverside, visibility="members", title="Members' meeting")
    for item in (own, private):
        response = client_for(admin).post(add_url(course), {"address": item.get_absolute_url()})
        assert response.status_code == 400
        assert "most members could not open it" in response.context["form"].errors["address"][0]
    assert len(steps(course)) == 3


def test_the_same_resource_is_not_added_twice(admin, course, guide):
    response = client_for(admin).post(add_url(course), {"address": guide.get_absolute_url()})
    assert response.status_code == 400
    assert "a step of this course already" in response.context["form"].errors["address"][0]


def test_moving_a_step_up_and_down_reorders_the_course(admin, course):
    first, second, third = steps(course)
    client = client_for(admin)
    response = client.post(move_url(course, third), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == f"{edit_url(course)}#step-{third.pk}"
    assert titles(course) == [first.display_title, third.display_title, second.display_title]
    client.post(move_url(course, first), {"direction": "down"})
    assert titles(course) == [third.display_title, first.display_title, second.display_title]
    assert [step.position for step in steps(course)] == [1, 2, 3]
    entries = AuditEntry.objects.filter(verb="course_step.moved").order_by("id")
    assert [(e.old["position"], e.new["position"]) for e in entries] == [(3, 2), (1, 2)]


def test_moving_the_first_step_up_changes_nothing(admin, course):
    first = steps(course)[0]
    client_for(admin).post(move_url(course, first), {"direction": "up"})
    client_for(admin).post(move_url(course, first), {"direction": "sideways"})
    assert steps(course)[0] == first
    assert not AuditEntry.objects.filter(verb="course_step.moved").exists()


def test_removing_a_step_closes_the_gap_and_the_log_keeps_it(admin, course, bob):
    first, second, third = steps(course)
    finish(second, bob)
    response = client_for(admin).post(remove_url(course, second))
    assert response.status_code == 302
    assert steps(course) == [first, third]
    assert [step.position for step in steps(course)] == [1, 2]
    assert not Completion.objects.filter(step_id=second.pk).exists()
    entry = AuditEntry.objects.get(verb="course_step.removed")
    assert entry.old["position"] == 2 and entry.old["completions"] == 1


def test_the_builder_page_works_without_javascript(admin, course):
    html = client_for(admin).get(edit_url(course)).content.decode()
    first, second, third = steps(course)
    # Plain forms: the first step cannot go up, the last cannot go down, each can be removed.
    assert html.count(f'action="{move_url(course, second)}"') == 2
    assert html.count(f'action="{move_url(course, first)}"') == 1
    assert html.count(f'action="{move_url(course, third)}"') == 1
    assert html.count('name="direction"') == 4
    assert all(remove_url(course, step) in html for step in (first, second, third))
    assert "<script" not in html


@pytest.mark.parametrize("who", ["anon", "dan", "bob", "carol", "alice"])
def test_only_coordinators_build_courses(who, course, request):
    client = request.getfixturevalue("anon") if who == "anon" else None
    client = client or client_for(request.getfixturevalue(who))
    first = steps(course)[0]
    urls = [reverse("learning:course_create"), edit_url(course), add_url(course)]
    expected = 302 if who == "anon" else 404
    for url in urls:
        assert client.get(url).status_code == expected
    assert client.post(edit_url(course), {"title": "Hijacked", "scope": "public"}).status_code in (
        expected,
    )
    assert client.post(move_url(course, first), {"direction": "down"}).status_code == expected
    assert client.post(remove_url(course, first)).status_code == expected
    course.refresh_from_db()
    assert course.title == "Economics" and steps(course)[0] == first


def test_a_groups_course_is_not_the_coordinators_to_build(admin, riverside, guide):
    own = make_course(guide, title="Riverside induction", scope="group", group=riverside)
    assert client_for(admin).get(edit_url(own)).status_code == 404
    step = steps(own)[0]
    assert client_for(admin).post(remove_url(own, step)).status_code == 404
    assert Step.objects.filter(pk=step.pk).exists()


def test_a_step_of_another_course_is_not_found_through_this_one(admin, course, guide):
    other = make_course(guide, title="Other", scope="public")
    step = steps(other)[0]
    assert client_for(admin).post(remove_url(course, step)).status_code == 404
    assert Step.objects.filter(pk=step.pk).exists()


def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(course):
    pat = UserFactory(email="pat@example.org")
    do_appoint_coordinator(pat, acting_user=None)
    for url in (reverse("learning:course_create"), edit_url(course)):
        response = client_for(pat).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_coordinators_find_the_builder_from_the_course_pages(admin, bob, course):
    assert (
        reverse("learning:course_create")
        in client_for(admin).get(reverse("learning:courses")).content.decode()
    )
    assert edit_url(course) in client_for(admin).get(course.get_absolute_url()).content.decode()
    assert edit_url(course) not in client_for(bob).get(course.get_absolute_url()).content.decode()


def test_the_admin_shows_courses_but_changes_nothing(admin, course):
    client = client_for(admin)
    change = reverse("admin:learning_course_change", args=[course.pk])
    assert client.get(reverse("admin:learning_course_changelist")).status_code == 200
    assert client.get(reverse("admin:learning_course_add")).status_code == 403
    client.post(change, {"title": "Changed in the admin"})
    course.refresh_from_db()
    assert course.title == "Economics"


def test_the_builder_page_asks_a_fixed_number_of_queries_whatever_its_steps(admin, riverside):
    from tests.test_query_counts import assert_fixed_queries

    course = make_course(title="Long course", scope="alliance")

    def grow(n: int) -> str:
        have = Step.objects.filter(course=course).count()
        for number in range(have + 1, n + 1):
            item = (
                add_resource(None, admin, title=f"Guide {number}", scope="alliance")
                if number % 2
                else teach_in(riverside, title=f"Teach-in {number}")
            )
            kind = "resource" if number % 2 else "event"
            Step.objects.create(course=course, position=number, **{kind: item})
        return f"Guide {n}" if n % 2 else f"Teach-in {n}"

    assert_fixed_queries(client_for(admin), edit_url(course), grow)
