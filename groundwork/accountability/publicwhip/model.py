"""The plain records that Public Whip's and parlparse's files are read into."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

COMMONS = "commons"


class DivisionKey(NamedTuple):
    """A division within one body: its date and its number that day."""

    date: date
    number: int


class How(StrEnum):
    """How a member voted in a division, as the vote matrix records it."""

    TELLAYE = "tellaye"
    AYE = "aye"
    BOTH = "both"
    NO = "no"
    TELLNO = "tellno"


# The matrix's value codes, as its key lists them; -9 ("missing") is no vote at all.
MISSING = -9
HOW_OF_CODE = {1: How.TELLAYE, 2: How.AYE, 3: How.BOTH, 4: How.NO, 5: How.TELLNO}


class Position(StrEnum):
    """The side a policy takes in a division; BOTH means listed but not scored."""

    AYE = "aye"
    NO = "no"
    BOTH = "both"


class Strength(StrEnum):
    NORMAL = "normal"
    STRONG = "strong"


@dataclass(frozen=True)
class Division:
    date: date
    number: int
    title: str
    body: str = COMMONS

    @property
    def key(self) -> DivisionKey:
        return DivisionKey(self.date, self.number)


@dataclass(frozen=True)
class Vote:
    member_id: int  # Public Whip member id, e.g. 40289
    division: DivisionKey
    how: How


@dataclass(frozen=True)
class Policy:
    id: int
    title: str
    description: str


@dataclass(frozen=True)
class PolicyDivision:
    policy_id: int
    division: DivisionKey
    position: Position
    strength: Strength
    body: str = COMMONS


@dataclass(frozen=True)
class Member:
    """One spell in one seat for one party: a by-election or party change starts a new one."""

    member_id: int
    person_id: int | None
    datadotparl_id: int | None
    first_name: str
    last_name: str
    party: str
    constituency: str
    from_date: date
    to_date: date
    from_why: str
    to_why: str
    title: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    def served_on(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date


@dataclass(frozen=True)
class KeyMember:
    """An MP as the vote matrix's key lists them."""

    member_id: int
    first_name: str
    last_name: str
    party: str
    url: str


@dataclass(frozen=True)
class MatrixKey:
    created: str
    codes: dict[str, int]  # "aye" -> 2, as the key states them
    members: tuple[KeyMember, ...]


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


@dataclass(frozen=True)
class VoteMatrix:
    divisions: tuple[Division, ...]
    votes: tuple[Vote, ...]
    member_ids: tuple[int, ...]  # the matrix's columns
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class PolicyVotes:
    divisions: tuple[PolicyDivision, ...]
    skipped: tuple[Skipped, ...]
