"""Proposals and ballots (/api/v1/democracy/), read-only.

Who sees what is the pages' own rules: a group's proposals and ballots for its members (the
alliance's for members of any group and coordinators), drafts for their proposer or organisers;
a ballot's result only once it has closed (`democracy.view_results`), as the count the close
published: totals and rounds, never a vote and never who cast it, secret ballot or not. The page
of a roll-call ballot's results lists who voted how; the API does not, so that no integration
ever holds a copy of how a member voted.

Voting is not offered here. A vote needs the elector's own hand: secret ballots seal the vote in
the member's browser with the ballot's public key (docs/secret-ballots.md), which a token cannot
do for them, and a token (a long-lived secret kept by a machine) voting in a member's name would
be a vote that nobody can tell apart from a stolen one. Members vote on the site.
"""

from datetime import datetime
from typing import Any

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema

from groundwork.api.backends import ApiRequest, reads
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.api.pagination import CursorParams, page_of, paginate
from groundwork.core.access import check_access
from groundwork.democracy import queries
from groundwork.democracy.models import Ballot, Proposal
from groundwork.groups.queries import get_group

router = Router(tags=["democracy"])

ERRORS: dict[int, Any] = dict.fromkeys(CLIENT_ERRORS, Problem)


class ProposalOut(Schema):
    id: int
    group: str | None
    title: str
    body: str
    status: str
    proposer: str
    discussion_closes_at: datetime | None
    supporters_to_vote: int
    support_count: int
    outcome: str
    decided_at: datetime | None
    created_at: datetime
    url: str

    @staticmethod
    def resolve_group(proposal: Proposal) -> str | None:
        return proposal.group.slug if proposal.group is not None else None

    @staticmethod
    def resolve_proposer(proposal: Proposal) -> str:
        return proposal.proposer.name if proposal.proposer is not None else ""

    @staticmethod
    def resolve_url(proposal: Proposal, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(
            reverse("democracy:proposal", args=[proposal.pk])
        )


class OptionOut(Schema):
    position: int
    label: str
    description: str


class BallotOut(Schema):
    id: int
    group: str | None
    proposal: int | None
    title: str
    description: str
    method: str
    seats: int
    secret: bool
    status: str
    opens_at: datetime | None
    closes_at: datetime
    closed_at: datetime | None
    url: str

    @staticmethod
    def resolve_group(ballot: Ballot) -> str | None:
        return ballot.group.slug if ballot.group is not None else None

    @staticmethod
    def resolve_proposal(ballot: Ballot) -> int | None:
        return ballot.proposal_id

    @staticmethod
    def resolve_url(ballot: Ballot, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(reverse("democracy:ballot", args=[ballot.pk]))


class BallotDetailOut(BallotOut):
    options: list[OptionOut]

    @staticmethod
    def resolve_options(ballot: Ballot) -> list[Any]:
        return list(ballot.options.all())


class ResultOut(Schema):
    """The count published at the close: totals, turnout, quorum, rounds; no vote, no voter."""

    ballot: int
    closed_at: datetime | None
    result: dict[str, Any]


def _group_or_alliance(request: ApiRequest, group: str | None):
    """The group named by slug (None: the alliance), if the caller takes part there; else 404."""
    scope = get_group(group) if group else None
    check_access(request.auth, "democracy.view_proposals", scope)
    return scope


@router.get(
    "/proposals",
    response={200: page_of(ProposalOut), **ERRORS},
    auth=reads("democracy"),
)
def list_proposals(request: ApiRequest, page: Query[CursorParams], group: str | None = None) -> Any:
    """A group's proposals (`?group=<slug>`), or the alliance's without `group`, newest first."""
    scope = _group_or_alliance(request, group)
    proposals = queries.proposals_visible_to(request.auth, scope).order_by("-created_at", "-id")
    return paginate(request, proposals, page)


@router.get(
    "/proposals/{int:proposal_id}", response={200: ProposalOut, **ERRORS}, auth=reads("democracy")
)
def get_proposal(request: ApiRequest, proposal_id: int) -> Any:
    """One proposal the caller may see, or 404."""
    return queries.get_proposal_for(request.auth, proposal_id)


@router.get("/ballots", response={200: page_of(BallotOut), **ERRORS}, auth=reads("democracy"))
def list_ballots(request: ApiRequest, page: Query[CursorParams], group: str | None = None) -> Any:
    """A group's ballots (`?group=<slug>`), or the alliance's without `group`, latest close first."""
    scope = _group_or_alliance(request, group)
    ballots = queries.ballots_visible_to(request.auth, scope).order_by("-closes_at", "-id")
    return paginate(request, ballots, page)


@router.get(
    "/ballots/{int:ballot_id}", response={200: BallotDetailOut, **ERRORS}, auth=reads("democracy")
)
def get_ballot(request: ApiRequest, ballot_id: int) -> Any:
    """One ballot the caller may see, with its options, or 404."""
    return queries.get_ballot_for(request.auth, ballot_id)


@router.get(
    "/ballots/{int:ballot_id}/result",
    response={200: ResultOut, **ERRORS},
    auth=reads("democracy"),
)
def get_ballot_result(request: ApiRequest, ballot_id: int) -> Any:
    """The published count of a closed ballot; 404 before the close, as the results page."""
    ballot = queries.get_ballot_for(request.auth, ballot_id)
    check_access(request.auth, "democracy.view_results", ballot)
    if ballot.result is None:
        raise Http404("No result.")
    return {"ballot": ballot.pk, "closed_at": ballot.closed_at, "result": ballot.result}
