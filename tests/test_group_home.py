"""A group's page is its home: upcoming events, open proposals and ballots, live campaigns,
projects that need volunteers, recent decisions and the action plan's progress, each shown only
to those who may see it and each in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.campaigns.tests.factories import start_campaign
from groundwork.democracy.models import Decision, Proposal
from groundwork.democracy.tests.factories import open_ballot
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event
from groundwork.groups.hooks import GROUP_PAGES
from groundwork.projects.tests.factories import add_shift, start_project

pytestmark = pytest.mark.django_db

STEPS = (1, 10, 100)
PAGE = reverse("groups:detail", args=["riverside"])


def copies(original, count: int, **changes) -> None:
    """`count` more rows like `original` (cheaper than the actions, which the first one used)."""
    for number in range(count):
        original.pk = original.id = None
        original._state.adding = True
        for field, value in changes.items():
            setattr(
                original, field, value.format(number=number) if isinstance(value, str) else value
            )
        original.save()


def fill_every_section(riverside, alice, have: int, want: int) -> None:
    """Bring each section of Riverside's page from `have` rows to `want`."""
    if have == 0:
        plan_event(riverside, alice, title="Public meeting")
        Proposal.objects.create(
            group=riverside,
            title="Rent strike",
            body="Strike.",
            proposer=alice,
            status=Proposal.Status.DISCUSSION,
        )
        open_ballot(riverside, alice, title="Occupy the steps?", secret=False)
        start_campaign(riverside, title="Save the library")
        add_shift(start_project(riverside, alice, name="Food share"), alice)
        Decision.objects.create(
            group=riverside, summary="We meet on Tuesdays", decided_at=timezone.now()
        )
        give_task(plan_goal(riverside, alice), alice)
        have = 1
    more = want - have
    copies(Event.objects.filter(group=riverside).first(), more, title="Meeting {number}")
    copies(Proposal.objects.filter(group=riverside).first(), more, title="Proposal {number}")
    from groundwork.campaigns.models import Campaign
    from groundwork.democracy.models import Ballot
    from groundwork.projects.models import Project, Shift

    copies(Ballot.objects.filter(group=riverside).first(), more, title="Ballot {number}")
    copies(Campaign.objects.filter(group=riverside).first(), more, title="Campaign {number}")
    shift = Shift.objects.filter(project__group=riverside).first()
    project = Project.objects.filter(group=riverside).first()
    for number in range(more):
        copies(project, 1, name=f"Project {have + number}", slug=f"project-{have + number}")
        copies(shift, 1, project=project)
    copies(Decision.objects.filter(group=riverside).first(), more, summary="Decision {number}")


def queries_for(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(PAGE)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("viewer", ["alice", "bob", "dan", "anon"])
def test_the_group_page_has_a_fixed_number_of_queries_however_full_its_sections(
    viewer, riverside, alice, bob, dan, anon, request
):
    client = anon if viewer == "anon" else client_for(request.getfixturevalue(viewer))
    counts, have = {}, 0
    for n in STEPS:
        fill_every_section(riverside, alice, have, n)
        have = n
        # Rows written without the actions: a signed-out visitor's kept copy would not know.
        GROUP_PAGES.forget()
        counts[n], html = queries_for(client)
        # A section shows its heading only when it has rows to show.
        for heading in ("Upcoming events", "Live campaigns", "Projects that need volunteers"):
            assert heading in html, (heading, n)
        for heading in ("Open proposals and ballots", "Recent decisions", "tasks done"):
            assert (heading in html) == (viewer in ("alice", "bob")), (heading, n)
    assert counts[10] == counts[1] and counts[100] == counts[1], counts


def test_a_members_only_event_shows_on_the_group_page_to_its_members_alone(
    riverside, alice, bob, carol, anon
):
    plan_event(riverside, alice, title="Street stall")
    plan_event(riverside, alice, title="Members meeting", visibility=Event.Visibility.MEMBERS)
    for client, sees_members_only in [
        (client_for(bob), True),
        (client_for(alice), True),
        (client_for(carol), False),
        (anon, False),
    ]:
        html = client.get(PAGE).content.decode()
        assert "Street stall" in html
        assert ("Members meeting" in html) == sees_members_only


def test_an_empty_section_is_not_shown(riverside, bob):
    html = client_for(bob).get(PAGE).content.decode()
    for heading in ("Upcoming events", "Live campaigns", "Open proposals and ballots"):
        assert heading not in html


def test_a_campaign_still_in_planning_stays_off_the_page_for_outsiders(riverside, bob, dan):
    start_campaign(riverside, title="Secret plan", status="planning")
    assert "Secret plan" not in client_for(dan).get(PAGE).content.decode()
    assert "Secret plan" not in client_for(bob).get(PAGE).content.decode()  # live ones only


def test_the_sections_come_in_the_order_a_visitor_needs_them(riverside, alice, bob):
    fill_every_section(riverside, alice, 0, 1)
    html = client_for(bob).get(PAGE).content.decode()
    headings = [
        "Upcoming events",
        "Open proposals and ballots",
        "Live campaigns",
        "Projects that need volunteers",
        "Recent decisions",
        "tasks done",
    ]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_a_visitor_is_asked_first_to_join(riverside, dan, anon):
    html = client_for(dan).get(PAGE).content.decode()
    assert html.index("Join Riverside") < html.index("Members</dt>")
    html = anon.get(PAGE).content.decode()
    assert "Sign in to join Riverside" in html
    assert html.index("Sign in to join Riverside") < html.index("Members</dt>")
