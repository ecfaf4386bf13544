"""Benchmark: the counting command end to end from a BLT file, against pyrankvote and votelib.

    .venv/bin/pip install pyrankvote==2.0.6 votelib==0.4.0
    .venv/bin/python bench/counting_from_file.py [--ballots 1000000] [--rounds 5] [--keep FILE]

What anyone who recounts a published ballot does: start a process, read the file, count, print.
Each tool runs as its own process, timed from start to exit; in every round each tool runs once,
the order turning from round to round; the report gives the median and the range over the rounds.
Ours is `python -m groundwork.democracy.counting stv-scottish FILE --seats N`. The peers have no
BLT reader, so each reads the same file in one of two ways: `read_plain_blt` (line by line, the
reader a user of theirs would write) or Groundwork's own `read_blt` (identical lines read once).
pyrankvote has no ballot weights, so it is handed one Ballot per paper either way; votelib takes
each distinct ranking with its count.

The file is generated from a seed (`ballot_file`): the rankings voters use are the distinct ones
among 8,000 Plackett-Luce draws (candidates of unequal popularity, each ranking cut at a geometric
length, mean 4); ordered by their probability under that model, the k-th is cast with frequency
proportional to 1/k (Zipf), and the million papers are drawn from them in random order. That is
the shape of a real ward: in Glasgow Linn 2007 (9,567 ballots, 2,522 distinct rankings) the top
10 rankings are 33% of the ballots, the top 100 60% and the top 1,000 84%; the report prints the
same shares for the generated file. Its ballots are shorter than Linn's (2.5 candidates ranked
on average, against 3.1; 35% rank one candidate only, against 23%), which spares the peers'
counts transfers: the comparison leans their way.
Before the timed rounds each tool runs once on a small file, so that every run reads its compiled
bytecode as any second run does (PYTHONDONTWRITEBYTECODE is removed from the children's
environment). Prints a Markdown report; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261126
POOL_DRAWS = 8_000
ZIPF = 1.0
MEAN_LENGTH = 4


def ballot_file(path: Path, ballots: int, n_candidates: int, seats: int, seed: int) -> dict:
    """Write a seeded BLT file of `ballots` papers; return the shares of its commonest rankings."""
    import numpy as np

    rng = np.random.default_rng(seed)
    strength = rng.uniform(0.2, 1.0, n_candidates)
    noise = rng.gumbel(size=(POOL_DRAWS, n_candidates))
    orders = np.argsort(-(np.log(strength) + noise), axis=1)
    lengths = np.minimum(rng.geometric(1 / MEAN_LENGTH, POOL_DRAWS), n_candidates)
    pool = sorted({tuple(int(c) for c in o[:k]) for o, k in zip(orders, lengths, strict=True)})

    def probability(ranking: tuple[int, ...]) -> float:
        left, value = strength.sum(), 1.0
        for candidate in ranking:
            value *= strength[candidate] / left
            left -= strength[candidate]
        return value * (1 - 1 / MEAN_LENGTH) ** (len(ranking) - 1)

    pool.sort(key=probability, reverse=True)
    frequency = np.arange(1, len(pool) + 1) ** -ZIPF
    drawn = rng.choice(len(pool), size=ballots, p=frequency / frequency.sum())
    lines = ["1 " + "".join(f"{c + 1} " for c in ranking) + "0" for ranking in pool]
    text = [f"{n_candidates} {seats}", *(lines[k] for k in drawn.tolist()), "0"]
    text += [f'"Candidate {k + 1}"' for k in range(n_candidates)] + ['"Benchmark election"']
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    counts = np.sort(np.bincount(drawn, minlength=len(pool)))[::-1]
    ranked = np.array([len(ranking) for ranking in pool])[drawn]
    return {
        "distinct": int((counts > 0).sum()),
        "mean_length": float(ranked.mean()),
        "one_only": float((ranked == 1).mean()),
        "bytes": path.stat().st_size,
        "shares": {k: float(counts[:k].sum() / ballots) for k in (1, 10, 100, 1000)},
    }


Read = tuple[list[str], list[tuple[int, list[int]]]]  # names, and (weight, ranking) per line


def read_plain_blt(path: str) -> Read:
    """Names and (weight, ranking) of every ballot line of a plain BLT file, one line at a time."""
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    n_candidates = int(lines[0].split()[0])
    end = lines.index("0", 1)
    ballots = []
    for line in lines[1:end]:
        weight, *ranking, _ = map(int, line.split())
        ballots.append((weight, [c - 1 for c in ranking]))
    names = [line.strip().strip('"') for line in lines[end + 1 : end + 1 + n_candidates]]
    return names, ballots


def read_with_ours(path: str) -> Read:
    """Names and (weight, ranking) of each distinct ranking, read by Groundwork's `read_blt`."""
    sys.path.insert(0, str(ROOT))
    from groundwork.democracy.counting.blt import read_blt

    election = read_blt(path)
    assert isinstance(election.ballots, tuple)
    return list(election.candidates), [(b.weight, list(b.ranking)) for b in election.ballots]


def pyrankvote_count(
    path: str, seats: int, reader: Callable[[str], Read] = read_plain_blt
) -> list[int]:
    """pyrankvote's STV from the file. It has no weights: a ballot of weight w is w papers."""
    import pyrankvote
    from pyrankvote import Ballot, Candidate

    names, read = reader(path)
    candidates = [Candidate(name) for name in names]
    ballots: list[Ballot] = []
    for weight, ranking in read:
        if reader is read_plain_blt:  # one Ballot per paper, as pyrankvote's examples make them
            ballots += [Ballot([candidates[c] for c in ranking]) for _ in range(weight)]
        else:  # one Ballot per distinct ranking, the same object for each of its papers
            ballots += [Ballot([candidates[c] for c in ranking])] * weight
    result = pyrankvote.single_transferable_vote(candidates, ballots, number_of_seats=seats)
    return sorted(names.index(c.name) for c in result.get_winners())


def votelib_count(path: str, seats: int) -> list[int]:
    """votelib's STV (Droop quota, Gregory transfers) from the file, on the distinct rankings."""
    from votelib.evaluate.sequential import TransferableVoteSelector

    names, read = read_with_ours(path)
    votes = {tuple(names[c] for c in ranking): weight for weight, ranking in read}
    selector = TransferableVoteSelector(quota_function="droop", transferer="Gregory")
    return sorted(names.index(name) for name in selector.evaluate(votes, seats))


PEERS = {
    "pyrankvote-plain": pyrankvote_count,
    "pyrankvote-ours": lambda path, seats: pyrankvote_count(path, seats, read_with_ours),
    "votelib-ours": votelib_count,
}
LABELS = {
    "groundwork": "groundwork: `python -m groundwork.democracy.counting stv-scottish`",
    "pyrankvote-plain": "pyrankvote 2.0.6 STV, plain reader (line by line, a Ballot per paper)",
    "pyrankvote-ours": "pyrankvote 2.0.6 STV, our reader (`read_blt`; a Ballot per distinct "
    "ranking, shared by its papers)",
    "votelib-ours": "votelib 0.4.0 STV (Droop, Gregory), our reader (distinct rankings, weighted)",
}


def command(tool: str, path: Path) -> list[str]:
    if tool == "groundwork":
        return [sys.executable, "-m", "groundwork.democracy.counting", "stv-scottish", str(path)]
    return [sys.executable, str(Path(__file__).resolve()), "--peer", tool, str(path)]


def run(tool: str, path: Path, seats: int, environment: dict) -> tuple[float, str]:
    """Run one tool as its own process; its wall time and the candidates it elected (or why not)."""
    start = time.perf_counter()
    done = subprocess.run(
        [*command(tool, path), "--seats", str(seats)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=1800,
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        return seconds, "failed: " + done.stderr.strip().splitlines()[-1]
    if tool != "groundwork":
        return seconds, str(json.loads(done.stdout))
    names = done.stdout.strip().splitlines()[-1].removeprefix("Elected: ").split(", ")
    return seconds, str(sorted(int(name.removeprefix("Candidate ")) - 1 for name in names))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=12)
    parser.add_argument("--seats", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the ballot file here and keep it")
    parser.add_argument("--peer", choices=PEERS, help=argparse.SUPPRESS)
    parser.add_argument("file", nargs="?", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.peer:
        print(json.dumps(PEERS[arguments.peer](arguments.file, arguments.seats)))
        return
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    tools = ["groundwork", *PEERS]
    with tempfile.TemporaryDirectory() as folder:
        path = arguments.keep or Path(folder) / "ballots.blt"
        made = ballot_file(path, arguments.ballots, arguments.candidates, arguments.seats, SEED)
        warm_up = Path(folder) / "warm-up.blt"
        ballot_file(warm_up, 1_000, arguments.candidates, arguments.seats, SEED)
        for tool in tools:
            run(tool, warm_up, arguments.seats, environment)
        load_before = os.getloadavg()
        times: dict[str, list[float]] = {tool: [] for tool in tools}
        outcomes: dict[str, set[str]] = {tool: set() for tool in tools}
        for round_number in range(arguments.rounds):
            turn = round_number % len(tools)
            for tool in tools[turn:] + tools[:turn]:
                seconds, outcome = run(tool, path, arguments.seats, environment)
                times[tool].append(seconds)
                outcomes[tool].add(outcome)
        load_after = os.getloadavg()
    print(report(arguments, made, times, outcomes, (load_before[0], load_after[0])))


def report(
    arguments: argparse.Namespace,
    made: dict,
    times: dict[str, list[float]],
    outcomes: dict[str, set[str]],
    load: tuple[float, float],
) -> str:
    shares = ", ".join(f"top {k:,}: {share:.0%}" for k, share in made["shares"].items())
    ours = statistics.median(times["groundwork"])
    lines = [
        f"{arguments.ballots:,} ballots, {arguments.candidates} candidates, {arguments.seats} "
        f"seats; {made['distinct']:,} distinct rankings ({shares} of the ballots); "
        f"{made['mean_length']:.2f} candidates ranked on average, {made['one_only']:.0%} of the "
        f"ballots rank one only; {made['bytes'] / 1e6:.1f} MB. {arguments.rounds} rounds, each tool once per round, "
        f"from process start to exit. Load average {load[0]:.1f} before, {load[1]:.1f} after.",
        "",
        "| whole path from the file | median s | range s | median / ours | elected (0-based) |",
        "|---|---:|---:|---:|---|",
    ]
    for tool, seconds in times.items():
        median = statistics.median(seconds)
        lines.append(
            f"| {LABELS[tool]} | {median:.2f} | {min(seconds):.2f}-{max(seconds):.2f} | "
            f"{median / ours:.1f}x | {' / '.join(sorted(outcomes[tool]))} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
