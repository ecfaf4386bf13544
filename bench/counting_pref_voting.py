"""pref_voting side of the vote-counting benchmark, run in its own interpreter.

pref_voting 1.18.2 pins numba, which needs numpy < 2.4, while Groundwork pins numpy 2.5.5; the two
cannot share one environment. bench/counting.py therefore runs this script with the interpreter
named by PREF_VOTING_PYTHON (a venv holding `pref_voting==1.18.2`) and reads one JSON line back.

    python bench/counting_pref_voting.py glasgow BLT_FILE...   # elected sets and timings
    python bench/counting_pref_voting.py stv NPZ SEATS          # time stv_scottish on ballots
    python bench/counting_pref_voting.py schulze NPZ            # time Schulze (beat path)
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_scottish


def _read_blt(path: str) -> tuple[list[str], int, list[tuple[list[int], int]]]:
    """Minimal BLT reader for the Glasgow files (plain dialect only)."""
    lines = [line.split("#")[0].strip() for line in open(path, encoding="utf-8-sig")]
    lines = [line for line in lines if line]
    n, seats = map(int, lines[0].split())
    ballots, index = [], 1
    while lines[index] != "0":
        tokens = [int(t) for t in lines[index].split()]
        ballots.append(([t - 1 for t in tokens[1:-1]], tokens[0]))
        index += 1
    names = [line.strip('"') for line in lines[index + 1 : index + 1 + n]]
    return names, seats, ballots


def _profile(ballots: list[tuple[list[int], int]]) -> ProfileWithTies:
    rankings = [{c: rank for rank, c in enumerate(ranking)} for ranking, _ in ballots]
    return ProfileWithTies(rankings, rcounts=[w for _, w in ballots])


def glasgow(paths: list[str]) -> dict:
    out = {}
    for path in paths:
        names, seats, ballots = _read_blt(path)
        profile = _profile([b for b in ballots if b[0]])
        start = time.perf_counter()
        elected = stv_scottish(profile, num_seats=seats)
        out[path] = {
            "elected": sorted(names[c] for c in elected),
            "seconds": time.perf_counter() - start,
        }
    return out


def _matrix(npz: str) -> tuple[np.ndarray, np.ndarray]:
    data = np.load(npz)
    return data["rankings"], data["weights"]


def stv(npz: str, seats: int) -> dict:
    rankings, weights = _matrix(npz)
    # Identical ballots are merged first, as any caller would, so pref_voting is timed on its
    # counting, not on building a million dictionaries.
    unique, inverse = np.unique(rankings, axis=0, return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights=weights).astype(int)
    start = time.perf_counter()
    profile = _profile(
        [([int(c) for c in row if c >= 0], int(w)) for row, w in zip(unique, counts, strict=True)]
    )
    built = time.perf_counter()
    elected = stv_scottish(profile, num_seats=seats)
    done = time.perf_counter()
    return {
        "elected": sorted(int(c) for c in elected),
        "profile_seconds": built - start,
        "count_seconds": done - built,
        "distinct": len(unique),
    }


def schulze(npz: str) -> dict:
    rankings, weights = _matrix(npz)
    unique, inverse = np.unique(rankings, axis=0, return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights=weights).astype(int)
    start = time.perf_counter()
    profile = Profile([list(row) for row in unique], rcounts=list(counts))
    built = time.perf_counter()
    winners = beat_path(profile)
    done = time.perf_counter()
    return {
        "winners": sorted(int(c) for c in winners),
        "profile_seconds": built - start,
        "count_seconds": done - built,
        "distinct": len(unique),
    }


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "glasgow":
        result = glasgow(sys.argv[2:])
    elif mode == "stv":
        result = stv(sys.argv[2], int(sys.argv[3]))
    else:
        result = schulze(sys.argv[2])
    print(json.dumps(result))
