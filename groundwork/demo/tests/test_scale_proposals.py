"""The proposals and discussions of the national-scale dataset, run small."""

import pytest
from django.db.models import Count

from groundwork.demo.scale.proposals import LONG_DISCUSSION, add_scale_proposals
from groundwork.democracy.models import Comment, Proposal
from groundwork.groups.models import Membership
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join

pytestmark = pytest.mark.django_db


def test_scale_proposals_have_long_discussions_by_members_of_their_group():
    groups = [GroupFactory() for _ in range(3)]
    for number in range(12):
        join(groups[number % 3], UserFactory())
    calls = []
    made = add_scale_proposals(
        group_ids=[group.pk for group in groups],
        proposals=200,
        comments=400,
        seed=7,
        progress=lambda label, done, total: calls.append((label, done, total)),
    )
    assert made == (200, 400)
    assert Proposal.objects.count() == 200 and Comment.objects.count() == 400
    assert calls[-1] == ("comments", 400, 400)
    # The alliance's first proposal is a long discussion, open for comment.
    first = Proposal.objects.filter(group=None).earliest("pk")
    assert first.status == Proposal.Status.DISCUSSION
    assert first.comments.count() == LONG_DISCUSSION
    assert first.comments.filter(parent__isnull=False).count() == LONG_DISCUSSION // 3
    # Every reply answers a comment on the same proposal; every author belongs to the group.
    replies = Comment.objects.exclude(parent=None).values_list("proposal", "parent__proposal")
    assert all(mine == theirs for mine, theirs in replies)
    members = set(Membership.objects.values_list("group_id", "user_id"))
    for comment in Comment.objects.exclude(proposal__group=None).select_related("proposal"):
        assert (comment.proposal.group_id, comment.author_id) in members
    # No comments on drafts; the groups share the proposals.
    assert not Comment.objects.filter(proposal__status=Proposal.Status.DRAFT).exists()
    by_group = Proposal.objects.values("group").annotate(n=Count("id"))
    assert {row["group"] for row in by_group} == {None, *(group.pk for group in groups)}


def test_zero_proposals_make_none():
    group = GroupFactory()
    made = add_scale_proposals(
        group_ids=[group.pk], proposals=0, comments=10, seed=7, progress=lambda *args: None
    )
    assert made == (0, 0) and not Proposal.objects.exists()
