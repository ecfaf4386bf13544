"""Which votes break a signed pledge: pure logic over plain values, no ORM.

A representative who signed a pledge breaks it by voting, in a division held after the day they
signed, against the side the pledge's policy takes (aye where it says no, no where it says aye;
tellers count as voters). Abstentions ("both"), absences, divisions the policy lists without a
side, and anything on or before the day they signed are not flagged; nor is a pledge they
declined or never answered.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

SIGNED = "signed"
AYES = frozenset({"aye", "tellaye"})
NOES = frozenset({"no", "tellno"})
AGAINST = {"aye": NOES, "no": AYES}


@dataclass(frozen=True)
class CastVote:
    """How the representative voted in one division, with what identifies the division."""

    division_id: int
    date: date
    number: int
    title: str
    how: str


def votes_against_pledge(
    *, status: str, answered_on: date, sides: Mapping[int, str], votes: Iterable[CastVote]
) -> list[CastVote]:
    """The votes, oldest first, that break a pledge signed on `answered_on`, given the policy's
    side in each division (`sides`: division id → "aye", "no" or "both")."""
    if status != SIGNED:
        return []
    broken = [
        vote
        for vote in votes
        if vote.date > answered_on and vote.how in AGAINST.get(sides.get(vote.division_id, ""), ())
    ]
    return sorted(broken, key=lambda vote: (vote.date, vote.number))
