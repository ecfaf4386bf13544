"""Read and write BLT ballot files (the format of OpenSTV, droop, eSTV exports and council open data).

Dialects handled, because real files use all of them: a UTF-8 byte-order mark; tabs; `#` comments;
a line of negative numbers after the header for withdrawn candidates; droop's bracketed options
(`[withdrawn 4]`, `[tie 3 2 1]` for the lot order, `[nick a b c]` for names in ballots, `[droop
...]` which is ignored); names quoted with CSV-style doubled quotes (a quote inside a name written twice) or
not quoted at all; a missing newline at the end; ballot weights; `=` for equal rankings (kept as ties, refused later
by the methods that cannot count them).

`write_blt` writes the plain dialect every counter reads (OpenSTV, droop, eSTV, this reader):
weights, `=` for equal rankings, a negative line for withdrawn candidates, `[tie ...]` for a lot
order, and every name and the title in double quotes with a quote inside written twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from .model import Ballot, CountingError, Election, RankingMatrix

_QUOTED = re.compile(r'"((?:[^"]|"")*)"')


def read_blt(path: str | Path) -> Election:
    """Read a BLT file into an Election, raising CountingError with the line of any fault."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CountingError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older exports are Latin-1; every byte decodes, so names survive rather than fail.
        text = raw.decode("latin-1")
    return parse_blt(text, source=str(path))


def _strip_comment(line: str) -> str:
    """Drop a `#` comment that is not inside a quoted name."""
    in_quotes = False
    for position, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == "#" and not in_quotes:
            return line[:position]
    return line


def parse_blt(text: str, source: str = "BLT") -> Election:
    """Parse the text of a BLT file."""
    lines = [
        (number, _strip_comment(line).strip())
        for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
    ]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        raise CountingError(f"{source}: the file is empty")
    number, header = lines[0]
    try:
        n_candidates, seats = (int(token) for token in header.split())
    except ValueError:
        raise CountingError(
            f"{source}, line {number}: the first line must be 'CANDIDATES SEATS', found {header!r}"
        ) from None
    if n_candidates < 1 or seats < 1:
        raise CountingError(f"{source}, line {number}: need at least one candidate and one seat")
    options: dict[str, list[str]] = {}
    withdrawn: set[int] = set()
    index = 1
    while index < len(lines) and (
        lines[index][1].startswith("[") or lines[index][1].startswith("-")
    ):
        number, line = lines[index]
        if line.startswith("["):
            words = line.strip("[]").split()
            if not words or words[0] not in ("withdrawn", "tie", "nick", "droop"):
                raise CountingError(f"{source}, line {number}: unknown option {line!r}")
            options[words[0]] = words[1:]
        else:
            for token in line.split():
                withdrawn.add(_candidate(token.lstrip("-"), n_candidates, source, number, {}))
        index += 1
    nicknames = {nick: k for k, nick in enumerate(options.get("nick", []))}
    for token in options.get("withdrawn", []):
        withdrawn.add(_candidate(token, n_candidates, source, number, nicknames))
    ballots, index = _read_ballots(lines, index, n_candidates, nicknames, source)
    names, title = _read_names(lines[index:], n_candidates, source)
    lot_order = None
    if "tie" in options:
        lot_order = tuple(_candidate(t, n_candidates, source, 0, nicknames) for t in options["tie"])
        if sorted(lot_order) != list(range(n_candidates)):
            raise CountingError(f"{source}: the [tie] order must list every candidate once")
    return Election(
        candidates=tuple(names),
        ballots=tuple(ballots),
        seats=seats,
        withdrawn=frozenset(withdrawn),
        title=title,
        lot_order=lot_order,
    )


def _candidate(
    token: str, n_candidates: int, source: str, number: int, nicknames: dict[str, int]
) -> int:
    """Turn a 1-based index or a nickname into a 0-based candidate index."""
    if token in nicknames:
        return nicknames[token]
    try:
        value = int(token)
    except ValueError:
        raise CountingError(
            f"{source}, line {number}: {token!r} is not a candidate number"
        ) from None
    if not 1 <= value <= n_candidates:
        raise CountingError(
            f"{source}, line {number}: unknown candidate {value}; "
            f"the header declares {n_candidates} candidates"
        )
    return value - 1


def _read_ballots(
    lines: list[tuple[int, str]],
    index: int,
    n_candidates: int,
    nicknames: dict[str, int],
    source: str,
) -> tuple[list[Ballot], int]:
    """Read ballot lines up to the lone 0 that ends them; return the ballots and the next line."""
    ballots: list[Ballot] = []
    while index < len(lines):
        number, line = lines[index]
        index += 1
        tokens = line.split()
        if tokens[0].startswith("("):  # some exporters put a ballot id first
            tokens = tokens[1:]
        if tokens == ["0"]:
            return ballots, index
        try:
            weight = int(tokens[0])
        except ValueError:
            raise CountingError(
                f"{source}, line {number}: a ballot must start with its weight, found {tokens[0]!r}"
            ) from None
        if weight < 1:
            raise CountingError(f"{source}, line {number}: ballot weight {weight} is not positive")
        if tokens[-1] != "0":
            raise CountingError(f"{source}, line {number}: a ballot must end with 0")
        ranking: list[int] = []
        tied: set[int] = set()
        for token in tokens[1:-1]:
            if token == "-":  # a skipped rank: the next preference follows on
                continue
            for offset, part in enumerate(token.split("=")):
                candidate = _candidate(part, n_candidates, source, number, nicknames)
                if candidate in ranking:
                    raise CountingError(
                        f"{source}, line {number}: candidate {candidate + 1} is ranked twice "
                        "on one ballot"
                    )
                if offset:
                    tied.add(len(ranking))
                ranking.append(candidate)
        ballots.append(Ballot(tuple(ranking), weight, frozenset(tied)))
    raise CountingError(f"{source}: the ballots never end (no line holding a lone 0)")


def _read_names(
    lines: list[tuple[int, str]], n_candidates: int, source: str
) -> tuple[list[str], str]:
    """Read the candidate names and the optional title that follow the ballots."""
    names: list[str] = []
    for _number, line in lines:
        quoted = _QUOTED.findall(line)
        if quoted and line.startswith('"'):
            names.extend(part.replace('""', '"') for part in quoted)
        else:
            names.append(line)
    if len(names) < n_candidates:
        raise CountingError(
            f"{source}: the header declares {n_candidates} candidates but only "
            f"{len(names)} names follow the ballots"
        )
    if len(names) > n_candidates + 1:
        raise CountingError(
            f"{source}: {len(names) - n_candidates - 1} lines too many after the names and title"
        )
    title = names[n_candidates] if len(names) > n_candidates else ""
    return names[:n_candidates], title


def write_blt(election: Election) -> str:
    """The election as BLT text that `parse_blt` reads back to the same candidates and ballots.

    A line break in a name or the title becomes a space (BLT is one name per line). The Condorcet
    default option has no place in BLT and is not written.
    """
    lines = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        lines.append(" ".join(f"-{candidate + 1}" for candidate in sorted(election.withdrawn)))
    if election.lot_order is not None:
        lines.append("[tie " + " ".join(str(c + 1) for c in election.lot_order) + "]")
    lines.extend(
        f"{weight} {_ranking_tokens(ranking, tied)}0"
        for weight, ranking, tied in _rows(election.ballots)
    )
    lines.append("0")
    lines.extend(_quoted(name) for name in election.candidates)
    lines.append(_quoted(election.title))
    return "\n".join(lines) + "\n"


def _rows(
    ballots: tuple[Ballot, ...] | RankingMatrix,
) -> Iterator[tuple[int, Sequence[int], frozenset[int]]]:
    """(weight, ranking, tied positions) of each ballot, from either form the counters accept."""
    if isinstance(ballots, RankingMatrix):
        for ranking, weight in zip(
            ballots.rankings.tolist(), ballots.weights.tolist(), strict=True
        ):
            yield weight, [c for c in ranking if c >= 0], frozenset()
        return
    for ballot in ballots:
        yield ballot.weight, ballot.ranking, ballot.tied_positions


def _ranking_tokens(ranking: Sequence[int], tied: frozenset[int]) -> str:
    """Candidates numbered from 1, each followed by a space; equal ones joined by `=`."""
    groups: list[str] = []
    for position, candidate in enumerate(ranking):
        if position in tied and groups:
            groups[-1] += f"={candidate + 1}"
        else:
            groups.append(str(candidate + 1))
    return "".join(f"{group} " for group in groups)


def _quoted(text: str) -> str:
    one_line = " ".join(text.splitlines())
    return '"' + one_line.replace('"', '""') + '"'
