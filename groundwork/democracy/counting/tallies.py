"""Read Debian tally sheets, PrefLib `.soi`/`.soc`/`.toc` files and yes/no tallies.

`read_election` picks the reader from the file name or, failing that, from the content, so the
command line takes any of them.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

from .blt import parse_blt_grouped
from .model import Ballot, CountingError, Election

_OPTION = re.compile(r"Option\s+(\d+)\s*-*>\s*:\s*(.*\S)")
_VOTE = re.compile(r"^\s*V:\s*(\S+)", re.MULTILINE)
_PREFLIB_NAME = re.compile(r"#\s*ALTERNATIVE NAME (\d+):\s*(.*)")
_DEFAULT_NAMES = ("none of the above", "further discussion")


def _read_text(path: str | Path) -> str:
    """Read a file as UTF-8 (dropping a byte-order mark), with a readable error."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CountingError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older tally sheets are Latin-1 (Debian 2007); every byte decodes, so names survive.
        return raw.decode("latin-1")


def read_election(path: str | Path) -> Election:
    """Read a BLT, Debian tally or PrefLib file, choosing the reader by name or content."""
    text = _read_text(path)
    suffix = Path(path).suffix.lower()
    if suffix in (".soi", ".soc", ".toc") or text.startswith("# FILE NAME"):
        return parse_preflib(text, source=str(path))
    # The option legend first: its search is ten times faster over a million ballot lines.
    if _OPTION.search(text) and _VOTE.search(text):
        return parse_debian_tally(text, source=str(path))
    return parse_blt_grouped(text, source=str(path))


def _ranking_from_ranks(ranks: dict[int, int]) -> Ballot:
    """Build a ballot from {option: rank}; equal ranks become ties."""
    ordered = sorted(ranks, key=lambda option: (ranks[option], option))
    tied = frozenset(
        p for p in range(1, len(ordered)) if ranks[ordered[p]] == ranks[ordered[p - 1]]
    )
    return Ballot(tuple(ordered), 1, tied)


def parse_debian_tally(text: str, source: str = "tally") -> Election:
    """Parse a Debian devotee tally sheet (`V: 1-2-` lines under an option legend)."""
    names: dict[int, str] = {}
    ballots: list[Ballot] = []
    for number, line in enumerate(text.splitlines(), start=1):
        option = _OPTION.search(line)
        if option and not line.lstrip().startswith("V:"):
            names[int(option.group(1))] = option.group(2)
            continue
        vote = _VOTE.match(line)
        if not vote:
            continue
        marks = vote.group(1)
        if names and len(marks) != len(names):
            raise CountingError(
                f"{source}, line {number}: the vote {marks!r} has {len(marks)} marks "
                f"but the legend lists {len(names)} options"
            )
        ranks: dict[int, int] = {}
        for option_index, mark in enumerate(marks):
            if mark == "-":
                continue  # unranked: below every ranked option (constitution A.6)
            if not mark.isalnum():
                raise CountingError(f"{source}, line {number}: {mark!r} is not a rank")
            # Devotee writes ranks 1-9 and then letters for longer ballots.
            ranks[option_index] = int(mark, 36)
        ballots.append(_ranking_from_ranks(ranks))
    if not names:
        raise CountingError(f"{source}: no option legend ('Option 1--->: Name') found")
    if sorted(names) != list(range(1, len(names) + 1)):
        raise CountingError(f"{source}: the option legend must number options 1..N")
    if not ballots:
        raise CountingError(f"{source}: no 'V:' vote lines found")
    candidates = tuple(names[k] for k in sorted(names))
    return Election(
        candidates=candidates,
        ballots=tuple(ballots),
        seats=1,
        title=Path(source).stem,
        default_option=_find_default(candidates),
    )


def _find_default(candidates: tuple[str, ...]) -> int | None:
    """Index of the 'None of the above' / 'Further discussion' option, if there is one."""
    for index, name in enumerate(candidates):
        if name.strip().lower() in _DEFAULT_NAMES:
            return index
    return None


def parse_preflib(text: str, source: str = "PrefLib") -> Election:
    """Parse a PrefLib file of orders (`.soi`, `.soc`; `.toc` with `{a,b}` ties)."""
    names: dict[int, str] = {}
    title = ""
    ballots: list[Ballot] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            found = _PREFLIB_NAME.match(line)
            if found:
                names[int(found.group(1))] = found.group(2).strip()
            elif line.startswith("# TITLE:"):
                title = line.split(":", 1)[1].strip()
            continue
        if not names:
            raise CountingError(f"{source}: no '# ALTERNATIVE NAME' lines before the orders")
        count_text, separator, order = line.partition(":")
        if not separator:
            raise CountingError(f"{source}, line {number}: expected 'COUNT: a,b,c', found {line!r}")
        try:
            count = int(count_text)
        except ValueError:
            raise CountingError(f"{source}, line {number}: {count_text!r} is not a count") from None
        ballots.append(_preflib_order(order, count, names, source, number))
    if not names:
        raise CountingError(f"{source}: no '# ALTERNATIVE NAME' lines found")
    candidates = tuple(names[k] for k in sorted(names))
    return Election(
        candidates=candidates,
        ballots=tuple(ballots),
        seats=1,
        title=title,
        default_option=_find_default(candidates),
    )


def _preflib_order(
    order: str, count: int, names: dict[int, str], source: str, number: int
) -> Ballot:
    """Parse `1,{2,3},4` into a ballot with ties."""
    ranking: list[int] = []
    tied: set[int] = set()
    for group in re.findall(r"\{[^}]*\}|[^,{}\s]+", order):
        members = group.strip("{}").split(",")
        for offset, member in enumerate(m for m in members if m.strip()):
            try:
                option = int(member)
            except ValueError:
                raise CountingError(
                    f"{source}, line {number}: {member!r} is not an option"
                ) from None
            if option not in names:
                raise CountingError(f"{source}, line {number}: unknown option {option}")
            if option - 1 in ranking:
                raise CountingError(f"{source}, line {number}: option {option} is ranked twice")
            if offset:
                tied.add(len(ranking))
            ranking.append(option - 1)
    return Ballot(tuple(ranking), count, frozenset(tied))


def read_majority_tally(path: str | Path) -> dict[str, int | Fraction]:
    """Read `yes:`, `no:`, `abstain:`, `electorate:`, `quorum:`, `threshold:` lines."""
    values: dict[str, int | Fraction] = {}
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, separator, value = line.partition(":")
        key = key.strip().lower()
        if not separator or key not in (
            "yes",
            "no",
            "abstain",
            "electorate",
            "quorum",
            "threshold",
        ):
            raise CountingError(f"{path}, line {number}: expected 'yes: N' etc., found {line!r}")
        try:
            parsed = Fraction(value.strip())
        except ValueError:
            raise CountingError(
                f"{path}, line {number}: {value.strip()!r} is not a number"
            ) from None
        values[key] = int(parsed) if key in ("yes", "no", "abstain", "electorate") else parsed
    for required in ("yes", "no", "electorate"):
        if required not in values:
            raise CountingError(f"{path}: the tally has no '{required}:' line")
    return values
