"""Segments other apps contribute to organisers' emails (through groups.hooks): going to an event,
volunteers of a project, not yet voted in an open ballot. Each only narrows the group's members."""

from uuid import uuid4

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.democracy.tests.factories import open_ballot, vote_for
from groundwork.events.tests.factories import going, plan_event
from groundwork.groups.models import Mailing
from groundwork.groups.queries.segments import members_in_segment
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.projects.tests.factories import add_shift, sign_up, start_project

pytestmark = pytest.mark.django_db


def member(group, email: str):
    user = UserFactory(email=email, display_name=email.split("@")[0].title())
    join(group, user)
    return user


def emails_in(segment_members) -> set[str]:
    return set(segment_members.values_list("user__email", flat=True))


def test_going_to_an_event_is_those_confirmed_among_the_members(riverside, alice, bob, carol):
    event = plan_event(riverside, alice, title="Picnic")
    waiting = member(riverside, "wait@example.org")
    going(event, bob)
    going(event, carol)  # not a member of Riverside: never emailed by its organisers
    going(event, waiting)
    event.rsvps.filter(user=waiting).update(status="waitlisted")
    assert emails_in(members_in_segment(riverside, "event", str(event.pk))) == {"bob@example.org"}


def test_volunteers_of_a_project_are_its_shift_volunteers_and_coordinators(riverside, alice, bob):
    project = start_project(riverside, alice, name="Food bank")
    other = start_project(riverside, alice, name="Radio")
    sign_up(add_shift(project, alice), bob)
    sign_up(add_shift(other, alice), member(riverside, "radio@example.org"))
    volunteers = emails_in(members_in_segment(riverside, "project", str(project.pk)))
    assert "bob@example.org" in volunteers
    assert "radio@example.org" not in volunteers


def test_not_yet_voted_leaves_out_those_who_voted(riverside, alice, bob):
    later = member(riverside, "later@example.org")
    ballot = open_ballot(riverside, alice)
    vote_for(ballot, bob, choice="yes")
    not_voted = emails_in(members_in_segment(riverside, "not_voted", str(ballot.pk)))
    assert "later@example.org" in not_voted and later.email in not_voted
    assert "bob@example.org" not in not_voted


def test_an_event_of_another_group_cannot_be_chosen(riverside, hillside, alice, carol):
    elsewhere = plan_event(hillside, None, title="Hillside picnic")
    response = client_for(alice).post(
        reverse("groups:new_mailing", args=["riverside"]),
        {"segment": f"event:{elsewhere.pk}", "subject": "Hi", "body": "Hi", "token": uuid4()},
    )
    assert response.status_code == 400
    assert not Mailing.objects.exists()
