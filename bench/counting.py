"""Benchmark: Groundwork's counters against pyrankvote, votelib and pref_voting, side by side.

    PREF_VOTING_PYTHON=/path/to/venv-with-pref_voting/bin/python \
        .venv/bin/python bench/counting.py [--ballots 1000000] [--subset 100000]

Ballots are drawn from a Plackett-Luce model (candidates of unequal popularity, seeded), each
ballot ranking a random number of candidates (1 to all), as real STV ballots do. The slow
libraries run on the first `--subset` ballots; their time per ballot is compared with ours on the
same subset, and on the full set. pref_voting (which cannot share numpy with Groundwork, see
bench/counting_pref_voting.py) runs in its own interpreter when PREF_VOTING_PYTHON is set.
Prints a Markdown report; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from groundwork.democracy.counting.model import Election, RankingMatrix  # noqa: E402
from groundwork.democracy.counting.schulze import count_schulze  # noqa: E402
from groundwork.democracy.counting.scottish import count_scottish_stv  # noqa: E402

SEED = 20261125


def plackett_luce(n_ballots: int, n_candidates: int, truncate: bool, seed: int) -> RankingMatrix:
    """Seeded random rankings: sort popularity + Gumbel noise, optionally cut at a random length."""
    rng = np.random.default_rng(seed)
    popularity = np.log(rng.uniform(0.2, 1.0, n_candidates))
    noise = rng.gumbel(size=(n_ballots, n_candidates))
    rankings = np.argsort(-(popularity + noise), axis=1).astype(np.int32)
    if truncate:
        lengths = rng.integers(1, n_candidates + 1, n_ballots)
        rankings[np.arange(n_candidates)[None, :] >= lengths[:, None]] = -1
    return RankingMatrix(rankings, np.ones(n_ballots, dtype=np.int64))


def subset(matrix: RankingMatrix, size: int) -> RankingMatrix:
    return RankingMatrix(matrix.rankings[:size], matrix.weights[:size])


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def ours_stv(matrix: RankingMatrix, names: tuple[str, ...], seats: int):
    election = Election(names, matrix, seats=seats)
    return timed(count_scottish_stv, election)


def pyrankvote_stv(matrix: RankingMatrix, names: tuple[str, ...], seats: int):
    import pyrankvote
    from pyrankvote import Ballot, Candidate

    candidates = [Candidate(n) for n in names]
    start = time.perf_counter()
    ballots = [
        Ballot(ranked_candidates=[candidates[c] for c in row if c >= 0])
        for row in matrix.rankings.tolist()
    ]
    result = pyrankvote.single_transferable_vote(candidates, ballots, number_of_seats=seats)
    seconds = time.perf_counter() - start
    return sorted(names.index(c.name) for c in result.get_winners()), seconds


def votelib_stv(matrix: RankingMatrix, names: tuple[str, ...], seats: int):
    from votelib.evaluate.sequential import TransferableVoteSelector

    start = time.perf_counter()
    votes: dict[tuple[str, ...], int] = {}
    for row in matrix.rankings.tolist():
        key = tuple(names[c] for c in row if c >= 0)
        votes[key] = votes.get(key, 0) + 1
    selector = TransferableVoteSelector(quota_function="droop", transferer="Gregory")
    elected = selector.evaluate(votes, seats)
    seconds = time.perf_counter() - start
    return sorted(names.index(c) for c in elected), seconds


def pref_voting(mode: str, matrix: RankingMatrix, *extra: str) -> dict | None:
    python = os.environ.get("PREF_VOTING_PYTHON")
    if not python:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ballots.npz"
        np.savez(path, rankings=matrix.rankings, weights=matrix.weights)
        done = subprocess.run(
            [python, str(ROOT / "bench" / "counting_pref_voting.py"), mode, str(path), *extra],
            capture_output=True,
            text=True,
            timeout=900,
        )
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1]}
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--subset", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=12)
    parser.add_argument("--seats", type=int, default=4)
    parser.add_argument("--options", type=int, default=10)
    arguments = parser.parse_args()
    names = tuple(f"Candidate {k + 1}" for k in range(arguments.candidates))
    lines = [
        f"STV: {arguments.ballots:,} ballots, {arguments.candidates} candidates, "
        f"{arguments.seats} seats; slow libraries on the first {arguments.subset:,}.",
        "",
        "| counter | ballots | seconds | µs per ballot | elected |",
        "|---|---:|---:|---:|---|",
    ]

    def row(name: str, n: int, seconds: float, elected) -> None:
        lines.append(f"| {name} | {n:,} | {seconds:.3f} | {seconds / n * 1e6:.2f} | {elected} |")

    ballots = plackett_luce(arguments.ballots, arguments.candidates, True, SEED)
    small = subset(ballots, arguments.subset)
    result, seconds = ours_stv(ballots, names, arguments.seats)
    ours_full = seconds / arguments.ballots
    row("groundwork stv-scottish", arguments.ballots, seconds, sorted(result.elected))
    result, seconds = ours_stv(small, names, arguments.seats)
    ours_small = seconds / arguments.subset
    row("groundwork stv-scottish", arguments.subset, seconds, sorted(result.elected))
    per_ballot: dict[str, float] = {}
    for label, function in (
        ("pyrankvote 2.0.6 STV", pyrankvote_stv),
        ("votelib 0.4.0 STV (Droop, Gregory)", votelib_stv),
    ):
        elected, seconds = function(small, names, arguments.seats)
        per_ballot[label] = seconds / arguments.subset
        row(label, arguments.subset, seconds, elected)
    found = pref_voting("stv", small, str(arguments.seats))
    if found and "error" not in found:
        seconds = found["count_seconds"] + found["profile_seconds"]
        per_ballot["pref_voting 1.18.2 stv_scottish"] = seconds / arguments.subset
        row(
            f"pref_voting 1.18.2 stv_scottish (incl. profile {found['profile_seconds']:.2f} s)",
            arguments.subset,
            seconds,
            found["elected"],
        )
    elif found:
        lines.append(f"| pref_voting | failed: {found['error']} | | | |")
    fastest = min(per_ballot, key=lambda name: per_ballot[name])
    lines += [
        "",
        f"Fastest other library per ballot: {fastest}. Groundwork is "
        f"{per_ballot[fastest] / ours_small:.0f}x faster per ballot on the same "
        f"{arguments.subset:,} ballots, {per_ballot[fastest] / ours_full:.0f}x against its "
        f"per-ballot time on the full {arguments.ballots:,}.",
        "",
    ]

    options = tuple(f"Option {k + 1}" for k in range(arguments.options))
    full = plackett_luce(arguments.ballots, arguments.options, False, SEED + 1)
    lines += [
        f"Schulze: {arguments.ballots:,} full rankings of {arguments.options} options.",
        "",
        "| counter | seconds | winner |",
        "|---|---:|---|",
    ]
    schulze, seconds = timed(count_schulze, Election(options, full))
    lines.append(
        f"| groundwork schulze, {arguments.ballots:,} ballots | {seconds:.3f} | {schulze.winner} |"
    )
    part = subset(full, arguments.subset)
    schulze, seconds = timed(count_schulze, Election(options, part))
    lines.append(
        f"| groundwork schulze, {arguments.subset:,} ballots | {seconds:.3f} | {schulze.winner} |"
    )
    # Building pref_voting's Profile costs ~90 µs per distinct ranking (almost every ranking of
    # 10 options is distinct), so it runs on the subset to keep the benchmark to minutes.
    found = pref_voting("schulze", part)
    if found and "error" not in found:
        lines.append(
            f"| pref_voting 1.18.2 beat_path, {arguments.subset:,} ballots: count "
            f"only (profile of {found['distinct']:,} distinct rankings built in "
            f"{found['profile_seconds']:.2f} s) | {found['count_seconds']:.3f} | "
            f"{found['winners']} |"
        )
    elif found:
        lines.append(f"| pref_voting | failed: {found['error']} | |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
