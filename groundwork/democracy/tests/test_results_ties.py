"""The results page says how each tie was settled, by which rule, and how to draw a lot again."""

import hashlib
from dataclasses import replace
from html import unescape

import pytest
from django.urls import reverse

from groundwork.democracy import counting
from groundwork.democracy.models import Ballot
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot

pytestmark = pytest.mark.django_db

# What the close will use: a hash of the published ballot trackers, which nobody chose.
SEED = hashlib.sha256(b"the published trackers of this ballot").hexdigest()
TREES = ("Ash", "Birch", "Cedar")
# Ash and Birch are level at every stage, the fewest: the lot decides who is excluded.
LEVEL = (
    counting.Ballot((0, 1), 4),
    counting.Ballot((1, 0), 4),
    counting.Ballot((2,), 5),
)


def closed_with(ballot: Ballot, count: dict) -> Ballot:
    """Close the ballot, then store `count` as its published count."""
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None
    Ballot.objects.filter(pk=ballot.pk).update(result=ballot.result | {"count": count})
    return ballot


def results_page(client, ballot: Ballot) -> str:
    response = client.get(reverse("democracy:results", args=[ballot.pk]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_tie_settled_by_lot_shows_the_rule_the_seed_and_how_to_draw_it_again(cast, irv):
    election = counting.Election(TREES, LEVEL, lot_seed=SEED)
    result = counting.count_irv(election)
    excluded = TREES[result.ties[0].chosen[0]]
    closed_with(irv, counting.to_data(result))
    page = results_page(cast["bob"], irv)
    assert "Ties, and how they were settled" in page
    assert "At stage 1, Ash, Birch were tied on 4 votes each" in page
    assert "the Scottish rule" in page and "the most recent earlier stage" in page
    assert "No earlier stage told them apart, so it was decided by lot among Ash, Birch" in page
    assert f"{excluded} was excluded." in page
    assert f"drawn from the public seed <code>{SEED}</code>" in page
    assert f"printf '%s' '{SEED}:1' | sha256sum" in page
    for number in (1, 2, 3):  # each candidate's hash, as sha256sum prints it
        assert hashlib.sha256(f"{SEED}:{number}".encode()).hexdigest() in page
    assert f"irv ballot-{irv.pk}.blt --lot-seed '{SEED}'" in page


def test_a_tie_settled_by_an_earlier_stage_names_that_stage_and_its_votes(cast, alice, riverside):
    ballot = open_ballot(riverside, alice, method="stv-scottish", options=list(TREES) + ["Damson"])
    # Damson's exclusion lifts Birch level with Ash on 3; at stage 1 Birch had 2.
    election = counting.Election(
        (*TREES, "Damson"),
        (
            counting.Ballot((0,), 3),
            counting.Ballot((1,), 2),
            counting.Ballot((2,), 6),
            counting.Ballot((3, 1), 1),
        ),
    )
    closed_with(ballot, counting.to_data(counting.count_scottish_stv(election)))
    page = results_page(cast["bob"], ballot)
    assert "At stage 2, Ash, Birch were tied on 3 votes each" in page
    assert "Stage 1 decided it, the most recent earlier stage at which they differed:" in page
    assert "Ash 3; Birch 2." in page and "Birch was excluded." in page
    assert "How the lot was drawn" not in page  # no lot was needed


@pytest.mark.parametrize(
    ("method", "count", "said"),
    [
        ("stv-meek", counting.count_meek_stv, "The rule, in Meek STV: candidates whose votes"),
        ("approval", counting.count_approval, "approvals each where the places ran out"),
        ("schulze", counting.count_schulze, "were all unbeaten, so the winner had to be decided"),
    ],
)
def test_each_method_says_its_own_rule_for_a_tie(cast, alice, riverside, method, count, said):
    ballot = open_ballot(riverside, alice, method=method, options=list(TREES))
    ballots = LEVEL if method != "schulze" else LEVEL[:2]  # two unbeaten, for Schulze
    result = count(counting.Election(TREES, ballots, lot_seed=SEED))
    closed_with(ballot, counting.to_data(result))
    page = results_page(cast["bob"], ballot)
    assert said in page and f"drawn from the public seed <code>{SEED}</code>" in page
    assert "decided by lot among Ash, Birch" in page


def test_meek_candidates_within_the_surplus_are_shown_with_their_own_votes(cast, alice, riverside):
    ballot = open_ballot(riverside, alice, method="stv-meek", options=list(TREES))
    result = counting.count_meek_stv(counting.Election(TREES, LEVEL, lot_seed=SEED))
    # Meek counts as tied those whose votes differ by less than the surplus left to transfer.
    apart = replace(result.ties[0], votes=(4 * counting.meek.ONE, 4 * counting.meek.ONE + 10**22))
    closed_with(ballot, counting.to_data(replace(result, ties=(apart,))))
    page = results_page(cast["bob"], ballot)
    assert "At stage 2, Ash, Birch were too close to tell apart" in page
    assert "Their votes: Ash 4; Birch 4.00001." in page


def test_without_a_seed_the_page_says_nobody_drew_the_lot(cast, irv):
    closed_with(irv, counting.to_data(counting.count_irv(counting.Election(TREES, LEVEL))))
    page = results_page(cast["bob"], irv)
    assert "No seed was given, so nobody drew this lot" in page
    assert "Ash; Birch; Cedar." in page and "Ash was excluded." in page


def test_a_count_stored_before_ties_were_recorded_still_shows_its_stages(cast, irv):
    count = counting.to_data(counting.count_irv(counting.Election(TREES, LEVEL, lot_seed=SEED)))
    del count["ties"], count["lot"]
    closed_with(irv, count)
    page = results_page(cast["bob"], irv)
    assert "The count, stage by stage" in page and "exclusion of" in page
    assert "Ties, and how they were settled" not in page
