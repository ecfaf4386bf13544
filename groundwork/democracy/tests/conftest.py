"""What the democracy page tests share: the cast's clients, an open ranked ballot, its address, an
open proposal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.democracy import actions
from groundwork.democracy.models import Ballot, Proposal
from groundwork.democracy.tests.factories import open_ballot

CAST = ("anon", "dan", "bob", "carol", "alice", "admin")


@pytest.fixture
def cast(anon, dan, bob, carol, alice, admin):
    clients = {"anon": anon}
    clients |= {
        name: client_for(user)
        for name, user in zip(CAST[1:], (dan, bob, carol, alice, admin), strict=True)
    }
    return clients


@pytest.fixture
def irv(alice, bob, riverside) -> Ballot:
    return open_ballot(riverside, alice, method="irv", options=["Ash", "Birch", "Cedar"])


@pytest.fixture
def proposal(bob, riverside) -> Proposal:
    """Bob's proposal to Riverside, open for discussion."""
    return actions.do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )


def ballot_url(ballot: Ballot) -> str:
    return reverse("democracy:ballot", args=[ballot.pk])


@pytest.fixture
def draft_ballot(alice, riverside) -> Ballot:
    """A standalone approval ballot of Riverside, still in draft."""
    spec = actions.BallotSpec(
        title="Choose a banner",
        method=Ballot.Method.APPROVAL,
        options=["Red", "Green"],
        closes_at=timezone.now() + timedelta(days=7),
    )
    return actions.do_create_ballot(group=riverside, spec=spec, acting_user=alice)
