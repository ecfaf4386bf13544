"""A folder of Public Whip's 2013 files and parlparse's members list, laid out as published:
`publicwhip_2013/` (the vote matrix, its key, the policies and their divisions) and `parlparse/`
(`all-members-*.xml`), each read whole into plain records."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .matrix import read_matrix_key, read_vote_matrix
from .members import read_members
from .model import MatrixKey, Member, Policy, PolicyVotes, VoteMatrix
from .policies import read_policies, read_policy_votes

if TYPE_CHECKING:
    from .twfy import TwfyPolicy


class FolderError(ValueError):
    """The folder lacks a file it must hold (a person can read the message)."""


@dataclass(frozen=True)
class VoteFiles:
    matrix: VoteMatrix
    key: MatrixKey
    members: tuple[Member, ...]
    policies: tuple[Policy, ...]
    policy_votes: PolicyVotes
    # TheyWorkForYou's current policies, when asked for (import_votes --twfy-policies).
    twfy_policies: tuple["TwfyPolicy", ...] = ()


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if not found:
        raise FolderError(f"No {pattern} in {folder}")
    return found[-1]


def read_folder(folder: Path) -> VoteFiles:
    """Every file the vote import needs, from `folder`/publicwhip_2013 and `folder`/parlparse."""
    whip, parlparse = folder / "publicwhip_2013", folder / "parlparse"
    for needed in (whip, parlparse):
        if not needed.is_dir():
            raise FolderError(f"No folder {needed}")
    return VoteFiles(
        matrix=read_vote_matrix(_one(whip, "votematrix-*.dat")),
        key=read_matrix_key(_one(whip, "votematrix-*.txt")),
        members=read_members(_one(parlparse, "all-members-*.xml")),
        policies=read_policies(_one(whip, "pw_dyn_dreammp*.csv")),
        policy_votes=read_policy_votes(_one(whip, "pw_dyn_dreamvote*.csv")),
    )
