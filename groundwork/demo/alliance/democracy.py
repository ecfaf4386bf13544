"""Demo democracy: a proposal under discussion, a counted election, a ballot waiting for its
tellers, and ballots open to vote in.

Everything goes through the real actions, so the demo shows what members would see: threaded
comments and an amendment; Riverside's tellers (any two of Alice, Bob and Erin open a box); an STV
election of delegates with its stages, trackers and counted votes; a closed ballot that one more
teller must open; a yes/no vote Riverside's members can still cast; and an alliance-wide approval
vote, whose box the coordinator holds as returning officer. The tellers' keys are returned to the
command, which writes them to a file: in a real alliance, only each teller ever sees their own.
"""

import random
from datetime import timedelta

from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Ballot, TellingPanel
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User

RIVERSIDE = "Riverside Action Group"


def load_demo_democracy(
    *, coordinator: User, groups: dict[str, Group], people: dict
) -> dict[str, str]:
    """Add the democracy part of the demo alliance; returns the tellers' keys by their email."""
    riverside = groups[RIVERSIDE]
    alice, bob, erin = (people[f"{name}@example.org"] for name in ("alice", "bob", "erin"))
    _proposal_under_discussion(riverside, alice=alice, bob=bob, erin=erin)
    actions.check_appoint_tellers(
        riverside, tellers=[alice, bob, erin], needed=2, acting_user=alice
    )
    actions.check_appoint_tellers(
        None,
        tellers=[coordinator],
        needed=1,
        custody=TellingPanel.Custody.RETURNING_OFFICER,
        acting_user=coordinator,
    )
    keys = {
        f"{person.email} ({body})": actions.check_take_teller_key(group, acting_user=person)
        for person, group, body in [
            (alice, riverside, riverside.name),
            (bob, riverside, riverside.name),
            (erin, riverside, riverside.name),
            (coordinator, None, "the alliance, as returning officer"),
        ]
    }
    codes = {alice.pk: keys[f"{alice.email} ({riverside.name})"]}
    codes[erin.pk] = keys[f"{erin.email} ({riverside.name})"]
    members = [m.user for m in Membership.objects.filter(group=riverside).select_related("user")]
    _counted_election(riverside, alice, members, codes)
    _waiting_for_tellers(riverside, alice, members, codes)
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
    return keys


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


def _close(ballot: Ballot) -> Ballot:
    """Move the deadline to now and stop voting with the action the deadline job calls."""
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    return actions.do_close_ballot(Ballot.objects.get(pk=ballot.pk), acting_user=None)


def _waiting_for_tellers(
    group: Group, organiser: User, members: list[User], codes: dict[int, str]
) -> None:
    """A closed ballot that Alice has given her share of; one more teller (Bob or Erin) opens it."""
    ballot = _open(
        group,
        organiser,
        title="Elect the group's treasurer",
        description="Alternative vote: rank the candidates in order of preference.",
        method=Ballot.Method.IRV,
        options=["Dev Patel", "Grace Adeyemi", "Hamid Karimi"],
    )
    rng = random.Random(7)
    for member in members:
        ranking = rng.sample(range(3), rng.randint(1, 3))
        actions.check_cast_vote(ballot, content={"ranking": ranking}, acting_user=member)
    ballot = _close(ballot)
    actions.check_give_share(ballot, code=codes[organiser.pk], acting_user=organiser)


def _counted_election(
    group: Group, organiser: User, members: list[User], codes: dict[int, str]
) -> None:
    """An STV election every member voted in, closed as the deadline job closes ballots and
    counted once two tellers gave their shares."""
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
    # The demo shows a finished count at once: the deadline moves to now, two tellers give their
    # shares, and the count runs as its job would.
    ballot = _close(ballot)
    for teller_id, code in codes.items():
        teller = next(member for member in members if member.pk == teller_id)
        actions.check_give_share(ballot, code=code, acting_user=teller)
    actions.do_count_sealed_ballot(ballot)
