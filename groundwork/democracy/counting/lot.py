"""Lots that anyone can draw again: candidates ordered by the SHA-256 of a public seed.

The recipe, with nothing but a shell: for each candidate, take its number on the ballot paper
(1 for the first), write the seed, a colon and that number as UTF-8 text with no newline, and
hash it with SHA-256; the candidates in increasing order of their hashes (as hexadecimal text)
are the lot order. For the seed `spring-2026` and the second candidate:

    printf '%s' 'spring-2026:2' | sha256sum

When the rules say "decide by lot", the tied candidate who comes first in this order is the one
the decision falls on (excluded first, surplus transferred first, or given the place). A seed
nobody could choose in advance, such as a hash of every published ballot tracker, makes the lot
as fair as drawing names from a hat, and unlike a hat anyone can check it afterwards.
"""

from __future__ import annotations

import hashlib


def lot_hash(seed: str, number: int) -> str:
    """SHA-256, in hexadecimal, of `f"{seed}:{number}"`: what `sha256sum` prints for that text."""
    return hashlib.sha256(f"{seed}:{number}".encode()).hexdigest()


def draw_lot(seed: str, n_candidates: int) -> tuple[int, ...]:
    """Candidates (indices from 0) in increasing order of `lot_hash(seed, index + 1)`."""
    if not seed.strip():
        raise ValueError("a lot seed must not be empty: the lot would be nobody's draw")
    return tuple(sorted(range(n_candidates), key=lambda c: (lot_hash(seed, c + 1), c)))
