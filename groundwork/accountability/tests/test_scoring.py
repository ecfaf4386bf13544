"""Public Whip's agreement score: worked examples from the real files, and its properties.

Weights (SOURCES.md): distance = (differ + 5 differ_strong + 0.1 absent + 2.5 absent_strong)
/ (same + 5 same_strong + differ + 5 differ_strong + 0.2 absent + 5 absent_strong).
"""

from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from groundwork.accountability.publicwhip import (
    DivisionKey,
    How,
    Member,
    PolicyDivision,
    Position,
    Strength,
    parse_twfy_policy,
    read_members,
    read_policies,
    read_policy_votes,
    read_vote_matrix,
    votes_by_member,
)
from groundwork.accountability.scoring import Agreement, Line, Membership, Outcome, score_policy
from tests.testdata import need, root

POLICIES_FILE = "publicwhip_2013/pw_dyn_dreammp.twfy_policies.csv"


def data(name: str) -> Path:
    return need(root() / "representatives" / name)


@pytest.fixture(scope="module")
def record_files():
    matrix = read_vote_matrix(data("publicwhip_2013/votematrix-2010.twfy-policy-divisions.dat"))
    members = {m.member_id: m for m in read_members(data("parlparse/all-members-2010.xml"))}
    policy_votes = read_policy_votes(data("publicwhip_2013/pw_dyn_dreamvote.twfy_policies.csv"))
    return matrix, members, policy_votes


@pytest.fixture(scope="module")
def record(record_files):
    """A function scoring a member id on a policy id from the 2013 files."""
    matrix, members, policy_votes = record_files
    titles = {division.key: division.title for division in matrix.divisions}
    votes = votes_by_member(matrix.votes)

    def score(member_id: int, policy_id: int):
        member: Member = members[member_id]
        spans = [Membership(member.from_date, member.to_date)]
        mine = votes.get(member_id, {})
        return score_policy(policy_id, policy_votes.divisions, mine, spans, titles=titles)

    return score


def key(year: int, month: int, day: int, number: int) -> DivisionKey:
    return DivisionKey(date(year, month, day), number)


def counted(agreement) -> list[tuple[int, str, str]]:
    return [
        (line.division.number, line.outcome.value, line.strength.value)
        for line in agreement.lines
        if line.counted
    ]


def test_danny_alexander_on_increasing_vat(record):
    agreement = record(40331, 1110)  # Danny Alexander, Chief Secretary to the Treasury
    # same_strong 5 (#10 #14 #22 #32 #304), same 3 (#18 #19 #305), absent_strong 1 (#17),
    # absent 1 (#308): (0.1 + 2.5) / (3 + 5*5 + 0.2 + 5) = 2.6 / 33.2 = 13/166.
    assert agreement.distance == Fraction(13, 166)
    assert agreement.agreement == pytest.approx(153 / 166)  # 0.9217
    assert agreement.percent == 92
    assert agreement.summary == "almost always for"  # distance 0.078: above 0.05, not 0.15
    line = next(line for line in agreement.lines if line.division == key(2010, 7, 13, 17))
    assert (line.how, line.position, line.strength, line.outcome) == (
        None,
        Position.NO,
        Strength.STRONG,
        Outcome.ABSENT,
    )
    assert (line.points_against, line.points_out_of) == (Fraction(5, 2), 5)


def test_a_by_election_winner_is_not_marked_absent_before_she_was_elected(record):
    agreement = record(40684, 1110)  # Debbie Abrahams, elected 2011-01-13
    before = [line for line in agreement.lines if line.date < date(2011, 1, 14)]
    assert before and all(line.how is None for line in before)
    assert {line.outcome for line in before} <= {Outcome.NOT_A_MEMBER, Outcome.NOT_SCORED}
    # differ_strong 1 (#304), differ 1 (#305), absent 1 (#308):
    # (1 + 5 + 0.1) / (1 + 5 + 0.2) = 6.1 / 6.2 = 61/62.
    assert counted(agreement) == [
        (304, "disagreed", "strong"),
        (305, "disagreed", "normal"),
        (308, "absent", "normal"),
    ]
    assert agreement.agreement == pytest.approx(1 / 62)
    assert agreement.percent == 2
    assert agreement.summary == "consistently against"  # distance 0.984 > 0.95


def test_an_mp_who_resigned_is_not_marked_absent_after_leaving(record):
    agreement = record(40056, 1110)  # Eric Illsley, resigned 2011-02-08
    after = [line for line in agreement.lines if line.date > date(2011, 2, 8)]
    assert {line.outcome for line in after} == {Outcome.NOT_A_MEMBER, Outcome.NOT_SCORED}
    # differ_strong 4 (#10 #14 #22 #32), differ 2 (#18 #19), absent_strong 1 (#17):
    # (2 + 20 + 2.5) / (2 + 20 + 5) = 24.5 / 27 = 49/54.
    assert agreement.agreement == pytest.approx(5 / 54)


def test_a_both_vote_and_a_mislabelled_division_count_on_equal_constituencies(record):
    agreement = record(40572, 1113)  # Andrew George
    lines = {line.division: line for line in agreement.lines}
    mislabelled = lines[key(2010, 10, 20, 92)]
    assert mislabelled.title.startswith("Police Terms")  # scored by date and number all the same
    assert (mislabelled.how, mislabelled.outcome) == (None, Outcome.ABSENT)
    assert (lines[key(2010, 11, 2, 110)].how, lines[key(2010, 11, 2, 110)].outcome) == (
        How.BOTH,
        Outcome.ABSENT,
    )
    # same_strong 1 (#51), absent_strong 2 (#92, #110), differ 3 (#202 #204 #205),
    # differ_strong 1 (#203): (3 + 5 + 2*2.5) / (5 + 3 + 5 + 2*5) = 13/23.
    assert agreement.distance == Fraction(13, 23)
    assert agreement.percent == 43
    assert agreement.summary == "a mixture of for and against"  # distance 0.565


def test_policies_listing_a_division_without_a_side_do_not_score_it(record):
    agreement = record(40523, 1110)  # Nigel Adams voted with the policy every time
    unscored = [line for line in agreement.lines if line.outcome is Outcome.NOT_SCORED]
    assert [line.division.number for line in unscored if line.date.year >= 2010] == [20, 21, 309]
    assert all(line.points_out_of == 0 for line in unscored)
    # same_strong 6, same 4: 0 / (4 + 30).
    assert (agreement.points_against, agreement.points_out_of, agreement.percent) == (0, 34, 100)
    assert agreement.summary == "consistently for"


def test_no_figure_for_an_mp_with_no_division_in_their_time(record):
    agreement = record(40690, 1110)  # George Galloway, elected 2012-03-29
    assert agreement.lines and agreement.agreement is None and agreement.percent is None
    assert agreement.summary is None


def test_every_mp_scores_between_0_and_1_on_every_policy(record):
    policy_ids = [policy.id for policy in read_policies(data(POLICIES_FILE))]
    matrix = read_vote_matrix(data("publicwhip_2013/votematrix-2010.twfy-policy-divisions.dat"))
    figures = [
        record(member_id, policy) for member_id in matrix.member_ids for policy in policy_ids
    ]
    assert all(f.agreement is None or 0 <= f.agreement <= 1 for f in figures)
    assert sum(f.agreement is not None for f in figures) > 656 * 10


@pytest.mark.parametrize(
    ("policy_id", "shared", "strength_changed"),
    [
        (1110, 10, {key(2011, 6, 22, 304), key(2011, 6, 28, 308)}),
        (1113, 7, {key(2011, 2, 15, 202)}),
        (1136, 3, set()),
    ],
)
def test_theyworkforyou_today_takes_the_same_side_in_every_division_both_list(
    policy_id, shared, strength_changed
):
    """TheyWorkForYou's current definitions carry no MP's figures; they do name divisions by the
    same date and number, and where both versions list one, they agree on its side. Only the
    strength of a few was revised since 2013 (weak there is normal here)."""
    document = yaml.safe_load(data(f"twfy_votes_policies/{policy_id}.yml").read_text())
    policy, current = parse_twfy_policy(document)
    theirs = {link.division: link for link in current.divisions}
    policy_votes = read_policy_votes(data("publicwhip_2013/pw_dyn_dreamvote.twfy_policies.csv"))
    both_list = [
        vote
        for vote in policy_votes.divisions
        if vote.policy_id == policy_id
        and vote.position is not Position.BOTH
        and vote.division in theirs
    ]
    assert policy.id == policy_id and current.skipped == ()
    assert len(both_list) == shared
    assert all(theirs[vote.division].position is vote.position for vote in both_list)
    assert {
        vote.division for vote in both_list if theirs[vote.division].strength is not vote.strength
    } == strength_changed


def test_the_same_mp_scores_differently_under_theyworkforyous_current_policy(record_files):
    """ "How MP X voted on policy Y" depends on the policy's version (SOURCES.md)."""
    matrix, members, _ = record_files
    document = yaml.safe_load(data("twfy_votes_policies/1113.yml").read_text())
    _, current = parse_twfy_policy(document)
    george = members[40572]  # Andrew George: 43% on the 2013 version (above)
    agreement = score_policy(
        1113,
        current.divisions,
        votes_by_member(matrix.votes)[40572],
        [Membership(george.from_date, george.to_date)],
        recorded={division.key for division in matrix.divisions},
    )
    outcomes = {line.division: line.outcome for line in agreement.lines}
    assert outcomes[key(2013, 1, 29, 146)] is Outcome.NO_RECORD  # in his time, not in the file
    assert outcomes[key(2020, 11, 10, 163)] is Outcome.NOT_A_MEMBER
    # Now #104 and #106 count against (normal, strong), #202 is strong: same_strong 1 (#51),
    # absent_strong 2 (#92 #110), differ 3 (#104 #204 #205), differ_strong 3 (#106 #202 #203):
    # (3 + 15 + 5) / (5 + 3 + 15 + 10) = 23/33.
    assert agreement.distance == Fraction(23, 33)
    assert agreement.percent == 30


# --- properties ---------------------------------------------------------------------------

START = date(2010, 5, 6)


@st.composite
def records(draw):
    """A policy's divisions over two years, a member's spell and their recorded votes."""
    count = draw(st.integers(min_value=0, max_value=12))
    links, votes = [], {}
    for number in range(1, count + 1):
        division = DivisionKey(START + timedelta(days=draw(st.integers(0, 730))), number)
        position = draw(st.sampled_from(Position))
        links.append(PolicyDivision(1, division, position, draw(st.sampled_from(Strength))))
        how = draw(st.none() | st.sampled_from(How))
        if how is not None:
            votes[division] = how
    first = START + timedelta(days=draw(st.integers(0, 730)))
    last = first + timedelta(days=draw(st.integers(0, 730)))
    return links, votes, Membership(first, last)


@given(records())
def test_agreement_is_a_fraction_between_0_and_1_or_none(case):
    links, votes, membership = case
    agreement = score_policy(1, links, votes, [membership])
    assert agreement.agreement is None or 0 <= agreement.agreement <= 1
    voted = any(line.outcome in (Outcome.AGREED, Outcome.DISAGREED) for line in agreement.lines)
    # No figure for someone who voted in none of the divisions that count (as TheyWorkForYou).
    assert (agreement.agreement is None) == (not voted)


@given(records(), st.data())
def test_voting_with_the_policy_never_lowers_agreement(case, choices):
    links, votes, membership = case
    scorable = [
        link
        for link in links
        if link.position is not Position.BOTH and membership.covers(link.division.date)
    ]
    if not scorable:
        return
    link = choices.draw(st.sampled_from(scorable))
    before = score_policy(1, links, votes, [membership]).distance
    with_policy = votes | {link.division: How(link.position.value)}
    after = score_policy(1, links, with_policy, [membership]).distance
    # Before, an MP absent from every division has no figure; after this vote they have one.
    assert after is not None and (before is None or after <= before)


@given(records())
def test_a_division_before_the_seat_was_won_is_not_an_absence(case):
    links, votes, membership = case
    outside = [link for link in links if not membership.covers(link.division.date)]
    inside = [link for link in links if membership.covers(link.division.date)]
    agreement = score_policy(1, links, votes, [membership])
    assert agreement.distance == score_policy(1, inside, votes, [membership]).distance
    outcomes = {line.division: line.outcome for line in agreement.lines}
    assert {outcomes[link.division] for link in outside} <= {
        Outcome.NOT_A_MEMBER,
        Outcome.NOT_SCORED,
    }
    for link in inside:
        if link.position is not Position.BOTH and link.division not in votes:
            assert outcomes[link.division] is Outcome.ABSENT


@given(records(), st.sets(st.integers(1, 12)))
def test_a_division_with_no_votes_on_file_is_not_counted_against_anyone(case, on_file):
    links, votes, membership = case
    recorded = {link.division for link in links if link.division.number in on_file}
    agreement = score_policy(1, links, votes, [membership], recorded=recorded)
    kept = [link for link in links if link.division in recorded]
    assert agreement.distance == score_policy(1, kept, votes, [membership]).distance


def test_two_spells_in_one_seat_are_scored_as_one_record():
    """A party change is a second member id (Mike Hancock, LDem then Ind): merge both."""
    links = [
        PolicyDivision(1, key(2013, 1, 10, 1), Position.AYE, Strength.NORMAL),
        PolicyDivision(1, key(2013, 7, 10, 2), Position.AYE, Strength.STRONG),
    ]
    spells = [
        Membership(date(2010, 5, 6), date(2013, 6, 2)),
        Membership(date(2013, 6, 3), date(2015, 3, 30)),
    ]
    votes = {key(2013, 1, 10, 1): How.TELLAYE}  # a teller counts with the side they told for
    agreement = score_policy(1, links, votes, spells)
    # same 1, absent_strong 1: 2.5 / (1 + 5) = 5/12.
    assert [line.outcome for line in agreement.lines] == [Outcome.AGREED, Outcome.ABSENT]
    assert agreement.distance == Fraction(5, 12)
    assert score_policy(1, links, votes, spells[:1]).distance == 0


@pytest.mark.parametrize(
    ("distance", "words"),
    [
        (Fraction(0), "consistently for"),
        (Fraction(5, 100), "consistently for"),  # a band starts just above its bar
        (Fraction(6, 100), "almost always for"),
        (Fraction(1, 2), "a mixture of for and against"),
        (Fraction(60, 100), "a mixture of for and against"),
        (Fraction(61, 100), "generally against"),
        (Fraction(1), "consistently against"),
    ],
)
def test_the_record_is_worded_as_theyworkforyou_words_it(distance, words):
    division, one = key(2011, 1, 1, 1), Fraction(1)
    line = Line(division, "", How.AYE, Position.AYE, Strength.NORMAL, Outcome.AGREED, distance, one)
    assert Agreement(1, (line,)).summary == words


def test_an_mp_who_voted_in_none_of_a_policys_divisions_has_no_figure_not_fifty_percent():
    # Public Whip's formula alone gives (0.1 + 2.5) / (0.2 + 5) = 0.5 for two absences; the
    # Speaker, who does not vote, would read "50%: mixture of for and against".
    links = [
        PolicyDivision(1, key(2010, 7, 13, 17), Position.NO, Strength.STRONG),
        PolicyDivision(1, key(2010, 7, 14, 18), Position.AYE, Strength.NORMAL),
    ]
    seat = [Membership(date(2010, 5, 6), date(2015, 3, 30))]
    never_voted = score_policy(1, links, {}, seat)
    assert [line.outcome for line in never_voted.lines] == [Outcome.ABSENT, Outcome.ABSENT]
    assert (never_voted.distance, never_voted.percent, never_voted.summary) == (None, None, None)
    voted_once = score_policy(1, links, {key(2010, 7, 14, 18): How.AYE}, seat)
    # (2.5) / (1 + 5) for one vote with the policy and one strong absence.
    assert voted_once.distance == Fraction(5, 12)
