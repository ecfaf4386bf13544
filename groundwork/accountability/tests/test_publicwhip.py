"""The readers of Public Whip's 2013 files and parlparse's members list, on the real files.

Counts are taken again here by a different route (regular expressions or plain substring counts
over the raw text) so that a reader that drops or invents rows fails.
"""

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from groundwork.accountability.publicwhip import (
    HOW_OF_CODE,
    MISSING,
    DivisionKey,
    How,
    Position,
    Strength,
    join_person_ids,
    parse_members,
    parse_policy_votes,
    parse_vote_matrix,
    read_matrix_key,
    read_members,
    read_policies,
    read_policy_votes,
    read_vote_matrix,
)
from tests.testdata import need, root


def data(name: str) -> Path:
    return need(root() / "representatives" / name)


MATRIX = "publicwhip_2013/votematrix-2010.twfy-policy-divisions.dat"
KEY = "publicwhip_2013/votematrix-2010.txt"
POLICIES = "publicwhip_2013/pw_dyn_dreammp.twfy_policies.csv"
POLICY_VOTES = "publicwhip_2013/pw_dyn_dreamvote.twfy_policies.csv"
MEMBERS = "parlparse/all-members-2010.xml"
POPOLO = "popolo_everypolitician_uk_commons/ep-popolo-v1.0.term-55.json"
YNMP = "ynmp_2015_winners/candidates_2015_elected_only.csv"


@pytest.fixture(scope="module")
def matrix():
    return read_vote_matrix(data(MATRIX))


@pytest.fixture(scope="module")
def members():
    return {member.member_id: member for member in read_members(data(MEMBERS))}


def test_the_matrix_holds_every_division_row_and_every_recorded_vote(matrix):
    text = data(MATRIX).read_text()
    rows = re.findall(r"^\d+\t(\d{4}-\d\d-\d\d)\t(\d+)\t", text, flags=re.MULTILINE)
    # A recorded vote is a code 1-5 between tabs, with or without its leading space, after the
    # four columns that describe the division.
    cells = "\t" + "\n\t".join(line.split("\t", 4)[-1] for line in text.splitlines()[1:])
    recorded = len(re.findall(r"(?<=\t) ?[1-5](?=\t)", cells))
    missing = len(re.findall(r"(?<=\t) ?-9(?=\t)", cells))
    assert len(rows) == len(matrix.divisions) == 66
    assert len(matrix.votes) == recorded == 33574
    assert len(matrix.member_ids) == 656
    assert recorded + missing == 66 * 656  # every cell is a vote or "no vote recorded"
    assert matrix.skipped == ()


def test_the_matrix_keeps_tellers_apart_from_voters(matrix):
    hows = [vote.how for vote in matrix.votes]
    assert hows.count(How.TELLAYE) == hows.count(How.TELLNO) == 128
    assert hows.count(How.BOTH) == 13


def test_divisions_are_found_by_date_and_number_because_some_titles_are_wrong(matrix):
    by_key = {division.key: division for division in matrix.divisions}
    # Both are Parliamentary Voting System and Constituencies Bill divisions, mislabelled upstream.
    assert by_key[DivisionKey(date(2010, 10, 20), 92)].title.startswith("Police Terms")
    assert by_key[DivisionKey(date(2010, 11, 2), 110)].title.startswith("Cheques")
    # A title does not even name one division: four on 2010-11-01 share theirs but for the case.
    titles = [division.title.lower() for division in matrix.divisions]
    assert len(set(titles)) < len(titles)
    assert len(by_key) == len(matrix.divisions)


def test_no_vote_is_recorded_outside_the_voters_membership(matrix, members):
    """So a -9 in someone's time is an absence, and outside it says nothing (see scoring)."""
    assert all(members[vote.member_id].served_on(vote.division.date) for vote in matrix.votes)


def test_a_by_election_winner_has_no_vote_before_they_were_elected(matrix, members):
    abrahams = members[40684]  # Oldham East and Saddleworth, by-election of 2011-01-13
    assert abrahams.from_date == date(2011, 1, 14)
    dates = {vote.division.date for vote in matrix.votes if vote.member_id == 40684}
    assert min(dates) > abrahams.from_date


def test_the_key_lists_the_same_mps_as_the_matrix_with_names_unescaped(matrix):
    key = read_matrix_key(data(KEY))
    assert key.created == "Sat Feb  9 11:29:51 2013"
    assert key.codes == {"missing": MISSING} | {
        how.value: code for code, how in HOW_OF_CODE.items()
    }
    assert sorted(member.member_id for member in key.members) == sorted(matrix.member_ids)
    names = {member.member_id: member.last_name for member in key.members}
    assert names[40237] == "O'Brien"  # `O&#39;Brien` in the file


def test_the_matrix_leaves_out_the_speaker_sinn_fein_and_later_mps(matrix, members):
    left_out = {members[member_id] for member_id in members.keys() - set(matrix.member_ids)}
    assert len(left_out) == 672 - 656
    assert {member.party for member in left_out if member.from_date < date(2013, 2, 9)} == {
        "SF",
        "SPK",
    }


def test_members_are_read_in_the_latin_1_encoding_their_file_declares(members):
    raw = data(MEMBERS).read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    assert b"Ynys M\xf4n" in raw  # Latin-1, not UTF-8
    assert len(members) == raw.count(b"<member") == 672
    owen = members[40681]
    assert (owen.name, owen.constituency) == ("Albert Owen", "Ynys Môn")
    assert any(member.name == "Siân James" for member in members.values())


def test_members_in_utf_8_read_the_same_when_that_is_declared():
    element = '<member id="uk.org.publicwhip/member/1" house="commons" title="" firstname="Siân"'
    element += ' lastname="James" constituency="Ynys Môn" party="Lab" fromdate="2010-05-06"'
    element += ' todate="2015-03-30" fromwhy="general_election" towhy="general_election"/>'
    for encoding in ("UTF-8", "ISO-8859-1"):
        document = f'<?xml version="1.0" encoding="{encoding}"?><publicwhip>{element}</publicwhip>'
        (member,) = parse_members(document.encode(encoding))
        assert (member.name, member.constituency) == ("Siân James", "Ynys Môn")


def test_members_keep_their_ids_and_every_spell_in_a_seat(members):
    assert sum(member.datadotparl_id is None for member in members.values()) == 20
    hancock = [member for member in members.values() if member.datadotparl_id == 59]
    assert [(member.member_id, member.party, member.to_why) for member in hancock] == [
        (40486, "LDem", "changed_party"),
        (40705, "Ind", "general_election"),
    ]
    assert all(member.person_id is None for member in members.values())  # not in this file


def test_policies_are_read_with_newlines_and_pound_signs_inside_fields():
    policies = {policy.id: policy for policy in read_policies(data(POLICIES))}
    text = data(POLICIES).read_text()
    assert len(policies) == len(re.findall(r"^\d+,", text, flags=re.MULTILINE)) == 29
    # Both descriptions end in newlines inside their quotes; surrounding blanks are dropped.
    assert 'place.  \n\n"' in text and 'equally\n\n\n"' in text
    assert policies[1071].description.endswith("in its place.")
    assert policies[1084].description.endswith("seat numbers more equally")
    assert "£9,000" in policies[1132].title
    assert policies[1110].title == "Increase VAT"


def test_policy_votes_keep_their_side_strength_and_body():
    text = data(POLICY_VOTES).read_text()
    votes = read_policy_votes(data(POLICY_VOTES))
    commons = [vote for vote in votes.divisions if vote.body == "commons"]
    assert len(votes.divisions) == text.count("\n") - 1 == 550
    assert len(commons) == text.count(",commons") == 444
    strong = [vote for vote in commons if vote.strength is Strength.STRONG]
    assert len(strong) == text.count("3,commons") == 87 + 30
    assert sum(vote.position is Position.BOTH for vote in commons) == text.count(",both,commons")
    assert votes.skipped == ()


def test_every_commons_policy_division_of_the_2010_parliament_is_in_the_matrix(matrix):
    keys = {division.key for division in matrix.divisions}
    votes = read_policy_votes(data(POLICY_VOTES)).divisions
    since_2010 = {
        vote.division
        for vote in votes
        if vote.body == "commons" and vote.division.date >= date(2010, 5, 6)
    }
    assert len(since_2010) == 66 and since_2010 <= keys


def test_a_policy_vote_outside_the_schema_is_reported_and_the_rest_kept():
    text = (
        "division_date,division_number,dream_id,vote,house\r\n"
        "2010-09-06,51,1136,aye,commons\r\n"
        "2010-09-06,52,1136,abstention,commons\r\n"
        "2010-13-01,53,1136,no,commons\r\n"
    )
    votes = parse_policy_votes(text)
    assert [vote.division for vote in votes.divisions] == [DivisionKey(date(2010, 9, 6), 51)]
    assert [(row.line, row.reason.split(":")[0]) for row in votes.skipped] == [
        (3, "policy vote 'abstention' is not scored"),
        (4, "bad division date or number"),
    ]


def test_a_matrix_row_with_an_unknown_code_or_repeated_division_is_reported():
    text = (
        "rowid\tdate\tvoteno\tBill\tmpid1\tmpid2\t\n"
        "10\t2010-06-08\t3\tA\t2\t -9\t \n"
        "11\t2010-06-08\t4\tB\t7\t 2\t \n"
        "12\t2010-06-08\t3\tA again\t4\t 4\t \n"
        "13\t2010-06-09\t1\tC\t 1\t 5\t \n"
    )
    matrix = parse_vote_matrix(text)
    assert [division.title for division in matrix.divisions] == ["A", "C"]
    assert [(vote.member_id, vote.how) for vote in matrix.votes] == [
        (1, How.AYE),
        (1, How.TELLAYE),
        (2, How.TELLNO),
    ]
    assert [row.line for row in matrix.skipped] == [3, 4]
    assert "unknown vote codes ['7']" in matrix.skipped[0].reason


def test_person_ids_come_from_popolo_by_id_or_by_seat_and_dates(members):
    popolo = json.loads(data(POPOLO).read_text(encoding="utf-8"))
    joined, unjoined = join_person_ids(members.values(), popolo)
    assert unjoined == () and len(joined) == 672
    assert len({member.person_id for member in joined}) == len(popolo["persons"]) == 669
    reckless = [member for member in joined if member.member_id in (40502, 40704)]
    assert reckless[0].datadotparl_id is None and reckless[1].datadotparl_id == 4049
    assert reckless[0].person_id == reckless[1].person_id == 24899


def test_the_person_ids_are_those_yournextmp_gives_the_mps_re_elected_in_2015(members):
    """EveryPolitician's `everypolitician_legacy` is parlparse's person id: 468 of the 2015
    winners (those who also sat in 2010-15) carry one of ours, each under the same surname."""
    popolo = json.loads(data(POPOLO).read_text(encoding="utf-8"))
    joined, _ = join_person_ids(members.values(), popolo)
    last_name = {member.person_id: member.last_name for member in joined}
    with data(YNMP).open(encoding="utf-8", newline="") as file:
        winners = {
            int(row["parlparse_id"].rsplit("/", 1)[1]): row["name"] for row in csv.DictReader(file)
        }
    both = winners.keys() & last_name.keys()
    assert len(winners) == 650 and len(both) == 468
    assert all(winners[person].endswith(last_name[person]) for person in both)
