"""What a newer release of Public Whip's files no longer states, removed from the record.

A vote on file in a division the new matrix still lists, by a person the import joined, whom the
matrix now records no vote for, is deleted; so is a policy's division that the policy's new list
no longer names. A division the new matrix does not list at all keeps its votes: a partial file
(like the shared trimmed matrix) is not the whole record, as a partial postcode directory is not.
A person the import could not join keeps their votes: the file may still hold them under an id
that no longer joins. Deletes go in batches, so SQLite's limit on variables is never reached."""

from collections.abc import Collection
from itertools import batched

from groundwork.accountability.models import PolicyDivision, Vote

BATCH = 500


def delete_votes(primary_keys: Collection[int]) -> int:
    """Delete the votes with these ids; how many were deleted."""
    for chunk in batched(sorted(primary_keys), BATCH):
        Vote.objects.filter(pk__in=chunk).delete()
    return len(primary_keys)


def delete_policy_divisions(primary_keys: Collection[int]) -> int:
    """Delete the policies' links to divisions with these ids; how many were deleted."""
    for chunk in batched(sorted(primary_keys), BATCH):
        PolicyDivision.objects.filter(pk__in=chunk).delete()
    return len(primary_keys)


def vanished_votes(
    held: dict[tuple[int, int], tuple[int, str]], seen: set[tuple[int, int]], joined: set[int]
) -> list[int]:
    """The ids of the votes held, {(division id, person id): (vote id, how)}, in the file's
    divisions, that the file no longer records for a person it joined."""
    return [
        pk
        for (division_id, person_id), (pk, _how) in held.items()
        if person_id in joined and (division_id, person_id) not in seen
    ]


def vanished_policy_divisions(
    held: dict[tuple[int, int], PolicyDivision], named: set[tuple[int, int]], policies: set[int]
) -> list[int]:
    """The ids of the links held, {(policy id, division id): link}, of the file's policies,
    that the file's policy votes no longer name."""
    return [link.pk for key, link in held.items() if key[0] in policies and key not in named]
