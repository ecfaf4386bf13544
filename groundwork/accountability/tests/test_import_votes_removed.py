"""import_votes on a newer release: what the real files no longer state is removed and reported;
the newer release twice changes nothing; a partial file removes nothing it does not list.

The "newer release" is a copy of the real files written into tmp_path, changed as Public Whip
would change them: Nick Clegg's vote in 2010-12-09 #150 withdrawn (-9), and the tuition fees
policy's (1132) link to that division dropped."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from groundwork.accountability.models import Division, PolicyDivision, Vote
from groundwork.accountability.tests.test_import_votes import data, import_register, person
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db

MATRIX = "votematrix-2010.twfy-policy-divisions.dat"
POLICY_VOTES = "pw_dyn_dreamvote.twfy_policies.csv"
CLEGG = 40528
FEES_VOTE = "2010-12-09,150,1132,aye3,commons"


def copy_of_the_files(folder: Path) -> Path:
    """The shared Public Whip and parlparse folders, copied byte for byte into `folder`."""
    for name in ("publicwhip_2013", "parlparse"):
        shutil.copytree(data(name), folder / name)
    return folder


def withdraw_vote(folder: Path, *, day: str, number: str, member_id: int) -> None:
    path = folder / "publicwhip_2013" / MATRIX
    lines = path.read_text().split("\n")
    column = [cell.strip() for cell in lines[0].split("\t")].index(f"mpid{member_id}")
    for index, line in enumerate(lines[1:], start=1):
        cells = line.split("\t")
        if cells[1:3] == [day, number]:
            assert cells[column].strip() != "-9"
            cells[column] = " -9"
            lines[index] = "\t".join(cells)
    path.write_text("\n".join(lines))


def drop_lines(path: Path, keep) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(True) if keep(line)))


def import_votes(folder: Path) -> str:
    out = StringIO()
    call_command("import_votes", str(folder), stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()[-1]


def fees_division() -> Division:
    return Division.objects.get(date=date(2010, 12, 9), number=150)


def test_a_newer_release_removes_the_vote_and_policy_division_it_no_longer_has(tmp_path):
    import_register()
    original = copy_of_the_files(tmp_path / "2013")
    import_votes(original)
    clegg = person(CLEGG)
    assert Vote.objects.filter(division=fees_division(), person=clegg, how="aye").exists()
    assert PolicyDivision.objects.filter(division=fees_division(), policy__external_id="1132")
    newer = copy_of_the_files(tmp_path / "newer")
    withdraw_vote(newer, day="2010-12-09", number="150", member_id=CLEGG)
    drop_lines(newer / "publicwhip_2013" / POLICY_VOTES, lambda line: line.strip() != FEES_VOTE)
    votes_before = Vote.objects.count()

    summary = import_votes(newer)

    # One vote and one policy division fewer than the 34,480 rows of the original.
    assert summary.startswith("34584 rows: 0 added, 0 updated, 34478 unchanged, 106 skipped")
    assert summary.endswith("2 removed (1 votes, 1 policy divisions)")
    assert Vote.objects.count() == votes_before - 1
    assert not Vote.objects.filter(division=fees_division(), person=clegg).exists()
    assert not PolicyDivision.objects.filter(
        division=fees_division(), policy__external_id="1132"
    ).exists()
    # The division itself stays: policy 1052 still names it, and its other votes stand.
    assert fees_division().votes.count() > 500
    assert AuditEntry.objects.filter(verb="votes.imported").latest("id").new["removed"] == 2

    again = import_votes(newer)
    assert again.startswith("34584 rows: 0 added, 0 updated, 34478 unchanged, 106 skipped")
    assert again.endswith("0 removed (0 votes, 0 policy divisions)")
    assert Vote.objects.count() == votes_before - 1


def test_a_partial_matrix_removes_nothing_from_the_divisions_it_leaves_out(tmp_path):
    import_register()
    import_votes(copy_of_the_files(tmp_path / "2013"))
    votes_before = Vote.objects.count()
    in_the_division = fees_division().votes.count()
    partial = copy_of_the_files(tmp_path / "partial")
    drop_lines(partial / "publicwhip_2013" / MATRIX, lambda line: "\t2010-12-09\t150\t" not in line)

    summary = import_votes(partial)

    assert summary.endswith("0 removed (0 votes, 0 policy divisions)")
    assert fees_division().votes.count() == in_the_division > 500
    assert Vote.objects.count() == votes_before
