"""Each rule that limits a list agrees with its queryset twin in queries.py, for the whole cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from groundwork.core.fragments import row_of
from groundwork.groups.actions import do_appoint_coordinator, do_appoint_organiser
from groundwork.groups.tests.factories import UserFactory
from groundwork.resources import queries
from groundwork.resources.models import Resource
from groundwork.resources.tests.factories import add_resource, ask_for_help, share_skills

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(riverside, hillside, alice, bob, carol, dan, admin):
    olive = UserFactory(email="olive@example.org")
    do_appoint_organiser(hillside, olive, acting_user=None)  # no two-factor
    pat = UserFactory(email="pat@example.org")
    do_appoint_coordinator(pat, acting_user=None)  # no two-factor
    return {
        "anon": AnonymousUser(),
        "dan": dan,
        "bob": bob,
        "carol": carol,
        "alice": alice,
        "admin": admin,
        "olive": olive,
        "pat": pat,
    }


@pytest.fixture
def rows(riverside, hillside, bob, carol, admin):
    for group, author in ((riverside, bob), (hillside, carol)):
        for scope in Resource.Scope.values:
            add_resource(group, author, title=f"{group} {scope}", scope=scope)
        ask_for_help(group, author)
    add_resource(None, admin, title="Alliance public", scope="public")
    add_resource(None, admin, title="Alliance only", scope="alliance")
    share_skills(bob, "Design")


WHO = ["anon", "dan", "bob", "carol", "alice", "admin", "olive", "pat"]


@pytest.mark.parametrize("who", WHO)
def test_resources_visible_to_agrees_with_view_resource(people, rows, who):
    user = people[who]
    listed = set(queries.resources_visible_to(user))
    allowed = {r for r in Resource.objects.all() if user.has_perm("resources.view_resource", r)}
    assert listed == allowed
    # Three public, three for the alliance, one of their own group's.
    expected_count = {"anon": 3, "dan": 3, "bob": 7, "carol": 7, "alice": 7}
    expected_count |= {"admin": 6, "olive": 7, "pat": 6}
    assert len(listed) == expected_count[who]


@pytest.mark.parametrize("who", WHO)
def test_the_written_out_library_cards_agree_with_view_resource(people, rows, who):
    """`library_cards` reads, of any ids asked, those the rule lets the person see, in the order
    asked, with the columns and group name the ORM's card query reads (so the cards' kept copies
    are shared); `library_page` pages through the library as `search_library` lists it."""
    user = people[who]
    every = list(Resource.objects.order_by("?").values_list("pk", flat=True))
    cards = queries.library_cards(user, every)
    allowed = Resource.objects.in_bulk(every)
    assert [r.pk for r in cards] == [
        pk for pk in every if user.has_perm("resources.view_resource", allowed[pk])
    ]
    cards_by_orm = queries.resources_visible_to(user).select_related(None).select_related("group")
    by_orm = cards_by_orm.only(*queries.CARD_COLUMNS).in_bulk(every)
    for card in cards:
        assert row_of(card) == row_of(by_orm[card.pk]), who
        assert row_of(card.group) == row_of(by_orm[card.pk].group), who
        assert card.get_deferred_fields() == by_orm[card.pk].get_deferred_fields()
    listed = list(queries.search_library(user))
    paged: list[Resource] = []
    for number in (1, 2, 3, 4):
        page, more = queries.library_page(user, asked=str(number), per_page=2)
        assert page.paginator.count == len(listed) and not more
        paged += page.object_list if page.number == number else []
    assert [r.pk for r in paged] == [r.pk for r in listed]


@pytest.mark.parametrize("who", WHO)
def test_help_requests_visible_to_agrees_with_view_helprequest(people, rows, who):
    user = people[who]
    listed = queries.help_requests_visible_to(user).count()
    assert listed == (2 if user.has_perm("resources.view_helprequest") else 0)
    assert (listed > 0) == (who not in ("anon", "dan"))


@pytest.mark.parametrize("who", WHO)
def test_the_skills_directory_agrees_with_its_rule(people, rows, who):
    user = people[who]
    listed = queries.skills_directory_for(user).count()
    assert listed == (1 if user.has_perm("resources.view_skills_directory") else 0)
    assert (listed > 0) == (who in ("alice", "admin"))
