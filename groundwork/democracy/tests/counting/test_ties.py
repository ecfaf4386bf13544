"""Ties: settled by an earlier stage or by a lot drawn from a public seed, and recorded so that
anyone reading the published result can check how each was settled and draw the lot again."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundwork.democracy.counting import (
    Ballot,
    CountingError,
    Election,
    Tie,
    count_approval,
    count_irv,
    count_meek_stv,
    count_schulze,
    count_scottish_stv,
    draw_lot,
    parse_blt,
    render_table,
    to_data,
    write_blt,
)

from .test_cli import run
from .test_properties import SETTINGS, elections

NAMES = ("Ash", "Birch", "Cedar", "Damson", "Elm")
ASH, BIRCH, CEDAR, DAMSON, ELM = range(5)


def election(*ballots: tuple[int, tuple[int, ...]], seats: int = 1, **extra) -> Election:
    """An election of the five trees from (weight, ranking) pairs."""
    return Election(
        NAMES, tuple(Ballot(ranking, weight) for weight, ranking in ballots), seats, **extra
    )


# Ash and Birch end stage 2 level on 3 votes, the fewest; at stage 1 Birch had fewer (2 to 3).
LEVEL_AFTER_A_TRANSFER = election(
    (3, (ASH,)), (2, (BIRCH,)), (7, (CEDAR,)), (8, (DAMSON,)), (1, (ELM, BIRCH))
)
# Ash and Birch are level at every stage, and whichever is excluded hands the other the win.
LEVEL_THROUGHOUT = Election(
    NAMES[:3], (Ballot((ASH, BIRCH), 4), Ballot((BIRCH, ASH), 4), Ballot((CEDAR,), 5))
)


def sha256_order(seed: str, n: int) -> list[int]:
    """The lot order by the published recipe, written here from the recipe, not from lot.py."""
    digests = {c: hashlib.sha256(f"{seed}:{c + 1}".encode()).hexdigest() for c in range(n)}
    return sorted(digests, key=digests.__getitem__)


def seed_putting_first(candidate: int, rival: int) -> str:
    """A seed whose lot puts `candidate` before `rival` (one in the first few seeds tried)."""
    for k in range(100):
        order = sha256_order(f"seed-{k}", 3)
        if order.index(candidate) < order.index(rival):
            return f"seed-{k}"
    raise AssertionError("no seed among 100 puts them in that order")


def test_a_tie_for_exclusion_is_settled_by_the_latest_earlier_stage_where_they_differed() -> None:
    result = count_scottish_stv(LEVEL_AFTER_A_TRANSFER)
    assert result.stages[2].excluded == (BIRCH,)
    assert result.ties == (
        Tie(
            stage=2,
            decision="exclusion",
            candidates=(ASH, BIRCH),
            votes=(300000, 300000),
            chosen=(BIRCH,),
            settled_by="earlier stage",
            earlier_stage=1,
            earlier_votes=(300000, 200000),
        ),
    )
    data = to_data(result)
    assert data["ties"][0] | {"earlier_votes": None} == {
        "stage": 2,
        "decision": "exclusion",
        "candidates": ["Ash", "Birch"],
        "votes": {"Ash": "3.00000", "Birch": "3.00000"},
        "equal_votes": "3.00000",
        "settled_by": "earlier stage",
        "earlier_stage": 1,
        "earlier_votes": None,
        "drawn_among": [],
        "chosen": ["Birch"],
    }
    assert data["ties"][0]["earlier_votes"] == {"Ash": "3.00000", "Birch": "2.00000"}
    assert "lot" not in data  # no lot was needed, so none is published
    assert "Tie at stage 2 for exclusion" in render_table(result)


def test_a_tie_at_every_stage_is_settled_by_the_lot_the_seed_draws_as_sha256sum_would() -> None:
    seed = "3f1c0a9e-riverside-officers"
    order = sha256_order(seed, 3)
    assert draw_lot(seed, 3) == tuple(order)
    result = count_irv(replace(LEVEL_THROUGHOUT, lot_seed=seed))
    first_in_lot = min((ASH, BIRCH), key=order.index)
    (tie,) = result.ties
    assert (tie.stage, tie.settled_by, tie.drawn_among) == (1, "lot", (ASH, BIRCH))
    assert tie.chosen == (first_in_lot,) and result.stages[1].excluded == (first_in_lot,)
    assert result.elected == (({ASH, BIRCH} - {first_in_lot}).pop(),)
    lot = to_data(result)["lot"]
    assert lot["seed"] == seed
    assert [entry["number"] for entry in lot["order"]] == [c + 1 for c in order]
    assert (
        lot["order"][0]["sha256"] == hashlib.sha256(f"{seed}:{order[0] + 1}".encode()).hexdigest()
    )
    assert f"Lot order drawn from seed '{seed}'" in render_table(result)


def test_the_lot_and_with_it_the_winner_change_when_the_seed_changes() -> None:
    ash_first, birch_first = seed_putting_first(ASH, BIRCH), seed_putting_first(BIRCH, ASH)
    for count in (count_scottish_stv, count_irv, count_meek_stv):
        assert count(replace(LEVEL_THROUGHOUT, lot_seed=ash_first)).elected == (BIRCH,)
        assert count(replace(LEVEL_THROUGHOUT, lot_seed=birch_first)).elected == (ASH,)


def test_without_a_seed_the_lot_is_the_ballot_paper_order_and_says_so() -> None:
    result = count_scottish_stv(LEVEL_THROUGHOUT)
    assert result.ties[0].chosen == (ASH,)  # first on the ballot paper: excluded first
    assert to_data(result)["lot"] == {
        "seed": None,
        "order": [
            {"number": 1, "name": "Ash", "sha256": None},
            {"number": 2, "name": "Birch", "sha256": None},
            {"number": 3, "name": "Cedar", "sha256": None},
        ],
    }


def test_a_given_lot_order_wins_over_a_seed_and_the_seed_is_then_not_claimed() -> None:
    seed = seed_putting_first(ASH, BIRCH)
    given = replace(LEVEL_THROUGHOUT, lot_seed=seed, lot_order=(BIRCH, ASH, CEDAR))
    result = count_irv(given)
    assert result.ties[0].chosen == (BIRCH,)
    assert to_data(result)["lot"]["seed"] is None
    same = replace(LEVEL_THROUGHOUT, lot_seed=seed, lot_order=draw_lot(seed, 3))
    assert to_data(count_irv(same))["lot"]["seed"] == seed


def test_an_empty_seed_is_refused() -> None:
    with pytest.raises(CountingError, match="must not be empty"):
        replace(LEVEL_THROUGHOUT, lot_seed="  ")


def test_equal_surpluses_are_transferred_in_the_order_of_the_latest_stage_where_they_differed() -> (
    None
):
    # Quota 9. Cedar's exclusion lifts Ash (8) and Birch (7) to 9 each at stage 2: whose surplus
    # goes first is decided by stage 1, where Ash had more.
    level_surpluses = election(
        (8, (ASH,)),
        (7, (BIRCH,)),
        (1, (CEDAR, ASH)),
        (2, (CEDAR, BIRCH)),
        (7, (DAMSON,)),
        (8, (ELM,)),
        seats=3,
    )
    result = count_scottish_stv(level_surpluses)
    assert result.quota == 9 * 10**5
    assert result.ties == (
        Tie(
            stage=2,
            decision="surplus",
            candidates=(ASH, BIRCH),
            votes=(900000, 900000),
            chosen=(ASH,),
            settled_by="earlier stage",
            earlier_stage=1,
            earlier_votes=(800000, 700000),
        ),
    )
    assert [(s.kind, s.subject) for s in result.stages[2:4]] == [
        ("surplus", ASH),
        ("surplus", BIRCH),
    ]
    assert result.stages[2].notes == ("tie for largest surplus broken by prior stage",)


def test_approval_records_a_tie_for_the_last_seat_and_schulze_one_for_the_winner() -> None:
    approvals = election((2, (ASH, BIRCH)), (1, (CEDAR,)), seats=1)
    seed = seed_putting_first(BIRCH, ASH)
    (tie,) = count_approval(replace(approvals, lot_seed=seed)).ties
    assert (tie.decision, tie.candidates, tie.votes, tie.chosen) == (
        "last seat",
        (ASH, BIRCH),
        (2, 2),
        (BIRCH,),
    )
    cycle = Election(NAMES[:2], (Ballot((ASH, BIRCH)), Ballot((BIRCH, ASH))))
    (tie,) = count_schulze(replace(cycle, lot_seed=seed)).ties
    assert (tie.stage, tie.decision, tie.chosen, tie.settled_by) == (
        None,
        "winner",
        (BIRCH,),
        "lot",
    )
    assert to_data(count_schulze(replace(cycle, lot_seed=seed)))["lot"]["seed"] == seed


def test_meek_records_the_lot_among_candidates_within_the_surplus() -> None:
    (tie,) = count_meek_stv(replace(LEVEL_THROUGHOUT, lot_seed=seed_putting_first(BIRCH, ASH))).ties
    assert (tie.decision, tie.settled_by, tie.chosen) == ("exclusion", "lot", (BIRCH,))
    assert set(tie.drawn_among) == {ASH, BIRCH}


def test_the_command_line_with_a_seed_gives_what_the_api_gives(tmp_path: Path) -> None:
    seed = seed_putting_first(BIRCH, ASH)
    path = tmp_path / "ballots.blt"
    path.write_text(write_blt(LEVEL_THROUGHOUT))
    for method, count in (("stv-scottish", count_scottish_stv), ("irv", count_irv)):
        done = run(method, str(path), "--json", "--lot-seed", seed)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == to_data(count(replace(LEVEL_THROUGHOUT, lot_seed=seed)))
    table = run("irv", str(path), "--lot-seed", seed).stdout
    assert (
        "Tie at stage 1 for exclusion: Ash 4, Birch 4; settled by lot among Ash, Birch: Birch"
        in table
    )
    assert f"Lot order drawn from seed '{seed}'" in table


def test_the_published_file_alone_recounts_the_seeded_result(tmp_path: Path) -> None:
    seed = seed_putting_first(BIRCH, ASH)
    seeded = replace(LEVEL_THROUGHOUT, lot_seed=seed)
    text = write_blt(seeded)
    assert "[tie " + " ".join(str(c + 1) for c in draw_lot(seed, 3)) + "]" in text
    path = tmp_path / "ballots.blt"
    path.write_text(text)
    published = to_data(count_irv(seeded))
    alone = json.loads(run("irv", str(path), "--json").stdout)
    assert alone["elected"] == published["elected"] == ["Ash"]
    assert alone["stages"] == published["stages"] and alone["ties"] == published["ties"]
    # The file and its seed together say where the order came from.
    assert json.loads(run("irv", str(path), "--json", "--lot-seed", seed).stdout) == published
    assert count_irv(parse_blt(text)).elected == (ASH,)


def test_a_seed_that_disagrees_with_the_files_tie_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ballots.blt"
    path.write_text(write_blt(replace(LEVEL_THROUGHOUT, lot_seed=seed_putting_first(BIRCH, ASH))))
    done = run("irv", str(path), "--lot-seed", seed_putting_first(ASH, BIRCH))
    assert done.returncode == 2
    assert "the file's [tie] line orders the candidates" in done.stderr


def test_a_majority_tally_has_no_lot(tmp_path: Path) -> None:
    tally = tmp_path / "motion.txt"
    tally.write_text("yes: 20\nno: 10\nelectorate: 50\n")
    done = run("majority", str(tally), "--lot-seed", "abc")
    assert done.returncode == 2 and "a majority has no lot" in done.stderr


def test_the_sha256sum_recipe_in_the_docs_gives_the_drawn_order() -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed here; the hashlib tests above check the recipe")
    seed = "spring-2026"
    digests = [
        subprocess.run(
            ["sh", "-c", f"printf '%s' '{seed}:{number}' | sha256sum"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        for number in range(1, 6)
    ]
    assert draw_lot(seed, 5) == tuple(sorted(range(5), key=digests.__getitem__))


SEEDS = st.text(min_size=1, max_size=20).filter(str.strip)


@SETTINGS
@given(elections(), SEEDS, SEEDS)
def test_the_seed_changes_nothing_unless_a_lot_settled_a_tie(election, seed_a, seed_b) -> None:
    # Every use of the lot that can change a result is recorded: with none, two seeds agree.
    for count in (count_scottish_stv, count_irv, count_meek_stv, count_approval):
        a = count(replace(election, lot_seed=seed_a))
        b = count(replace(election, lot_seed=seed_b))
        if any(tie.settled_by == "lot" for tie in a.ties + b.ties):
            continue
        assert set(a.elected) == set(b.elected)
        assert [(s.votes, s.excluded, s.exhausted) for s in a.stages] == [
            (s.votes, s.excluded, s.exhausted) for s in b.stages
        ]
        assert a.ties == b.ties


@SETTINGS
@given(elections(), SEEDS)
def test_every_recorded_tie_can_be_checked_against_the_published_stages(election, seed) -> None:
    for count in (count_scottish_stv, count_irv):
        result = count(replace(election, lot_seed=seed))
        for tie in result.ties:
            assert tie.stage is not None
            stages = [stage.votes for stage in result.stages[: tie.stage]]
            assert tuple(stages[-1][c] for c in tie.candidates) == tie.votes
            assert len(set(tie.votes)) == 1
            alone = [alone_at(votes, tie) for votes in stages]
            if tie.settled_by == "earlier stage":
                assert tie.earlier_stage is not None
                k = tie.earlier_stage - 1
                assert tie.chosen == (alone[k],)
                assert tie.earlier_votes == tuple(stages[k][c] for c in tie.candidates)
                assert alone[k + 1 :] == [None] * (tie.stage - k - 1)
            else:
                assert alone == [None] * tie.stage
                assert tie.chosen == (min(tie.drawn_among, key=result.lot_order.index),)
                assert result.lot_order == draw_lot(seed, len(election.candidates))


def alone_at(votes: tuple[int, ...], tie: Tie) -> int | None:
    """The one tied candidate alone highest (for a surplus) or lowest at a stage, if any."""
    values = {c: votes[c] for c in tie.candidates}
    best = (max if tie.decision == "surplus" else min)(values.values())
    at_best = [c for c, v in values.items() if v == best]
    return at_best[0] if len(at_best) == 1 else None
