"""Readers for Public Whip's 2013 data and parlparse's members list, as published: pure, no ORM.

Each reader takes the file's text (bytes for the XML, which declares its own encoding) and returns
plain frozen dataclasses; `read_*` wrappers open a path. The files' oddities, and what is done:
- Divisions are keyed by (date, number), never by title: some titles are wrong upstream
  (2010-10-20 #92 is labelled "Police Terms and Conditions of Service (Redundancy) ...", 2010-11-02
  #110 "Cheques ...", both Parliamentary Voting System and Constituencies Bill divisions), and many
  titles repeat ("Clause 11 - Number and distribution of seats" four times on 2010-11-01).
- The matrix's `rowid` is not in date order (2010-07-21 #37 has a later rowid than #39): ignored.
- Matrix cells carry a leading space (all but the first MP's column), the header row ends in a tab
  and each data row in a tab and a space: cells are stripped, columns with no header are dropped.
- A `-9` cell means "no vote recorded". It is not a vote: whether that was an absence or a seat
  not yet (or no longer) held is for the membership dates to say (see scoring.py), so no Vote is
  made for it. Tellers (1, 5) are kept as such; scoring counts them with the side they told for.
- The key spells apostrophes as HTML entities (`O&#39;Brien`): names are unescaped.
- The key and the matrix leave out the Speaker and Sinn Féin's abstentionist MPs, who never vote,
  and every MP elected after the file was made (February 2013); parlparse has all 672 members.
- Policy votes `both` mean "listed, not scored": kept with Position.BOTH so a scorecard can show
  them. A vote outside the schema's aye/no/aye3/no3/both (`abstention`, `spoiled`) or a bad date
  or number is reported as a Skipped row with its reason; the good rows are kept.
- Two policy descriptions (1071, 1084) end in newlines inside their quotes: read with a real CSV
  parser, and blanks around a title or description are dropped.
- all-members-2010.xml is ISO-8859-1 ("Ynys Môn", "Siân James"), declared in its prolog; the XML
  parser honours the declaration, so it is given bytes. 20 members have no `datadotparl_id`
  (None here). The file carries no parlparse *person* ids (`uk.org.publicwhip/person/N`):
  `Member.person_id` is None until `join_person_ids` takes it from EveryPolitician's Popolo
  (`everypolitician_legacy`, which is TheyWorkForYou's person id): by datadotparl_id, and for the
  20 members without one, by seat name and the spell's dates (no person's name is used).
  A party change (Mike Hancock, LDem then Ind) is a second member id for the same person; Mark
  Reckless's first spell (40502) has no datadotparl_id though his second (40704) has, so a join
  by datadotparl_id alone splits him in two.
- TheyWorkForYou's current policy files (`parse_twfy_policy`) take the loaded YAML: divisions by
  date and number, `Skipped.line` there is the link's position in the list. `read_twfy_policies`
  reads a folder of them (twfy.py), with each file's `strength_meaning`.
"""

from .folder import FolderError, VoteFiles, read_folder
from .matrix import (
    parse_matrix_key,
    parse_vote_matrix,
    read_matrix_key,
    read_vote_matrix,
    votes_by_member,
)
from .members import join_person_ids, parse_members, read_members
from .model import (
    COMMONS,
    HOW_OF_CODE,
    MISSING,
    Division,
    DivisionKey,
    How,
    KeyMember,
    MatrixKey,
    Member,
    Policy,
    PolicyDivision,
    PolicyVotes,
    Position,
    Skipped,
    Strength,
    Vote,
    VoteMatrix,
)
from .policies import (
    parse_policies,
    parse_policy_votes,
    parse_twfy_policy,
    read_policies,
    read_policy_votes,
)
from .twfy import TwfyPolicy, read_twfy_policies

__all__ = [
    "COMMONS",
    "HOW_OF_CODE",
    "MISSING",
    "Division",
    "FolderError",
    "DivisionKey",
    "How",
    "KeyMember",
    "MatrixKey",
    "Member",
    "Policy",
    "PolicyDivision",
    "PolicyVotes",
    "Position",
    "Skipped",
    "Strength",
    "Vote",
    "VoteFiles",
    "VoteMatrix",
    "join_person_ids",
    "parse_matrix_key",
    "parse_members",
    "parse_policies",
    "parse_policy_votes",
    "parse_twfy_policy",
    "parse_vote_matrix",
    "read_matrix_key",
    "read_folder",
    "read_members",
    "read_policies",
    "read_policy_votes",
    "read_twfy_policies",
    "TwfyPolicy",
    "read_vote_matrix",
    "votes_by_member",
]
