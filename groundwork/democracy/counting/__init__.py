"""Vote counting for Groundwork: pure functions over plain dataclasses, no Django, no ORM.

Methods: `decide_majority` (yes/no/abstain with quorum and threshold), `count_approval`,
`count_irv` (alternative vote), `count_scottish_stv` (Scottish Local Government Elections Order
2007, the default for multi-seat elections), `count_meek_stv` (Meek as in droop's reference
implementation), `count_schulze` (Condorcet with Schulze completion, Debian constitution A.6).
Readers: `read_election` (BLT with its dialects, Debian tally sheets, PrefLib .soi/.soc/.toc);
BLT files are read with identical ballots merged (`read_blt`, `parse_blt_grouped`), or one
ballot per line (`parse_blt`).
Output: `to_json`, `render_table` and `write_blt` (the ballots as BLT, for anyone to recount). Command line: `python -m groundwork.democracy.counting`.
Ties: every tie a count breaks is in the result's `ties` (`Tie`); "lot" is the Election's
`lot_order`, else the order `draw_lot` draws from its public `lot_seed` (SHA-256 of "SEED:NUMBER",
which anyone can repeat with sha256sum), else the ballot paper's order.

Why our own counter rather than pref_voting (checked 2026-11 with pref_voting 1.18.2):
- pref_voting's `stv_scottish` elected the same councillors as the official count in the three
  Glasgow 2007 wards tried (Linn, Anderston/City, Govan; 0.04-0.15 s each on grouped ballots),
  but it returns only the set of winners: no stages, no transfer values, no non-transferable
  totals, so it cannot be checked against, or print, an official stage report. It computes in
  floating point with an epsilon rather than in exact 5-place fixed point, and breaks "lot" ties
  with Python's `random`.
- It is slow at scale: 85-220 µs per ballot on 100,000 ranked ballots (two runs on a noisy
  machine; most of it building its profile), 100-300x slower than this package; see
  bench/RESULTS.md.
- pref_voting 1.18.2 depends on numba, which needs numpy < 2.4, while Groundwork pins numpy
  2.5.5: it cannot even be installed next to the application.
So the counters here are written for exactness first (integer fixed point, every stage matching
droop's reference reports and Glasgow's official report digit for digit) and speed second (numpy
over grouped ballots: a million Scottish STV ballots in well under a second).
"""

from .blt import parse_blt, parse_blt_grouped, read_blt, write_blt
from .irv import count_irv
from .lot import draw_lot, lot_hash
from .meek import count_meek_stv
from .model import (
    Ballot,
    Counter,
    CountingError,
    CountResult,
    Election,
    MajorityResult,
    RankingMatrix,
    SchulzeResult,
    Stage,
    Tie,
    format_units,
)
from .render import render_table, to_data, to_json
from .schulze import condorcet_winner, count_schulze, pairwise_matrix
from .scottish import count_scottish_stv
from .simple import SIMPLE_MAJORITY, TWO_THIRDS, count_approval, decide_majority
from .tallies import parse_debian_tally, parse_preflib, read_election, read_majority_tally

__all__ = [
    "SIMPLE_MAJORITY",
    "TWO_THIRDS",
    "Ballot",
    "CountResult",
    "Counter",
    "CountingError",
    "Election",
    "MajorityResult",
    "RankingMatrix",
    "SchulzeResult",
    "Stage",
    "Tie",
    "condorcet_winner",
    "count_approval",
    "count_irv",
    "count_meek_stv",
    "count_schulze",
    "count_scottish_stv",
    "decide_majority",
    "draw_lot",
    "format_units",
    "lot_hash",
    "pairwise_matrix",
    "parse_blt",
    "parse_blt_grouped",
    "parse_debian_tally",
    "parse_preflib",
    "read_blt",
    "read_election",
    "read_majority_tally",
    "render_table",
    "to_data",
    "to_json",
    "write_blt",
]
