"""Command line: `python -m groundwork.democracy.counting METHOD FILE [--seats N] [--json]`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from fractions import Fraction

from .irv import count_irv
from .meek import count_meek_stv
from .model import CountingError
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
    return parser


def run(argv: list[str]) -> str:
    """Count as the arguments say and return the text to print; CountingError on bad input."""
    arguments = _parser().parse_args(argv)
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
        counters = {
            "approval": count_approval,
            "irv": count_irv,
            "stv-scottish": count_scottish_stv,
            "stv-meek": count_meek_stv,
            "schulze": count_schulze,
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
