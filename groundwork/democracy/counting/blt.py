"""Read and write BLT ballot files (the format of OpenSTV, droop, eSTV exports and council open data).

Dialects handled, because real files use all of them: a UTF-8 byte-order mark; tabs; `#` comments;
a line of negative numbers after the header for withdrawn candidates; droop's bracketed options
(`[withdrawn 4]`, `[tie 3 2 1]` for the lot order, `[nick a b c]` for names in ballots, `[droop
...]` which is ignored); names quoted with CSV-style doubled quotes (a quote inside a name written twice) or
not quoted at all; a missing newline at the end; ballot weights; `=` for equal rankings (kept as ties, refused later
by the methods that cannot count them).

Two readers of the same format: `parse_blt` keeps one Ballot per ballot line, in the file's order;
`parse_blt_grouped` (what `read_blt` and the command line use) merges identical ballots, adding
their weights, and reads a million-ballot file in a fraction of a second, because identical lines
are most of a real file and each distinct line is read once. Every count gives the same result
from either.

`write_blt` writes the plain dialect every counter reads (OpenSTV, droop, eSTV, this reader):
weights, `=` for equal rankings, a negative line for withdrawn candidates, `[tie ...]` for a lot
order (given, or drawn from a seed), and every name and the title in double quotes with a quote inside written twice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Ballot, CountingError, Election, RankingMatrix

_QUOTED = re.compile(r'"((?:[^"]|"")*)"')

Lines = list[tuple[int, str]]  # (line number from 1, the line without its comment and spaces)


def read_blt(path: str | Path) -> Election:
    """Read a BLT file as `parse_blt_grouped` does, raising CountingError with the line of any fault."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CountingError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older exports are Latin-1; every byte decodes, so names survive rather than fail.
        text = raw.decode("latin-1")
    return parse_blt_grouped(text, source=str(path))


def _strip_comment(line: str) -> str:
    """Drop a `#` comment that is not inside a quoted name."""
    if "#" not in line:
        return line
    in_quotes = False
    for position, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == "#" and not in_quotes:
            return line[:position]
    return line


def _content(lines: Iterable[str], first_number: int = 1) -> Lines:
    """The lines that say something, numbered, without comments and surrounding spaces."""
    numbered = (
        (number, _strip_comment(line).strip()) for number, line in enumerate(lines, first_number)
    )
    return [(number, line) for number, line in numbered if line]


@dataclass(frozen=True)
class _Head:
    """What the header and the option lines before the ballots declare."""

    n_candidates: int
    seats: int
    options: dict[str, list[str]]
    withdrawn: frozenset[int]
    nicknames: dict[str, int]
    length: int  # how many lines of `lines` the header and options take


def parse_blt(text: str, source: str = "BLT") -> Election:
    """Parse the text of a BLT file: one Ballot per ballot line, in the file's order."""
    lines = _content(text.lstrip("\ufeff").splitlines())
    if not lines:
        raise CountingError(f"{source}: the file is empty")
    head = _read_head(lines, source)
    ballots, index = _read_ballots(lines, head, source)
    return _election(head, ballots, lines[index:], source)


def parse_blt_grouped(text: str, source: str = "BLT") -> Election:
    """Parse the text of a BLT file into the ballots of `parse_blt` with identical ones merged.

    The same candidates, seats, options and errors as `parse_blt`; the same ballots as a multiset,
    one Ballot per distinct ranking (with its equal rankings) carrying the sum of their weights,
    in the order each first appears. Every line of the ballots is still read: distinct lines are
    counted first (in C, by `Counter`), then each is parsed once.
    """
    try:
        return _read_grouped(text.lstrip("\ufeff").splitlines(), source)
    except _Unusual:
        # The line-by-line reader reads every dialect and names the line of any fault; it is
        # slower, and only unusual or faulty files need it.
        election = parse_blt(text, source)
        assert not isinstance(election.ballots, RankingMatrix)
        rows = ((b.ranking, b.tied_positions, b.weight) for b in election.ballots)
        return replace(election, ballots=_merge(rows))


class _Unusual(Exception):
    """The quick reader met something it leaves to the line-by-line reader."""


def _read_grouped(raw: list[str], source: str) -> Election:
    """The quick way through the ballots, for files whose ballots end with a plain `0` line."""
    lines, first = _head_lines(raw)
    if first < 0:
        raise _Unusual  # no ballots: the line-by-line reader says what is missing
    try:
        end = raw.index("0", first)
    except ValueError:
        raise _Unusual from None  # no plain end: another spelling, or none at all
    head = _read_head(lines, source)
    rows: list[tuple[tuple[int, ...], frozenset[int], int]] = []
    for line, copies in Counter(raw[first:end]).items():
        content = _strip_comment(line).strip()
        if not content:
            continue
        tokens = _ballot_tokens(content)
        if tokens == ["0"]:
            raise _Unusual  # the ballots end earlier, spelled otherwise ("0 # end")
        row = _plain_ballot(tokens, head)
        if row is None:
            try:
                ballot = _ballot(tokens, head, source, number=0)
            except CountingError:
                raise _Unusual from None  # a fault: the line-by-line reader knows its line
            row = ballot.ranking, ballot.tied_positions, ballot.weight
        rows.append((row[0], row[1], row[2] * copies))
    return _election(head, _merge(rows), _content(raw[end + 1 :], end + 2), source)


def _head_lines(raw: list[str]) -> tuple[Lines, int]:
    """The header and option lines at the top, and the index in `raw` of the first ballot line
    (-1 if there is none)."""
    head: Lines = []
    for index, line in enumerate(raw):
        content = _strip_comment(line).strip()
        if not content:
            continue
        if head and not content.startswith(("[", "-")):
            return head, index
        head.append((index + 1, content))
    return head, -1


def _merge(rows: Iterable[tuple[tuple[int, ...], frozenset[int], int]]) -> tuple[Ballot, ...]:
    """One Ballot per distinct (ranking, equal positions), weights added, in order of first sight."""
    weights: dict[tuple[tuple[int, ...], frozenset[int]], int] = {}
    for ranking, tied, weight in rows:
        key = (ranking, tied)
        weights[key] = weights.get(key, 0) + weight
    return tuple(Ballot(ranking, weight, tied) for (ranking, tied), weight in weights.items())


def _read_head(lines: Lines, source: str) -> _Head:
    """Read the header ('CANDIDATES SEATS') and the withdrawn and option lines after it."""
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
    while index < len(lines) and lines[index][1].startswith(("[", "-")):
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
    return _Head(n_candidates, seats, options, frozenset(withdrawn), nicknames, index)


def _election(head: _Head, ballots: Iterable[Ballot], lines: Lines, source: str) -> Election:
    """The election, from its head, its ballots and the lines of names after the ballots."""
    names, title = _read_names(lines, head.n_candidates, source)
    lot_order = None
    if "tie" in head.options:
        lot_order = tuple(
            _candidate(t, head.n_candidates, source, 0, head.nicknames) for t in head.options["tie"]
        )
        if sorted(lot_order) != list(range(head.n_candidates)):
            raise CountingError(f"{source}: the [tie] order must list every candidate once")
    return Election(
        candidates=tuple(names),
        ballots=tuple(ballots),
        seats=head.seats,
        withdrawn=head.withdrawn,
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


def _read_ballots(lines: Lines, head: _Head, source: str) -> tuple[list[Ballot], int]:
    """Read ballot lines up to the lone 0 that ends them; return the ballots and the next line."""
    ballots: list[Ballot] = []
    index = head.length
    while index < len(lines):
        number, line = lines[index]
        index += 1
        tokens = _ballot_tokens(line)
        if tokens == ["0"]:
            return ballots, index
        ballots.append(_ballot(tokens, head, source, number))
    raise CountingError(f"{source}: the ballots never end (no line holding a lone 0)")


def _ballot_tokens(line: str) -> list[str]:
    """The words of a ballot line, without the ballot id some exporters put first."""
    tokens = line.split()
    if tokens[0].startswith("("):
        return tokens[1:]
    return tokens


def _ballot(tokens: list[str], head: _Head, source: str, number: int) -> Ballot:
    """One ballot from the words of its line: weight, candidates (`=` for equal ones), 0."""
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
            candidate = _candidate(part, head.n_candidates, source, number, head.nicknames)
            if candidate in ranking:
                raise CountingError(
                    f"{source}, line {number}: candidate {candidate + 1} is ranked twice "
                    "on one ballot"
                )
            if offset:
                tied.add(len(ranking))
            ranking.append(candidate)
    return Ballot(tuple(ranking), weight, frozenset(tied))


_NO_TIES: frozenset[int] = frozenset()


def _plain_ballot(
    tokens: list[str], head: _Head
) -> tuple[tuple[int, ...], frozenset[int], int] | None:
    """(ranking, equal positions, weight) of a line of numbers that is a valid ballot as it
    stands, read the quick way; None for any other line, which `_ballot` reads or refuses."""
    if head.nicknames:  # a nickname may be a number that means another candidate
        return None
    try:
        numbers = list(map(int, tokens))
    except ValueError:
        return None
    if len(numbers) < 2 or numbers[0] < 1 or numbers[-1] != 0:
        return None
    marks = numbers[1:-1]
    if marks and not (
        min(marks) > 0 and max(marks) <= head.n_candidates and len(set(marks)) == len(marks)
    ):
        return None
    return tuple([mark - 1 for mark in marks]), _NO_TIES, numbers[0]


def _read_names(lines: Lines, n_candidates: int, source: str) -> tuple[list[str], str]:
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
    default option has no place in BLT and is not written. A lot order, given or drawn from the
    election's `lot_seed`, is written as a `[tie ...]` line (the seed itself has no place in BLT).
    """
    lines = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        lines.append(" ".join(f"-{candidate + 1}" for candidate in sorted(election.withdrawn)))
    if election.lot_order is not None or election.lot_seed is not None:
        # The order drawn from a seed is written out, so the file alone recounts the same.
        lines.append("[tie " + " ".join(str(c + 1) for c in election.lot_order_used()) + "]")
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
