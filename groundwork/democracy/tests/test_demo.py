"""The demo alliance comes with democracy to click through: discussion, a count, open ballots."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.democracy.models import Ballot, Decision, Proposal
from groundwork.groups.demo import load_demo
from groundwork.members.models import User


@pytest.mark.django_db
def test_the_demo_has_a_proposal_a_counted_election_and_ballots_to_vote_in():
    load_demo()
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.DISCUSSION
    assert proposal.comments.count() == 2 and proposal.amendments.count() == 1
    election = Ballot.objects.get(method=Ballot.Method.STV_SCOTTISH)
    assert election.status == Ballot.Status.CLOSED and len(election.result["count"]["elected"]) == 2
    assert Decision.objects.filter(ballot=election).exists()
    assert Ballot.objects.filter(status=Ballot.Status.OPEN).count() == 2
    bob = User.objects.get(email="bob@example.org")
    home = client_for(bob).get(reverse("members:home")).content.decode()
    assert "Hold the AGM at Peckham Library" in home  # bob has not voted in it yet
    results = client_for(bob).get(reverse("democracy:results", args=[election.pk]))
    assert results.status_code == 200 and "The count, stage by stage" in results.content.decode()
