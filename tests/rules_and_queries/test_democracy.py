"""democracy: proposals, ballots, decisions and published votes agree with their rules.

Each list is asked of the group's own (Riverside, Hillside) and of the alliance's (group None).
"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from groundwork.democracy import actions, queries
from groundwork.democracy.models import Ballot, CastVote, Decision, Proposal, SealedVote
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory
from tests.rules_and_queries.conftest import (
    COORDINATORS,
    IN_A_GROUP,
    MEMBERS,
    ORGANISING,
    PEOPLE,
    as_asked,
)

pytestmark = pytest.mark.django_db

SCOPES = ["riverside", "hillside", "alliance"]
# Who takes part in each body's democracy, by hand: its members; for the alliance, members of any
# group and the coordinators with two-factor (who run its ballots; pat, without, does not).
TAKES_PART = MEMBERS | {"alliance": IN_A_GROUP | (COORDINATORS - {"pat"})}
# Who writes the proposals (and keeps a draft) and votes in each body.
MEMBER_OF = {"riverside": "bob", "hillside": "carol", "alliance": "carol"}


@pytest.fixture
def bodies(people, riverside, hillside):
    """In each body: a proposal in discussion and a draft, an open, a closed and a draft ballot
    (each with a vote, but the draft), and the decision of the closed one."""
    found = {}
    for scope, group in (("riverside", riverside), ("hillside", hillside), ("alliance", None)):
        member = people[MEMBER_OF[scope]]
        # The actions do not check who acts: that is the views' part. Olive has no two-factor.
        organiser = people[{"riverside": "alice", "hillside": "olive", "alliance": "admin"}[scope]]
        electorate: dict[str, Any] = {"electorate": "alliance"} if group is None else {}
        for submit in (True, False):
            actions.do_create_proposal(
                group=group, title=f"{scope} {submit}", body="…", submit=submit, acting_user=member
            )
        ballots = [open_ballot(group, organiser, **electorate) for _ in range(2)]
        for ballot in ballots:
            vote_for(ballot, member, choice="yes")
        fast_forward_past_deadline(ballots[1])
        actions.do_create_ballot(
            group=group,
            spec=actions.BallotSpec(
                title="Draft", closes_at=timezone.now() + timedelta(days=3), **electorate
            ),
            acting_user=organiser,
        )
        found[scope] = group
    return found


def in_scope(model, group):
    return model.objects.filter(group=group)


def test_proposals_visible_to_agrees_with_see_proposal(people, bodies):
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope, group in bodies.items():
            rows = in_scope(Proposal, group)
            assert rows.filter(status=Proposal.Status.DRAFT).exists() and rows.exclude(
                status=Proposal.Status.DRAFT
            )
            shown = set(queries.proposals_visible_to(user, group))
            by_rule = {p for p in rows if user.has_perm("democracy.see_proposal", p)}
            takes_part = who in TAKES_PART[scope]
            expected = (
                {p for p in rows if p.status != Proposal.Status.DRAFT or p.proposer_id == user.pk}
                if takes_part
                else set()
            )
            assert user.has_perm("democracy.view_proposals", group) == takes_part, (who, scope)
            assert shown == by_rule == expected, (who, scope)
            drafts = {p for p in shown if p.status == Proposal.Status.DRAFT}
            assert bool(drafts) == (who == MEMBER_OF[scope]), (who, scope)


def test_the_written_out_proposal_list_agrees_with_see_proposal(people, bodies):
    """The list's written-out SQL (`proposal_cards_page`) shows each person, a page at a time,
    what `proposals_visible_to` finds, in its order (newest first), with its count; and nothing
    where they take no part."""
    # Enough to page through, and proposals whose proposer's account was deleted (their draft
    # is nobody's to see).
    gone = UserFactory()
    for scope, group in bodies.items():
        for submit in (True, True, False):
            actions.do_create_proposal(
                group=group,
                title=f"{scope} gone {submit}",
                body="…",
                submit=submit,
                acting_user=gone,
            )
    gone.delete()
    # Written at one moment: the order falls to the ids.
    Proposal.objects.filter(title__contains="gone").update(created_at=timezone.now())
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope, group in bodies.items():
            expected = list(
                queries.proposals_visible_to(user, group).order_by("-created_at", "-id")
            )
            assert bool(expected) == (who in TAKES_PART[scope]), (who, scope)
            for per_page in (1, 2, 25):
                pages = max(1, -(-len(expected) // per_page))
                shown: list[Proposal] = []
                for number in range(1, pages + 1):
                    page = queries.proposal_cards_page(user, group, str(number), per_page=per_page)
                    assert page.paginator.count == len(expected), (who, scope, per_page)
                    assert page.number == number
                    shown += page.object_list
                assert shown == expected, (who, scope, per_page)


def test_ballots_visible_to_agrees_with_see_ballot(people, bodies):
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope, group in bodies.items():
            rows = in_scope(Ballot, group)
            assert {ballot.status for ballot in rows} == {"draft", "open", "closed"}
            shown = set(queries.ballots_visible_to(user, group))
            by_rule = {ballot for ballot in rows if user.has_perm("democracy.see_ballot", ballot)}
            expected = set()
            if who in TAKES_PART[scope]:
                expected = set(rows.exclude(status=Ballot.Status.DRAFT))
            if who in ORGANISING[scope]:
                expected = set(rows)
            assert shown == by_rule == expected, (who, scope)


def test_decisions_visible_to_agrees_with_view_decisions(people, bodies):
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope, group in bodies.items():
            rows = set(in_scope(Decision, group))
            assert rows
            allowed = user.has_perm("democracy.view_decisions", group)
            assert allowed == (who in TAKES_PART[scope]), (who, scope)
            shown = set(queries.decisions_visible_to(user, group))
            assert shown == (rows if allowed else set()), (who, scope)


def test_published_votes_and_trackers_agree_with_view_results(people, bodies):
    """Votes and trackers are published once the ballot has closed, to those who take part;
    before the close to nobody, although sealed votes exist (and no counted ones yet)."""
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope, group in bodies.items():
            for ballot in in_scope(Ballot, group).exclude(status=Ballot.Status.DRAFT):
                sealed = set(SealedVote.objects.filter(ballot=ballot))
                votes = set(CastVote.objects.filter(ballot=ballot))
                closed = ballot.status == Ballot.Status.CLOSED
                assert sealed and bool(votes) == closed
                allowed = user.has_perm("democracy.view_results", ballot)
                assert allowed == (closed and who in TAKES_PART[scope]), (who, scope, ballot.status)
                shown = set(queries.published_votes(user, ballot))
                assert shown == (votes if allowed else set()), (who, scope, ballot.status)
                trackers = set(queries.published_trackers(user, ballot))
                assert trackers == (sealed if allowed else set()), (who, scope, ballot.status)
