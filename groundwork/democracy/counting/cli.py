"""Command line: `python -m groundwork.democracy.counting METHOD FILE [--seats N] [--json]
[--lot-seed SEED]`.

`--lot-seed SEED` draws the lot order from a public seed (lot.py): candidates in increasing
order of the SHA-256 of "SEED:NUMBER". A file whose `[tie ...]` line already gives a lot order
must give that same order, so that a published file and its seed cannot disagree unnoticed.
Every tie broken is printed below the table, and is in the JSON output (`ties`, `lot`).

For `schulze`, `--quorum Q` and `--majority N:M` apply the Debian constitution's quorum (A.6 (2))
and supermajority (A.6 (3)) against the file's default option ("None of the above"): an option
stays if at least Q votes rank it above the default option, and if M x V(A,D) >= N x V(D,A) with
V(A,D) > V(D,A) (met exactly is enough since the 2015 amendment). Debian's own quorum is 3Q,
1.5 x the square root of the number of developers, not rounded (4.2 (4), 4.2 (7)).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from fractions import Fraction

from .irv import count_irv
from .lot import draw_lot
from .meek import count_meek_stv
from .model import Counter, CountingError, CountResult, Election, MajorityResult, SchulzeResult
from .render import render_table, to_json
from .schulze import count_schulze
from .scottish import count_scottish_stv
from .simple import count_approval, decide_majority
from .tallies import read_election, read_majority_tally

METHODS = ("majority", "approval", "irv", "stv-scottish", "stv-meek", "schulze")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m groundwork.democracy.counting",
        description="Count a vote from a BLT file, a Debian tally sheet, a PrefLib file "
        "(.soi/.soc/.toc) or, for `majority`, a 'yes: / no: / abstain: / "
        "electorate: / quorum: / threshold:' tally.",
    )
    parser.add_argument("method", choices=METHODS)
    parser.add_argument("file")
    parser.add_argument("--seats", type=int, help="seats to fill (default: as in the file)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--lot-seed",
        metavar="SEED",
        help="draw the lot order that breaks ties from this public seed: the candidates in "
        "increasing order of the SHA-256 of 'SEED:NUMBER', NUMBER being each one's place on the "
        "ballot paper from 1 (printf '%%s' 'SEED:1' | sha256sum)",
    )
    parser.add_argument(
        "--quorum",
        metavar="Q",
        help="schulze: an option is dropped unless at least Q votes rank it above the default "
        "option (Debian constitution A.6 (2)); a number such as 40 or 93.53 (Debian's 3Q is "
        "1.5 x the square root of the number of developers, not rounded)",
    )
    parser.add_argument(
        "--majority",
        metavar="N:M",
        help="schulze: the majority every option needs over the default option D, such as 3:1 "
        "for a constitutional amendment (A.6 (3)): A stays if M x V(A,D) >= N x V(D,A) and "
        "V(A,D) > V(D,A), so exactly N:M is enough; default 1:1",
    )
    return parser


def _quorum(text: str) -> Fraction:
    try:
        quorum = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise CountingError(
            f"--quorum must be a number of votes, such as 40 or 93.53; got {text!r}"
        ) from None
    if quorum < 0:
        raise CountingError("--quorum cannot be negative")
    return quorum


def _majority(text: str) -> Fraction:
    match = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", text)
    if not match or int(match.group(2)) == 0:
        raise CountingError(f"--majority must be a ratio N:M such as 3:1 or 2:1; got {text!r}")
    ratio = Fraction(int(match.group(1)), int(match.group(2)))
    if ratio < 1:
        raise CountingError(
            "--majority below 1:1 would let an option win with fewer votes than against it"
        )
    return ratio


def _count_schulze(
    election: Election, quorum: Fraction | None, ratio: Fraction | None
) -> SchulzeResult:
    """Schulze, with the quorum and the majority ratio against the file's default option."""
    if quorum is None and ratio is None:
        return count_schulze(election)
    if election.default_option is None:
        raise CountingError(
            "--quorum and --majority are measured against the default option, and this file has "
            "none (an option named 'None of the above' or 'Further discussion')"
        )
    ratios = None if ratio is None else dict.fromkeys(range(len(election.candidates)), ratio)
    return count_schulze(election, majority_ratio=ratios, quorum=quorum)


def _seeded(election: Election, seed: str) -> Election:
    """The election with its lot drawn from `seed`; refused if the file's [tie] line differs."""
    if not seed.strip():
        raise CountingError("--lot-seed must not be empty: the lot would be nobody's draw")
    drawn = draw_lot(seed, len(election.candidates))
    if election.lot_order and election.lot_order_used() != drawn:

        def numbers(order: tuple[int, ...]) -> str:
            return " ".join(str(c + 1) for c in order)

        raise CountingError(
            f"the file's [tie] line orders the candidates {numbers(election.lot_order_used())}, "
            f"but the seed {seed!r} draws {numbers(drawn)}: leave out --lot-seed to use the file's "
            "order, or remove its [tie] line to use the seed's"
        )
    return dataclasses.replace(election, lot_seed=seed)


def run(argv: list[str]) -> str:
    """Count as the arguments say and return the text to print; CountingError on bad input."""
    arguments = _parser().parse_args(argv)
    quorum = None if arguments.quorum is None else _quorum(arguments.quorum)
    ratio = None if arguments.majority is None else _majority(arguments.majority)
    if arguments.method != "schulze" and (quorum is not None or ratio is not None):
        raise CountingError(
            "--quorum and --majority are for schulze; a majority tally gives its quorum and "
            "threshold in the file"
        )
    if arguments.method == "majority" and arguments.lot_seed is not None:
        raise CountingError("--lot-seed is for ranked and approval counts; a majority has no lot")
    result: CountResult | SchulzeResult | MajorityResult
    if arguments.method == "majority":
        tally = read_majority_tally(arguments.file)
        result = decide_majority(
            yes=int(tally["yes"]),
            no=int(tally["no"]),
            abstain=int(tally.get("abstain", 0)),
            electorate=int(tally["electorate"]),
            quorum=Fraction(tally.get("quorum", 0)),
            threshold=Fraction(tally.get("threshold", Fraction(1, 2))),
        )
    else:
        election = read_election(arguments.file)
        if arguments.seats is not None:
            if arguments.seats < 1:
                raise CountingError("--seats must be at least 1")
            election = dataclasses.replace(election, seats=arguments.seats)
        if arguments.lot_seed is not None:
            election = _seeded(election, arguments.lot_seed)
        counters: dict[str, Counter] = {
            "approval": count_approval,
            "irv": count_irv,
            "stv-scottish": count_scottish_stv,
            "stv-meek": count_meek_stv,
            "schulze": lambda election: _count_schulze(election, quorum, ratio),
        }
        result = counters[arguments.method](election)
    return to_json(result) + "\n" if arguments.json else render_table(result)


def main(argv: list[str] | None = None) -> int:
    """Entry point: print the result, or one clear message and exit status 2."""
    try:
        output = run(sys.argv[1:] if argv is None else argv)
    except CountingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(output)
    return 0
