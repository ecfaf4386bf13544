"""TheyWorkForYou's current policy files (mysociety/twfy-votes `data/policies/<id>.yml`), read
from a folder as published: pure, no ORM.

Each file is one policy: its id, name, description, how its strengths are meant (`simplified`:
TheyWorkForYou today scores only the strong divisions and leaves absences out; `classic`: Public
Whip's method), and its division links (date, number, chamber, alignment agree/against, strength
strong/weak). The same ids as Public Whip's policies, but not the same lists: a policy is a
document that changes, so these are imported as policies of their own source."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .folder import FolderError
from .model import Policy, PolicyVotes
from .policies import parse_twfy_policy


@dataclass(frozen=True)
class TwfyPolicy:
    policy: Policy
    votes: PolicyVotes
    strength_meaning: str  # "simplified" or "classic"
    status: str  # "active", "candidate", "retired", …
    file_name: str


def read_twfy_policies(folder: Path) -> tuple[TwfyPolicy, ...]:
    """Every `*.yml` policy in the folder, by file name; FolderError if there is none, or if a
    file is not a policy (the message names it)."""
    paths = sorted(folder.glob("*.yml"))
    if not paths:
        raise FolderError(f"No TheyWorkForYou policy (*.yml) in {folder}")
    found = []
    for path in paths:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            policy, votes = parse_twfy_policy(document)
        except (yaml.YAMLError, KeyError, TypeError, ValueError) as error:
            raise FolderError(f"{path.name} is not a TheyWorkForYou policy: {error!r}") from error
        found.append(
            TwfyPolicy(
                policy=policy,
                votes=votes,
                strength_meaning=str(document.get("strength_meaning") or "classic"),
                status=str(document.get("status") or ""),
                file_name=path.name,
            )
        )
    return tuple(found)
