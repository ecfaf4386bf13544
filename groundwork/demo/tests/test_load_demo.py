"""The demo alliance, loaded whole: each app's part of it, as a member clicking through sees it."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import client_for
from groundwork.accountability import queries
from groundwork.accountability.models import Position, ReportBack
from groundwork.aims.models import ObjectiveAdoption, PlatformAdoption, Task
from groundwork.demo.alliance import load_demo
from groundwork.democracy.models import Ballot, Decision, Proposal
from groundwork.learning.models import Course
from groundwork.members.models import User
from groundwork.projects.models import FormationStep, Partner, Project, Shift

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_proposal_a_counted_election_and_ballots_to_vote_in():
    load_demo()
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.DISCUSSION
    assert proposal.comments.count() == 2 and proposal.amendments.count() == 1
    election = Ballot.objects.get(method=Ballot.Method.STV_SCOTTISH)
    assert election.status == Ballot.Status.CLOSED and election.result is not None
    assert len(election.result["count"]["elected"]) == 2
    assert Decision.objects.filter(ballot=election).exists()
    assert Ballot.objects.filter(status=Ballot.Status.OPEN).count() == 2
    bob = User.objects.get(email="bob@example.org")
    home = client_for(bob).get(reverse("members:home")).content.decode()
    assert "Hold the AGM at Peckham Library" in home  # bob has not voted in it yet
    results = client_for(bob).get(reverse("democracy:results", args=[election.pk]))
    assert results.status_code == 200 and "The count, stage by stage" in results.content.decode()


def test_the_demo_loads_plans_and_projects():
    load_demo()
    assert ObjectiveAdoption.objects.count() == 4 and Task.objects.filter(status="done").exists()
    assert PlatformAdoption.objects.count() >= 7
    assert set(Project.objects.values_list("kind", flat=True)) == {
        "mutual_aid",
        "cooperative",
        "culture",
    }
    assert Shift.objects.count() == 3 and Partner.objects.count() == 2
    assert FormationStep.objects.exclude(done_at=None).count() == 2


def test_the_demo_has_a_riverside_course_that_alice_builds_and_hillside_cannot_open():
    load_demo()
    course = Course.objects.get(slug="organising-tenants-on-your-estate")
    assert course.group is not None and course.group.name == "Riverside Action Group"
    assert course.steps.count() == 2
    alice, farid = (User.objects.get(email=f"{name}@example.org") for name in ("alice", "farid"))
    assert alice.has_perm("learning.build_course", course)
    assert not farid.has_perm("learning.build_course", course)
    assert not farid.has_perm("learning.open_course", course)
    assert Course.objects.filter(group=None).count() == 1


def test_the_command_prints_the_logins_and_refuses_to_load_twice(capsys, settings, tmp_path):
    settings.BASE_DIR = tmp_path  # the tellers' keys file goes beside the demo database
    call_command("load_demo")
    printed = capsys.readouterr().out
    keys = (tmp_path / "var" / "demo-teller-keys.txt").read_text()
    assert "Demo tellers' keys, for counting secret ballots" in printed
    assert (
        len(re.findall(r"^\S+@example.org \(.*\): (?:[A-Z2-7]{4}-){7}[A-Z2-7]{4}$", keys, re.M))
        == 4
    )
    assert "Demo logins (password: solidarity-2026):" in printed
    assert "coordinator@example.org" in printed and "alliance coordinator (two-factor)" in printed
    assert "alice@example.org" in printed and "organiser of Riverside Action Group" in printed
    call_command("load_demo", "--if-empty")
    assert "demo data not loaded again" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("load_demo")


def test_the_demo_has_riversides_secretary_and_delegate_with_one_report_overdue():
    load_demo()
    positions = list(Position.objects.filter(group__name="Riverside Action Group"))
    assert sorted(p.title for p in positions) == [
        "Delegate to the South London regional assembly",
        "Secretary",
    ]
    assert ReportBack.objects.count() == 1
    overdue = queries.overdue_report_backs(positions)
    assert [(o.meeting.title, o.term.holder.email) for o in overdue] == [
        ("Summer regional assembly", "bob@example.org")
    ]
    assert Decision.objects.filter(ballot__isnull=True, summary__contains="Secretary").exists()
    bob = User.objects.get(email="bob@example.org")
    delegate = next(p for p in positions if p.kind == Position.Kind.DELEGATE)
    page = client_for(bob).get(reverse("accountability:position", args=[delegate.pk]))
    assert "Overdue: no report-back from" in page.content.decode()


def test_the_demo_knows_its_districts_and_sends_a_search_in_se22_to_the_nearest_groups(anon):
    from groundwork.groups.models import DistrictCentroid

    load_demo()
    assert DistrictCentroid.objects.filter(district="SE15", source="demo ONSPD sample").exists()
    html = anon.get(reverse("groups:directory"), {"q": "SE22"}).content.decode()
    assert "No group covers SE22 yet" in html
    assert html.index("Riverside Action Group") < html.index("Hackney Action Group")
    html = anon.get(reverse("groups:directory"), {"q": "TR1"}).content.decode()
    assert "None is within 25 km" in html


def test_every_demo_group_has_an_organiser_to_write_to_and_a_public_event_to_come_to(anon):
    from groundwork.events.models import Event
    from groundwork.groups.models import Group, Membership

    load_demo()
    for group in Group.objects.all():
        assert Membership.objects.filter(group=group, role="organiser").exists(), group.name
        assert group.events.filter(visibility=Event.Visibility.PUBLIC).exists(), group.name
        html = anon.get(group.get_absolute_url()).content.decode()
        assert "Upcoming events" in html and "Write to the organisers" in html, group.name
