"""Demo democracy: a proposal under discussion, a counted election, and ballots open to vote in.

Everything goes through the real actions, so the demo shows what members would see: threaded
comments and an amendment, an STV election of delegates with its stages and published votes, a
yes/no vote Riverside's members can still cast, and an alliance-wide approval vote for everyone.
"""

import random
from datetime import timedelta

from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Ballot
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User

RIVERSIDE = "Riverside Action Group"


def load_demo_democracy(*, coordinator: User, groups: dict[str, Group], people: dict) -> None:
    """Add the democracy part of the demo alliance."""
    riverside = groups[RIVERSIDE]
    alice, bob, erin = (people[f"{name}@example.org"] for name in ("alice", "bob", "erin"))
    _proposal_under_discussion(riverside, alice=alice, bob=bob, erin=erin)
    members = [m.user for m in Membership.objects.filter(group=riverside).select_related("user")]
    _counted_election(riverside, alice, members)
    agm = _open(
        riverside,
        alice,
        title="Hold the AGM at Peckham Library on Saturday 12 December?",
        description="Yes moves the AGM to the library's meeting room (step-free, hearing loop).",
    )
    actions.check_cast_vote(agm, content={"choice": "yes"}, acting_user=alice)
    _open(
        None,
        coordinator,
        title="Which campaigns should the alliance put first next year?",
        description="Approve as many as you support. The three with most approvals lead.",
        method=Ballot.Method.APPROVAL,
        electorate=Ballot.Electorate.ALLIANCE,
        options=["Council housing", "Save our libraries", "Cost of living", "Green jobs"],
        days=10,
    )


def _proposal_under_discussion(group: Group, *, alice: User, bob: User, erin: User) -> None:
    proposal = actions.do_create_proposal(
        group=group,
        title="Affiliate to the Southwark Tenants' Federation",
        body="Riverside affiliates to the Southwark Tenants' Federation (£25 a year) and sends "
        "one delegate to its monthly meeting, so our housing campaign works with every estate's "
        "tenants' association.",
        submit=True,
        acting_user=bob,
    )
    first = actions.do_comment(
        proposal,
        body="Strongly for. The Federation won the repairs charter on the Aylesbury estate.",
        parent=None,
        acting_user=alice,
    )
    actions.do_comment(
        proposal,
        body="Agreed, but the delegate should report back at every group meeting.",
        parent=first,
        acting_user=erin,
    )
    actions.do_propose_amendment(
        proposal,
        summary="The delegate reports back at every group meeting",
        new_body=proposal.body + " The delegate reports back at every group meeting.",
        acting_user=erin,
    )


def _open(group, organiser, *, title, description, days=5, **spec) -> Ballot:
    ballot = actions.do_create_ballot(
        group=group,
        spec=actions.BallotSpec(
            title=title,
            description=description,
            closes_at=timezone.now() + timedelta(days=days),
            **spec,
        ),
        acting_user=organiser,
    )
    return actions.check_open_ballot(ballot, acting_user=organiser)


def _counted_election(group: Group, organiser: User, members: list[User]) -> None:
    """An STV election every member voted in, closed as the deadline job closes ballots."""
    candidates = ["Alice Okafor", "Bob Marsh", "Erin Walsh", "Kwame Mensah"]
    ballot = _open(
        group,
        organiser,
        title="Elect two delegates to the London regional assembly",
        description="Rank as many candidates as you like. Scottish STV, two seats.",
        method=Ballot.Method.STV_SCOTTISH,
        seats=2,
        options=candidates,
    )
    rng = random.Random(12)
    for member in members:
        ranking = rng.sample(range(len(candidates)), rng.randint(1, len(candidates)))
        actions.check_cast_vote(ballot, content={"ranking": ranking}, acting_user=member)
    # The demo shows a finished count at once, so its deadline is moved to now and the ballot
    # is closed by the same action the deadline job calls.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    actions.do_close_ballot(Ballot.objects.get(pk=ballot.pk), acting_user=None)
