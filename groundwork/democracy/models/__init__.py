"""Proposals and their deliberation, ballots and their electorates, the sealed ballot box,
decisions. The modules: `proposals`, `ballots` (with the decision log), `tellers` (the box)."""

from groundwork.democracy.models.ballots import Ballot, CastVote, Decision, Elector, Option
from groundwork.democracy.models.proposals import (
    Amendment,
    Comment,
    Delegate,
    GroupDemocracySettings,
    Proposal,
    Support,
)
from groundwork.democracy.models.tellers import (
    KeyShare,
    SealedVote,
    Teller,
    TellingPanel,
    VotingDay,
)

__all__ = [
    "Amendment",
    "Ballot",
    "CastVote",
    "Comment",
    "Decision",
    "Delegate",
    "Elector",
    "GroupDemocracySettings",
    "KeyShare",
    "Option",
    "Proposal",
    "SealedVote",
    "Support",
    "Teller",
    "TellingPanel",
    "VotingDay",
]
