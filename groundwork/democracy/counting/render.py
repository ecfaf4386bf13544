"""Results as JSON (one object, stable key order) and as a readable stage-by-stage table.

Every tie the count broke is in `ties` (see `Tie`), and when a lot settled one, `lot` says how the
lot order was drawn: its `seed` (None when the order was given or is the ballot paper's) and the
`order`, each candidate with its number on the ballot paper and, with a seed, the SHA-256 that
placed it (lot.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .lot import lot_hash
from .model import CountResult, MajorityResult, SchulzeResult, format_units

SHOWN_PLACES = 5  # the Scottish Order's precision; Meek values are rounded to it for display


def _shown(result: CountResult) -> int:
    return SHOWN_PLACES if result.method.startswith("stv") else 0


def to_data(result: CountResult | SchulzeResult | MajorityResult) -> dict[str, Any]:
    """The result as plain JSON-ready data."""
    if isinstance(result, MajorityResult):
        return {
            "method": "majority",
            "seats": None,
            "quota": None,
            "elected": [],
            "stages": None,
            "passed": result.passed,
            "quorum_met": result.quorum_met,
            "yes": result.yes,
            "no": result.no,
            "abstain": result.abstain,
            "electorate": result.electorate,
            "quorum": str(result.quorum),
            "threshold": str(result.threshold),
            "reason": result.reason,
        }
    names = result.candidates
    if isinstance(result, SchulzeResult):
        return {
            "method": result.method,
            "seats": 1,
            "quota": None,
            "elected": [] if result.winner is None else [names[result.winner]],
            "stages": None,
            "ranking": [names[c] for c in result.ranking],
            "dropped": [names[c] for c in result.dropped],
            "pairwise": {
                names[a]: {names[b]: result.pairwise[a][b] for b in range(len(names)) if b != a}
                for a in range(len(names))
            },
            "valid_votes": result.valid_votes,
            "notes": list(result.notes),
        } | _ties_data(result, str)
    shown = _shown(result)

    def value(units: int) -> str:
        return format_units(units, result.places, shown)

    stages = [
        {
            "votes": {
                names[c]: value(v) for c, v in enumerate(stage.votes) if c not in result.withdrawn
            },
            "non_transferable": value(stage.non_transferable),
            "lost_to_rounding": value(stage.lost_to_rounding),
            "elected": [names[c] for c in stage.elected],
            "excluded": [names[c] for c in stage.excluded],
            "action": _action(result, stage.kind, stage.subject),
            "notes": list(stage.notes),
        }
        for stage in result.stages
    ]
    return {
        "method": result.method,
        "seats": result.seats,
        "quota": None if result.quota is None else value(result.quota),
        "elected": [names[c] for c in result.elected],
        "stages": stages,
        "valid_votes": result.valid_votes,
        "notes": list(result.notes),
    } | _ties_data(result, value)


def _ties_data(result: CountResult | SchulzeResult, value: Callable[[int], str]) -> dict[str, Any]:
    """`ties`, one object per tie broken, and `lot` when a lot settled any of them."""
    names = result.candidates

    def votes(candidates: tuple[int, ...], units: tuple[int, ...]) -> dict[str, str]:
        """Each candidate's votes; none where the tie was not on votes (Schulze's winners)."""
        if not units:
            return {}
        return {names[c]: value(v) for c, v in zip(candidates, units, strict=True)}

    ties = []
    for tie in result.ties:
        shown = votes(tie.candidates, tie.votes)
        # The votes they were all tied on; None where they differ (Meek: within the surplus).
        equal = next(iter(shown.values())) if len(set(shown.values())) == 1 else None
        ties.append(
            {
                "stage": tie.stage,
                "decision": tie.decision,
                "candidates": [names[c] for c in tie.candidates],
                "votes": shown,
                "equal_votes": equal,
                "settled_by": tie.settled_by,
                "earlier_stage": tie.earlier_stage,
                "earlier_votes": votes(tie.candidates, tie.earlier_votes),
                "drawn_among": [names[c] for c in tie.drawn_among],
                "chosen": [names[c] for c in tie.chosen],
            }
        )
    data: dict[str, Any] = {"ties": ties}
    if any(tie.settled_by == "lot" for tie in result.ties):
        seed = result.lot_seed
        data["lot"] = {
            "seed": seed,
            "order": [
                {
                    "number": c + 1,
                    "name": names[c],
                    "sha256": None if seed is None else lot_hash(seed, c + 1),
                }
                for c in result.lot_order
            ],
        }
    return data


def to_json(result: CountResult | SchulzeResult | MajorityResult) -> str:
    """One JSON object; the same result always gives the same bytes."""
    return json.dumps(to_data(result), ensure_ascii=False, indent=1)


def _action(result: CountResult, kind: str, subject: int | None) -> str:
    if subject is None:
        return kind
    return f"{kind} of {result.candidates[subject]}"


def render_table(result: CountResult | SchulzeResult | MajorityResult) -> str:
    """The result as a plain-text table: one column per stage, one row per candidate."""
    if isinstance(result, MajorityResult):
        return (
            f"Yes {result.yes}  No {result.no}  Abstain {result.abstain}  "
            f"Electorate {result.electorate}\nQuorum {result.quorum}  "
            f"Threshold {result.threshold}\n{result.reason}\n"
        )
    if isinstance(result, SchulzeResult):
        return _schulze_table(result)
    data = to_data(result)
    header = ["Stage"] + [str(k + 1) for k in range(len(data["stages"]))]
    rows = [["Action"] + [s["action"] for s in data["stages"]]]
    for c, name in enumerate(result.candidates):
        if c in result.withdrawn:
            continue
        rows.append([name] + [s["votes"][name] for s in data["stages"]])
    if result.method.startswith("stv") or result.method == "irv":
        rows.append(["Non-transferable"] + [s["non_transferable"] for s in data["stages"]])
    rows.append(["Elected"] + [", ".join(s["elected"]) for s in data["stages"]])
    rows.append(["Excluded"] + [", ".join(s["excluded"]) for s in data["stages"]])
    lines = [
        f"Method: {result.method}   Seats: {result.seats}   Valid votes: "
        f"{result.valid_votes}" + (f"   Quota: {data['quota']}" if data["quota"] else "")
    ]
    lines += _grid([header] + rows)
    lines.append("Elected: " + ", ".join(data["elected"]))
    notes = list(result.notes) + [
        f"stage {k + 1}: {note}" for k, s in enumerate(result.stages) for note in s.notes
    ]
    lines += [f"Note: {note}" for note in notes]
    lines += _tie_lines(data)
    return "\n".join(lines) + "\n"


def _tie_lines(data: dict[str, Any]) -> list[str]:
    """One line per tie broken and, when a lot settled one, how the lot order was drawn."""

    def listed(votes: dict[str, str]) -> str:
        return ", ".join(f"{name} {value}" for name, value in votes.items())

    lines = []
    for tie in data["ties"]:
        where = f"Tie at stage {tie['stage']}" if tie["stage"] else "Tie"
        tied = listed(tie["votes"]) if tie["votes"] else ", ".join(tie["candidates"])
        if tie["settled_by"] == "earlier stage":
            how = f"stage {tie['earlier_stage']} ({listed(tie['earlier_votes'])})"
        else:
            how = "lot among " + ", ".join(tie["drawn_among"])
        chosen = ", ".join(tie["chosen"])
        lines.append(f"{where} for {tie['decision']}: {tied}; settled by {how}: {chosen}")
    lot = data.get("lot")
    if lot:
        order = ", ".join(f"{entry['number']}. {entry['name']}" for entry in lot["order"])
        if lot["seed"] is None:
            lines.append(f"Lot order (given, or the ballot paper's): {order}")
        else:
            lines.append(
                f"Lot order drawn from seed {lot['seed']!r}, by SHA-256 of 'SEED:NUMBER', "
                f"smallest first: {order}"
            )
    return lines


def _grid(rows: list[list[str]]) -> list[str]:
    """Align columns: names left, numbers right."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    out = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.append("  ".join(cells).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def _schulze_table(result: SchulzeResult) -> str:
    """Pairwise matrix and the Schulze ranking."""
    names = result.candidates
    short = [str(k + 1) for k in range(len(names))]
    rows = [["V(row, column)"] + short]
    for a, name in enumerate(names):
        rows.append(
            [f"{a + 1}. {name}"]
            + ["-" if a == b else str(result.pairwise[a][b]) for b in range(len(names))]
        )
    lines = [f"Method: {result.method}   Ballots: {result.valid_votes}"] + _grid(rows)
    if result.dropped:
        lines.append(
            "Dropped (short of the quorum, or do not defeat the default option): "
            + ", ".join(names[c] for c in result.dropped)
        )
    lines.append("Ranking: " + " > ".join(names[c] for c in result.ranking))
    lines.append("Winner: " + ("none" if result.winner is None else names[result.winner]))
    lines += [f"Note: {note}" for note in result.notes]
    lines += _tie_lines(to_data(result))
    return "\n".join(lines) + "\n"
