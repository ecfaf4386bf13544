"""Every page asks the database the same number of questions at 1, 10 and 100 related rows.

Each test builds the data up in steps (1, then 10, then 100 rows), measures the page at 1 and
asserts the same count at 10 and 100. The rows are real: groups with a parent and postcode
districts, members with profiles, audit entries with actors. Each test also checks the page
shows the rows, so an empty page cannot pass for a fast one.
"""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.aims.hooks import ROLLUP
from groundwork.core.models import AuditEntry
from groundwork.groups.hooks import GROUP_PAGES
from groundwork.groups.models import Group, JoinRequest, Membership, PostcodeDistrict
from groundwork.groups.queries import GROUP_DIRECTORY, GROUPS_MAP
from groundwork.members.models import Profile, User

pytestmark = pytest.mark.django_db

STEPS = (1, 10, 100)


def count_queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), response.content.decode()


def assert_fixed_queries(client, url: str, grow: Callable[[int], str]) -> None:
    """`grow(n)` brings the data up to n rows and returns a text the page must then show."""
    counts = {}
    for n in STEPS:
        expected_text = grow(n)
        counts[n], html = count_queries(client, url)
        assert expected_text in html, f"{url} at {n} rows does not show {expected_text!r}"
    assert counts[10] == counts[1] and counts[100] == counts[1], (
        f"{url}: {counts[1]} queries at 1 row, {counts[10]} at 10, {counts[100]} at 100"
    )


def add_groups(have: int, want: int, *, parent: Group, name: str = "Group") -> None:
    """Local groups numbered have+1..want, each under `parent`, covering SE15 and one more district."""
    groups = Group.objects.bulk_create(
        Group(
            name=f"{name} {number:03d}",
            slug=f"{name.lower()}-{number:03d}",
            parent=parent,
            area_name="Southwark",
            ons_code="E09000028",
            member_count=number,
        )
        for number in range(have + 1, want + 1)
    )
    PostcodeDistrict.objects.bulk_create(
        PostcodeDistrict(group=group, district=district)
        for number, group in enumerate(groups, start=have + 1)
        for district in ("SE15", f"E{number % 20 + 1}")
    )
    GROUPS_MAP.forget()  # written in bulk, not by the actions that keep the map current
    GROUP_DIRECTORY.forget()  # nor the directory


def add_members(group: Group, have: int, want: int, *, prefix: str = "member") -> list[User]:
    """Members numbered have+1..want of `group`, each with a profile that shows pronouns."""
    users = User.objects.bulk_create(
        User(email=f"{prefix}{number:03d}@example.org", display_name=f"Member {number:03d}")
        for number in range(have + 1, want + 1)
    )
    Profile.objects.bulk_create(Profile(user=user, pronouns="they/them") for user in users)
    Membership.objects.bulk_create(Membership(group=group, user=user) for user in users)
    return users


@pytest.fixture
def region(db) -> Group:
    return Group.objects.create(name="South London", slug="south-london", kind="region")


def test_the_directory_has_a_fixed_number_of_queries(bob, region):
    client = client_for(bob)

    def grow(n: int) -> str:
        add_groups(Group.objects.filter(parent=region).count(), n, parent=region)
        return "part of South London"

    assert_fixed_queries(client, reverse("groups:directory"), grow)


@pytest.mark.parametrize("search", ["SE15 4AB", "Southwark", "Group"])
def test_a_directory_search_has_a_fixed_number_of_queries(bob, region, search):
    client = client_for(bob)

    def grow(n: int) -> str:
        add_groups(Group.objects.filter(parent=region).count(), n, parent=region)
        return "covers "

    url = reverse("groups:directory") + "?" + f"q={search.replace(' ', '+')}"
    assert_fixed_queries(client, url, grow)


def test_a_group_page_has_a_fixed_number_of_queries(riverside, region, alice, dan):
    """More organisers, more districts and more members do not mean more queries."""
    riverside.parent = region
    riverside.save()
    districts = [
        f"{area}{number}" for area in ("SE", "SW", "NW", "WC", "EC") for number in range(1, 21)
    ]
    client = client_for(dan)

    def grow(n: int) -> str:
        have = Membership.objects.filter(group=riverside).count() - 1  # alice is one of them
        for user in add_members(riverside, have, n, prefix="organiser"):
            Membership.objects.filter(group=riverside, user=user).update(role="organiser")
        present = set(riverside.postcode_districts.values_list("district", flat=True))
        PostcodeDistrict.objects.bulk_create(
            PostcodeDistrict(group=riverside, district=district)
            for district in districts[:n]
            if district not in present
        )
        GROUP_PAGES.forget()  # districts written in bulk, without the actions
        return f"Member {n:03d}"

    assert_fixed_queries(client, reverse("groups:detail", args=["riverside"]), grow)


def test_the_home_page_has_a_fixed_number_of_queries(bob, region):
    """Bob belongs to 1, 10, 100 groups and waits on as many requests."""
    client = client_for(bob)

    def grow(n: int) -> str:
        have = Group.objects.filter(parent=region, name__startswith="Home").count()
        add_groups(have, n, parent=region, name="Home")
        add_groups(have, n, parent=region, name="Asked")
        Membership.objects.bulk_create(
            Membership(group=group, user=bob)
            for group in Group.objects.filter(name__startswith="Home").exclude(
                memberships__user=bob
            )
        )
        JoinRequest.objects.bulk_create(
            JoinRequest(group=group, user=bob)
            for group in Group.objects.filter(name__startswith="Asked").exclude(
                join_requests__user=bob
            )
        )
        return f"Asked {n:03d}"

    assert_fixed_queries(client, reverse("members:home"), grow)


def test_the_member_list_has_a_fixed_number_of_queries(alice, riverside):
    client = client_for(alice)

    def grow(n: int) -> str:
        add_members(riverside, Membership.objects.filter(group=riverside).count() - 1, n)
        return "(they/them)"

    assert_fixed_queries(client, reverse("groups:members", args=["riverside"]), grow)


def add_audit_entries(group_id: int | None, have: int, want: int) -> None:
    actors = add_members(Group.objects.get(slug="riverside"), have, want, prefix="actor")
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            verb="test.recorded",
            target_type="members.user",
            target_id=str(actor.pk),
            target_label=actor.display_name,
            group_id=group_id,
        )
        for actor in actors
    )


def test_the_group_audit_log_has_a_fixed_number_of_queries(alice, riverside):
    client = client_for(alice)

    def grow(n: int) -> str:
        have = AuditEntry.objects.filter(verb="test.recorded").count()
        add_audit_entries(riverside.pk, have, n)
        return "test.recorded"

    assert_fixed_queries(client, reverse("groups:audit", args=["riverside"]), grow)


def test_the_alliance_pages_have_a_fixed_number_of_queries(admin, riverside, region):
    client = client_for(admin)

    def grow(n: int) -> str:
        add_groups(Group.objects.filter(parent=region).count(), n, parent=region)
        have = AuditEntry.objects.filter(verb="test.recorded").count()
        add_audit_entries(None, have, n)
        return f"{n + 2} groups have no organiser"  # Riverside and the region too

    assert_fixed_queries(client, reverse("groups:alliance"), grow)
    counts = set()
    for n in STEPS:
        add_audit_entries(None, AuditEntry.objects.filter(verb="test.recorded").count(), n * 2)
        counts.add(count_queries(client, reverse("groups:alliance_audit"))[0])
    assert len(counts) == 1, counts


def test_the_requests_for_new_groups_page_has_a_fixed_number_of_queries(admin):
    from groundwork.groups.models import GroupRequest

    client = client_for(admin)

    def grow(n: int) -> str:
        have = GroupRequest.objects.count()
        GroupRequest.objects.bulk_create(
            GroupRequest(district=f"N{number}", email=f"person{number}@example.org")
            for number in range(have + 1, n + 1)
        )
        return ">N1</a></td>"

    assert_fixed_queries(client, reverse("groups:group_requests"), grow)


def test_the_rollup_page_counts_linked_campaigns_and_events_in_a_fixed_number_of_queries(bob):
    """Each roll-up source answers in one query, whatever the number of campaigns and events."""
    from datetime import timedelta

    from django.utils import timezone

    from groundwork.aims.models import Objective
    from groundwork.campaigns.models import Campaign
    from groundwork.events.models import Event

    objective = Objective.objects.get(number=2)
    client = client_for(bob)

    def grow(n: int) -> str:
        have = Campaign.objects.count()
        campaigns = Campaign.objects.bulk_create(
            Campaign(title=f"Campaign {number}", summary="s", demands="d", status="active")
            for number in range(have, n)
        )
        now = timezone.now()
        events = Event.objects.bulk_create(
            Event(title=f"Event {number}", starts_at=now, ends_at=now + timedelta(hours=1))
            for number in range(have, n)
        )
        Campaign.objectives.through.objects.bulk_create(
            Campaign.objectives.through(campaign=campaign, objective=objective)
            for campaign in campaigns
        )
        Event.objectives.through.objects.bulk_create(
            Event.objectives.through(event=event, objective=objective) for event in events
        )
        ROLLUP.forget()  # written in bulk, not by the actions that keep the roll-up current
        return f"Campaigns: {n}, Events: {n}"

    assert_fixed_queries(client, reverse("aims:rollup"), grow)
