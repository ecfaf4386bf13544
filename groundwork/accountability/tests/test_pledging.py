"""Which votes break a signed pledge: the pure rule, without a database."""

from datetime import date

from groundwork.accountability.pledging import CastVote, votes_against_pledge

SIGNED_ON = date(2024, 3, 1)
SIDES = {1: "aye", 2: "no", 3: "both"}


def vote(division_id: int, day: date, how: str, number: int = 1) -> CastVote:
    return CastVote(division_id, day, number, f"Division {division_id}", how)


def broken(votes, *, status="signed", sides=SIDES):
    return votes_against_pledge(status=status, answered_on=SIGNED_ON, sides=sides, votes=votes)


def test_a_vote_against_the_policy_after_signing_breaks_the_pledge():
    against_aye = vote(1, date(2024, 4, 1), "no")
    against_no = vote(2, date(2024, 5, 1), "tellaye")
    assert broken([against_no, against_aye]) == [against_aye, against_no]


def test_a_vote_on_or_before_the_day_of_signing_does_not():
    assert broken([vote(1, date(2024, 2, 1), "no"), vote(1, SIGNED_ON, "no")]) == []


def test_a_vote_with_the_policy_an_abstention_or_an_unscored_division_does_not():
    later = date(2024, 6, 1)
    votes = [vote(1, later, "aye"), vote(2, later, "no"), vote(1, later, "both")]
    votes.append(vote(3, later, "no"))  # listed by the policy without a side
    votes.append(vote(9, later, "no"))  # not in the policy
    assert broken(votes) == []


def test_a_declined_or_unanswered_pledge_is_never_broken():
    votes = [vote(1, date(2024, 4, 1), "no")]
    assert broken(votes, status="declined") == []
    assert broken(votes, status="no_answer") == []
