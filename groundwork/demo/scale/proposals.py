"""Proposals and their discussions at national scale for benchmarks, over the groups and the
alliance: a group's share of the proposals follows its size, and a few discussions run long.

Every hundred-and-fiftieth proposal (the alliance's first among them) is in discussion with
`LONG_DISCUSSION` comments, a third of them replies; the other comments are spread at random over
the rest. Authors and proposers are members of the proposal's group (anyone, for the alliance).
Written with bulk_create and no audit entries or notifications: benchmark data, not a real
deliberation. `generate_scale` runs it; it can also be added to an existing benchmark database.
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone

from groundwork.demo.scale.groups import timestamps_as_given
from groundwork.democracy.models import Comment, Proposal
from groundwork.groups.models import Group, Membership

CHUNK = 5000
LONG_DISCUSSION = 120  # comments on each long discussion: the proposal page's worst case
LONG_EVERY = 150
ALLIANCE_SHARE = 0.005
TITLES = [
    "Back the rent strike on the Eastfield estate", "Open a second food bank on Saturdays",
    "Affiliate to the trades council", "Fund a crèche at every public meeting",
    "Campaign for free school meals for every child", "Twin with a group in another region",
]  # fmt: skip
BODY = (
    "## What we propose\n\nThat the group commits its time and its funds to this, starting next "
    "month.\n\n## Why\n\nBecause the people most affected asked us to, and we can.\n"
)
SAYINGS = [
    "I agree, and I can help with the leaflets.",
    "We tried something like this two years ago. It worked when we went door to door.",
    "Could we ask the tenants first what they need most?",
    "The budget is tight. What would we stop doing to make room for this?",
    "Yes. And let's write to the council at the same time.",
]
# Final statuses of the other proposals, weighted: most discussions end in a decision.
STATUSES = [
    (Proposal.Status.DISCUSSION, 30),
    (Proposal.Status.DECIDED, 40),
    (Proposal.Status.WITHDRAWN, 10),
    (Proposal.Status.LAPSED, 15),
    (Proposal.Status.DRAFT, 5),
]


def add_scale_proposals(
    *,
    group_ids: list[int],
    proposals: int,
    comments: int,
    seed: int,
    progress: Callable[[str, int, int], None],
) -> tuple[int, int]:
    """`proposals` proposals holding about `comments` comments; returns how many of each."""
    total = int(proposals or 0)
    if not total or not group_ids:
        return 0, 0
    rng = random.Random(seed)
    now = timezone.now()
    members = _members_by_group(group_ids)
    everyone = [user for users in members.values() for user in users]
    if not everyone:
        return 0, 0
    stamped = [Proposal._meta.get_field("created_at"), Comment._meta.get_field("created_at")]
    with timestamps_as_given(*stamped):
        made = _proposals(rng, total, members, everyone, now)
        progress("proposals", len(made), total)
        written = _comments(rng, made, int(comments or 0), members, everyone, now, progress)
    return len(made), written


def _members_by_group(group_ids: list[int]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {pk: [] for pk in group_ids}
    rows = Membership.objects.filter(group_id__in=group_ids).values_list("group_id", "user_id")
    for group_id, user_id in rows.order_by("group_id", "user_id").iterator(chunk_size=CHUNK):
        members[group_id].append(user_id)
    return members


def _proposals(
    rng: random.Random,
    total: int,
    members: dict[int, list[int]],
    everyone: list[int],
    now: datetime,
) -> list[Proposal]:
    """The proposals, the alliance's first, then the groups' in proportion to their size."""
    alliance = max(1, round(total * ALLIANCE_SHARE))
    sizes = dict(Group.objects.filter(pk__in=members).values_list("pk", "member_count"))
    weighted = [pk for pk in members if members[pk]]
    weights = [max(sizes.get(pk) or 1, 1) for pk in weighted]
    group_of = [None] * alliance + rng.choices(weighted, weights, k=total - alliance)
    statuses, status_weights = zip(*STATUSES, strict=True)
    made = []
    for index, group_id in enumerate(group_of):
        long = index % LONG_EVERY == 0
        status = Proposal.Status.DISCUSSION if long else rng.choices(statuses, status_weights)[0]
        created = now - timedelta(days=2 if long else rng.randint(1, 700), hours=rng.randint(0, 23))
        closes = created + timedelta(days=7)
        made.append(
            Proposal(
                group_id=group_id,
                title=f"{rng.choice(TITLES)} ({index + 1})",
                body=BODY,
                proposer_id=rng.choice(members[group_id] if group_id else everyone),
                status=status,
                created_at=created,
                discussion_closes_at=None if status == Proposal.Status.DRAFT else closes,
                support_count=0 if status == Proposal.Status.DRAFT else rng.randint(0, 40),
                outcome="Carried" if status == Proposal.Status.DECIDED else "",
                decided_at=closes + timedelta(days=7)
                if status == Proposal.Status.DECIDED
                else None,
            )
        )
    return Proposal.objects.bulk_create(made, batch_size=CHUNK)


def _comments(
    rng: random.Random,
    proposals: list[Proposal],
    wanted: int,
    members: dict[int, list[int]],
    everyone: list[int],
    now: datetime,
    progress: Callable[[str, int, int], None],
) -> int:
    """The long discussions first, then the rest of `wanted` over the other open proposals;
    a third of each discussion's comments reply to one before them."""
    if not wanted:
        return 0
    open_ones = [p for p in proposals if p.status != Proposal.Status.DRAFT]
    long = [p for index, p in enumerate(proposals) if index % LONG_EVERY == 0]
    counts = {p.pk: LONG_DISCUSSION for p in long}
    others = [p for p in open_ones if p.pk not in counts]
    for _ in range(max(0, wanted - len(long) * LONG_DISCUSSION)):
        if not others:
            break
        chosen = rng.choice(others)
        counts[chosen.pk] = counts.get(chosen.pk, 0) + 1
    by_pk = {p.pk: p for p in proposals}
    written, total = 0, sum(counts.values())
    for pk, count in counts.items():
        proposal = by_pk[pk]
        authors = members[proposal.group_id] if proposal.group_id else everyone
        top = [_comment(rng, proposal, authors, None, n, now) for n in range(count - count // 3)]
        Comment.objects.bulk_create(top)
        replies = [
            _comment(rng, proposal, authors, rng.choice(top), n, now) for n in range(count // 3)
        ]
        Comment.objects.bulk_create(replies)
        written += count
        if written % CHUNK < count or written == total:
            progress("comments", written, total)
    return written


def _comment(
    rng: random.Random,
    proposal: Proposal,
    authors: list[int],
    parent: Comment | None,
    number: int,
    now: datetime,
) -> Comment:
    start = parent.created_at if parent else proposal.created_at
    created = min(now, start + timedelta(minutes=10 * (number + 1) + rng.randint(0, 600)))
    body = "\n\n".join(rng.sample(SAYINGS, rng.randint(1, 3)))
    return Comment(
        proposal=proposal,
        parent=parent,
        author_id=rng.choice(authors),
        body=body,
        created_at=created,
    )
