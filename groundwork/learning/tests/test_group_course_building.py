"""A group's organisers build its courses on the group's own pages, with the coordinators' actions,
forms and templates: every change audited under the group, 404 for everyone else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.groups.tests.factories import UserFactory, make_organiser
from groundwork.learning import queries
from groundwork.learning.models import Course, Step
from groundwork.learning.tests.factories import make_course, steps
from groundwork.learning.tests.test_course_building import teach_in, titles
from groundwork.resources.tests.factories import add_resource

pytestmark = pytest.mark.django_db


def page(course, name: str = "course_edit", **kwargs) -> str:
    """The address of a page that builds a group's course, under the group's pages."""
    return reverse(
        f"learning:group_{name}",
        kwargs={"slug": course.group.slug, "course_slug": course.slug, **kwargs},
    )


def create_url(group) -> str:
    return reverse("learning:group_course_create", kwargs={"slug": group.slug})


@pytest.fixture
def rota(riverside, bob):
    """Riverside's own guide, for its members only."""
    return add_resource(riverside, bob, title="Riverside's stall rota", scope="group")


@pytest.fixture
def induction(riverside, alice, rota):
    """A course for Riverside's members only, with one step from its own library."""
    return make_course(rota, title="Riverside induction", scope="group", group=riverside)


@pytest.fixture
def farid(hillside):
    """Organiser of Hillside, with two-factor: an organiser, but not Riverside's."""
    user = UserFactory(email="farid@example.org", display_name="Farid")
    make_organiser(hillside, user)
    return user


def test_alice_builds_a_riverside_course_end_to_end(alice, riverside, rota, bob, carol):
    client = client_for(alice)
    guide = add_resource(None, alice, title="Knowing your rights as a tenant", scope="public")
    meeting = teach_in(riverside, visibility="members", title="Members' meeting")

    response = client.post(
        create_url(riverside),
        {"title": "Welcome to Riverside", "summary": "Start here.", "scope": "group"},
    )
    course = Course.objects.get(title="Welcome to Riverside")
    assert (course.group, course.scope, course.created_by) == (riverside, "group", alice)
    assert response.status_code == 302 and response["Location"] == page(course)

    for item in (guide, rota, meeting):  # its own library and members-only events fit too
        address = "https://groundwork.example.org" + item.get_absolute_url()
        response = client.post(page(course, "step_add"), {"address": address, "note": ""})
        assert response.status_code == 302, response.context and response.context["form"].errors
    assert titles(course) == [guide.title, rota.title, meeting.title]

    third = steps(course)[2]
    response = client.post(page(course, "step_move", pk=third.pk), {"direction": "up"})
    assert response["Location"] == f"{page(course)}#step-{third.pk}"
    assert titles(course) == [guide.title, meeting.title, rota.title]

    response = client.post(page(course, "step_remove", pk=steps(course)[0].pk))
    assert response["Location"] == f"{page(course)}#steps-heading"
    assert titles(course) == [meeting.title, rota.title]
    assert [step.position for step in steps(course)] == [1, 2]

    response = client.post(
        page(course),
        {
            "title": "Welcome to Riverside",
            "summary": "Start here, then come along.",
            "scope": "group",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert (
        course.summary == "Start here, then come along." and course.slug == "welcome-to-riverside"
    )

    entries = AuditEntry.objects.filter(target_type__startswith="learning.").order_by("id")
    assert [entry.verb for entry in entries] == [
        "course.created",
        "course_step.added",
        "course_step.added",
        "course_step.added",
        "course_step.moved",
        "course_step.removed",
        "course.edited",
    ]
    assert {(entry.actor_id, entry.group_id) for entry in entries} == {(alice.pk, riverside.pk)}
    last = entries.last()
    assert last is not None and last.old == {"summary": "Start here."}
    # Riverside's members follow it; Hillside's do not see it at all.
    assert client_for(bob).get(course.get_absolute_url()).status_code == 200
    assert client_for(carol).get(course.get_absolute_url()).status_code == 404


@pytest.fixture
def planted(riverside, bob):
    return add_resource(riverside, bob, title="Planted", scope="public")


def refused_everywhere(client, course, planted, expected: int) -> None:
    first = steps(course)[0]
    for url in (create_url(course.group), page(course), page(course, "step_add")):
        assert client.get(url).status_code == expected, url
    hijack = {"title": "Hijacked", "scope": "public"}
    assert client.post(create_url(course.group), hijack).status_code == expected
    assert client.post(page(course), hijack).status_code == expected
    added = client.post(page(course, "step_add"), {"address": planted.get_absolute_url()})
    assert added.status_code == expected
    moved = client.post(page(course, "step_move", pk=first.pk), {"direction": "down"})
    assert moved.status_code == expected
    assert client.post(page(course, "step_remove", pk=first.pk)).status_code == expected


@pytest.mark.parametrize("who", ["dan", "bob", "carol", "farid", "admin"])
def test_only_the_groups_organisers_build_its_courses(who, induction, planted, request):
    refused_everywhere(client_for(request.getfixturevalue(who)), induction, planted, 404)
    induction.refresh_from_db()
    assert induction.title == "Riverside induction" and titles(induction) == [
        "Riverside's stall rota"
    ]
    assert Course.objects.count() == 1
    assert not AuditEntry.objects.filter(verb__startswith="course").exclude(actor=None).exists()


def test_anon_is_asked_to_sign_in(anon, induction, planted):
    refused_everywhere(anon, induction, planted, 302)
    assert Step.objects.filter(course=induction).count() == 1


def test_another_groups_organiser_cannot_reach_the_course_through_her_own_groups_pages(
    farid, induction, hillside
):
    client = client_for(farid)
    through_hillside = {"slug": hillside.slug, "course_slug": induction.slug}
    assert client.get(create_url(hillside)).status_code == 200  # her own group: yes
    for name in ("group_course_edit", "group_step_add"):
        url = reverse(f"learning:{name}", kwargs=through_hillside)
        assert client.get(url).status_code == 404
    step = steps(induction)[0]
    url = reverse("learning:group_step_remove", kwargs=through_hillside | {"pk": step.pk})
    assert client.post(url).status_code == 404
    assert Step.objects.filter(pk=step.pk).exists()


def test_each_course_is_built_only_at_its_owners_address(alice, admin, induction):
    alliance = make_course(title="Alliance economics", scope="alliance")
    alliance_address = reverse("learning:course_edit", kwargs={"slug": induction.slug})
    assert client_for(alice).get(alliance_address).status_code == 404
    through_riverside = reverse(
        "learning:group_course_edit", kwargs={"slug": "riverside", "course_slug": alliance.slug}
    )
    assert client_for(alice).get(through_riverside).status_code == 404
    assert client_for(admin).get(through_riverside).status_code == 404


def test_an_organiser_without_two_factor_is_sent_to_set_it_up(riverside, induction):
    olive = UserFactory(email="olive@example.org", display_name="Olive")
    from groundwork.groups.actions import do_appoint_organiser

    do_appoint_organiser(riverside, olive, acting_user=None)
    for url in (create_url(riverside), page(induction)):
        response = client_for(olive).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "This field is required."),
        ("the rota", "Paste the address of a resource in the library or of an event"),
        ("/groups/riverside/", "Paste the address of a resource in the library or of an event"),
        ("/library/999999/", "There is no resource at that address."),
    ],
)
def test_a_bad_step_address_keeps_what_was_typed_and_says_why_next_to_the_field(
    alice, induction, address, message
):
    from tests.test_bad_input import assert_field_error, assert_kept

    response = client_for(alice).post(
        page(induction, "step_add"),
        {"address": address, "title": "Typed title", "note": "Typed note"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert_field_error(html, "address", message, address or None)
    assert 'href="#id_address"' in html
    assert_kept(html, "title", "Typed title")
    assert_kept(html, "note", "Typed note")
    assert len(steps(induction)) == 1


def test_another_groups_own_resource_does_not_fit_a_members_only_course(
    alice, induction, hillside, carol
):
    theirs = add_resource(hillside, carol, title="Hillside's phone tree", scope="group")
    response = client_for(alice).post(
        page(induction, "step_add"), {"address": theirs.get_absolute_url()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["address"] == [
        "“Hillside's phone tree” is in Hillside's own library, so Riverside's members could not "
        "open it."
    ]


def test_the_groups_own_resource_does_not_fit_its_course_for_the_alliance(alice, riverside, rota):
    open_course = make_course(title="Radio for all", scope="alliance", group=riverside)
    response = client_for(alice).post(
        page(open_course, "step_add"), {"address": rota.get_absolute_url()}
    )
    assert response.status_code == 400
    error = response.context["form"].errors["address"][0]
    assert "make the course for Riverside's members only" in error
    assert not open_course.steps.exists()


def test_a_members_only_course_is_not_opened_to_all_while_its_steps_are_the_groups_own(
    alice, induction
):
    client = client_for(alice)
    typed = {"title": "Riverside induction", "summary": "Typed", "scope": "public"}
    response = client.post(page(induction), typed)
    assert response.status_code == 400
    assert "Step 1 is for Riverside's members only" in response.context["form"].errors["scope"][0]
    assert 'value="Typed"' in response.content.decode()
    induction.refresh_from_db()
    assert induction.scope == "group"
    client.post(page(induction, "step_remove", pk=steps(induction)[0].pk))
    assert client.post(page(induction), typed).status_code == 302
    induction.refresh_from_db()
    assert induction.scope == "public"


def test_the_scope_a_group_may_choose_includes_its_own_members_alone(alice, riverside, admin):
    form = client_for(alice).get(create_url(riverside)).context["form"]
    assert [value for value, _ in form.fields["scope"].choices] == ["group", "alliance", "public"]
    assert form["scope"].value() == "group"
    alliance_form = client_for(admin).get(reverse("learning:course_create")).context["form"]
    assert "group" not in [value for value, _ in alliance_form.fields["scope"].choices]


def test_two_groups_may_each_have_an_induction_but_one_group_not_two(
    alice, farid, riverside, hillside, induction
):
    response = client_for(farid).post(
        create_url(hillside), {"title": "Riverside induction", "scope": "group"}
    )
    assert response.status_code == 302
    assert Course.objects.get(group=hillside).slug == "riverside-induction-hillside"
    again = client_for(alice).post(
        create_url(riverside), {"title": "riverside INDUCTION", "summary": "Kept", "scope": "group"}
    )
    assert again.status_code == 400
    assert "exists already among Riverside's courses" in again.context["form"].errors["title"][0]
    assert 'value="Kept"' in again.content.decode()
    assert Course.objects.filter(group=riverside).count() == 1


def test_organisers_find_the_builder_from_the_group_and_its_courses(
    alice, bob, carol, riverside, induction
):
    group_page = riverside.get_absolute_url()
    courses_page = reverse("learning:group_courses", kwargs={"slug": "riverside"})
    assert create_url(riverside) in client_for(alice).get(group_page).content.decode()
    assert courses_page in client_for(bob).get(group_page).content.decode()
    assert create_url(riverside) not in client_for(bob).get(group_page).content.decode()

    listed = client_for(alice).get(courses_page).content.decode()
    assert create_url(riverside) in listed and page(induction) in listed
    assert page(induction) in client_for(alice).get(induction.get_absolute_url()).content.decode()
    as_bob = client_for(bob).get(courses_page)
    assert [course.title for course in as_bob.context["courses"]] == ["Riverside induction"]
    assert page(induction) not in as_bob.content.decode()
    assert create_url(riverside) not in as_bob.content.decode()
    # Members only: Hillside's member sees no course of Riverside's.
    assert list(client_for(carol).get(courses_page).context["courses"]) == []


def test_a_groups_list_holds_its_own_courses_only(bob, riverside, hillside, carol):
    make_course(title="Riverside public talk", scope="public", group=riverside)
    make_course(title="Hillside public talk", scope="public", group=hillside)
    make_course(title="Alliance talk", scope="public")
    courses_page = reverse("learning:group_courses", kwargs={"slug": "riverside"})
    listed = client_for(carol).get(courses_page).context["courses"]
    assert [course.title for course in listed] == ["Riverside public talk"]


def test_the_build_rule_and_its_query_agree_for_everyone_on_every_course(
    riverside, hillside, alice, bob, carol, dan, admin, farid, rota
):
    courses = [
        make_course(title="Alliance course", scope="alliance"),
        make_course(title="Public course", scope="public"),
        make_course(title="Riverside course", scope="group", group=riverside),
        make_course(title="Riverside for all", scope="alliance", group=riverside),
        make_course(title="Hillside course", scope="group", group=hillside),
    ]
    builders = {}
    for user in (AnonymousUser(), dan, bob, carol, alice, farid, admin):
        built = set(queries.courses_built_by(user))
        for course in courses:
            assert (course in built) == user.has_perm("learning.build_course", course), (
                user,
                course,
            )
        builders[str(user)] = sorted(course.title for course in built)
    assert builders[str(alice)] == ["Riverside course", "Riverside for all"]
    assert builders[str(farid)] == ["Hillside course"]
    assert builders[str(admin)] == ["Alliance course", "Public course"]
    assert builders[str(bob)] == builders[str(dan)] == []


def test_the_make_rule_follows_the_group(alice, farid, admin, bob, riverside, hillside):
    assert alice.has_perm("learning.make_course", riverside)
    assert not alice.has_perm("learning.make_course", hillside)
    assert not alice.has_perm("learning.make_course", None)
    assert farid.has_perm("learning.make_course", hillside)
    assert admin.has_perm("learning.make_course", None)
    assert not admin.has_perm("learning.make_course", riverside)
    assert not bob.has_perm("learning.make_course", riverside)


def test_the_builder_page_of_a_groups_course_asks_a_fixed_number_of_queries(alice, riverside, bob):
    from tests.test_query_counts import assert_fixed_queries

    course = make_course(title="Long course", scope="group", group=riverside)

    def grow(n: int) -> str:
        have = Step.objects.filter(course=course).count()
        for number in range(have + 1, n + 1):
            item = (
                add_resource(riverside, bob, title=f"Guide {number}", scope="group")
                if number % 2
                else teach_in(riverside, visibility="members", title=f"Teach-in {number}")
            )
            kind = "resource" if number % 2 else "event"
            Step.objects.create(course=course, position=number, **{kind: item})
        return f"Guide {n}" if n % 2 else f"Teach-in {n}"

    assert_fixed_queries(client_for(alice), page(course), grow)


def test_a_groups_course_list_asks_a_fixed_number_of_queries(alice, riverside, rota):
    from tests.test_query_counts import assert_fixed_queries

    def grow(n: int) -> str:
        have = Course.objects.filter(group=riverside).count()
        for number in range(have + 1, n + 1):
            scope = ("group", "alliance", "public")[number % 3]
            make_course(rota, title=f"Course {number:03}", scope=scope, group=riverside)
        return f"Course {n:03}"

    url = reverse("learning:group_courses", kwargs={"slug": "riverside"})
    assert_fixed_queries(client_for(alice), url, grow)
