"""Results once a ballot closes: the count, the counted votes, the trackers, the BLT file, and
the decision log."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from groundwork.democracy.counting import count_irv, count_meek_stv, parse_blt, read_blt, to_data
from groundwork.democracy.models import CastVote
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for

pytestmark = pytest.mark.django_db


def test_the_results_page_shows_turnout_quorum_stages_chart_and_published_votes(
    cast, irv, alice, bob
):
    vote_for(irv, alice, ranking=[0, 1])
    tracker = vote_for(irv, bob, ranking=[1, 2])
    fast_forward_past_deadline(irv)
    html = cast["bob"].get(reverse("democracy:results", args=[irv.pk])).content.decode()
    assert "Turnout" in html and "100.0%" in html and "None was set" in html
    assert "The count, stage by stage" in html and "Non-transferable" in html
    assert '<svg role="img"' in html and "<title" in html
    assert "1. Birch; 2. Cedar" in html and "1. Ash; 2. Birch" in html
    assert f"Your tracker {tracker} is in the list: your vote was counted." in html
    assert "2 sealed votes were in the ballot box, and 2 votes were counted" in html
    assert "You cannot prove to anyone how you voted" in html
    assert "style=" not in html


def test_anyone_who_may_see_the_results_finds_a_tracker_and_a_wrong_one_is_told(
    cast, irv, alice, bob
):
    vote_for(irv, alice, ranking=[0, 1])
    tracker = vote_for(irv, bob, ranking=[1, 2])
    assert tracker is not None
    fast_forward_past_deadline(irv)
    url = reverse("democracy:results", args=[irv.pk])
    found = cast["alice"].get(url, {"tracker": f"  {tracker.lower()} "}).content.decode()
    assert f"The tracker {tracker} is in the list: that vote was counted." in found
    missing = cast["bob"].get(url, {"tracker": "AAAA-BBBB-CCCC-DDDD"}).content.decode()
    assert "No sealed vote has the tracker AAAA-BBBB-CCCC-DDDD" in missing
    assert 'value="AAAA-BBBB-CCCC-DDDD"' in missing  # what was typed stays in the field


def test_the_trackers_file_holds_each_sealed_vote_whose_hash_is_its_tracker(cast, irv, alice, bob):
    import base64

    from groundwork.democracy import ballot_box

    trackers = {vote_for(irv, member, ranking=[0]) for member in (alice, bob)}
    fast_forward_past_deadline(irv)
    response = cast["bob"].get(reverse("democracy:ballot_trackers", args=[irv.pk]))
    lines = b"".join(response.streaming_content).decode().splitlines()
    pairs = [line.split(" ") for line in lines]
    assert {tracker for tracker, _ in pairs} == trackers
    for tracker, sealed in pairs:
        assert ballot_box.tracker(base64.b64decode(sealed)) == tracker


def next_link(html: str, parameter: str) -> dict | None:
    """The address's parameters of a page's "Next" or "Previous" link (`after`, `before`...)."""
    found = re.search(rf'href="\?{parameter}=([^"#]+)#', html)
    return {parameter: unquote(found[1])} if found else None


def test_the_published_votes_come_fifty_to_a_page_each_once_from_either_end(cast, alice, riverside):
    from groundwork.groups.tests.factories import UserFactory, join

    voters = [UserFactory() for _ in range(120)]
    for voter in voters:
        join(riverside, voter)
    ballot = open_ballot(riverside, alice)  # its electorate: the members when it opens
    for number, voter in enumerate(voters):
        vote_for(ballot, voter, choice=["yes", "no"][number % 2])
    fast_forward_past_deadline(ballot)
    url = reverse("democracy:results", args=[ballot.pk])
    votes = CastVote.objects.filter(ballot=ballot)
    everyone = sorted(str(pk) for pk in votes.values_list("pk", flat=True))

    def rows(html):
        return html.count("<td>Yes</td>") + html.count("<td>No</td>")

    # Forwards from the first page by "Next", and backwards from the last by "Previous".
    starts: list[tuple[dict | None, str]] = [({}, "after"), ({"end": ""}, "before")]
    for query, link in starts:
        seen = 0
        while query is not None:
            html = cast["alice"].get(url, query).content.decode()
            assert rows(html) == (50 if seen < 100 else 20)
            seen += rows(html)
            query = next_link(html, link)
        assert seen == len(everyone) == 120
    # Each page holds the votes next to each other in the order of their random ids.
    second = cast["alice"].get(url, {"after": everyone[49]}).content.decode()
    assert rows(second) == 50 and next_link(second, "after") == {"after": everyone[99]}
    # An address past the end shows the last fifty, one typed wrong the first: never an error.
    assert rows(cast["alice"].get(url, {"after": everyone[-1]}).content.decode()) == 50
    assert rows(cast["alice"].get(url, {"after": "not-a-key"}).content.decode()) == 50


def test_the_trackers_come_fifty_to_a_page_from_either_end(cast, alice, riverside):
    from groundwork.groups.tests.factories import UserFactory, join

    voters = [UserFactory() for _ in range(60)]
    for voter in voters:
        join(riverside, voter)
    ballot = open_ballot(riverside, alice)
    for voter in voters:
        vote_for(ballot, voter, choice="yes")
    fast_forward_past_deadline(ballot)
    url = reverse("democracy:results", args=[ballot.pk])
    first = cast["alice"].get(url).content.decode()
    assert first.count('<li class="receipt-cell">') == 50
    more = cast["alice"].get(url, next_link(first, "trackers_after")).content.decode()
    assert more.count('<li class="receipt-cell">') == 10
    # The last page is the last fifty; the pages before it hold the rest.
    last = cast["alice"].get(url, {"trackers_end": ""}).content.decode()
    assert last.count('<li class="receipt-cell">') == 50
    back = cast["alice"].get(url, next_link(last, "trackers_before")).content.decode()
    assert back.count('<li class="receipt-cell">') == 10


def test_an_open_ballot_publishes_each_voters_name_with_their_vote(cast, alice, bob, riverside):
    ballot = open_ballot(riverside, alice, secret=False)
    vote_for(ballot, bob, choice="yes")
    fast_forward_past_deadline(ballot)
    html = cast["alice"].get(reverse("democracy:results", args=[ballot.pk])).content.decode()
    assert "<td>Bob</td>" in html and "Carried." in html


def test_a_schulze_result_shows_the_ranking_and_the_head_to_head_table(cast, alice, bob, riverside):
    ballot = open_ballot(riverside, alice, method="schulze", options=["Ash", "Birch", "Cedar"])
    vote_for(ballot, alice, ranking=[2, 0, 1])
    vote_for(ballot, bob, ranking=[2, 1, 0])
    fast_forward_past_deadline(ballot)
    html = cast["bob"].get(reverse("democracy:results", args=[ballot.pk])).content.decode()
    assert "Cedar first." in html and "Head to head" in html and "over Ash" in html


def test_the_blt_download_recounts_to_the_published_result(cast, irv, alice, bob, tmp_path):
    vote_for(irv, alice, ranking=[0, 1])
    vote_for(irv, bob, ranking=[1, 2])
    irv = fast_forward_past_deadline(irv)
    response = cast["bob"].get(reverse("democracy:ballot_blt", args=[irv.pk]))
    assert response["Content-Type"].startswith("text/plain")
    path = tmp_path / "ballot.blt"
    path.write_bytes(response.content)
    recount = to_data(count_irv(read_blt(path)))
    assert recount["elected"] == irv.result["count"]["elected"]
    assert recount["stages"] == irv.result["count"]["stages"]


def test_the_blt_download_keeps_names_with_quotes_and_recounts_the_same(
    cast, alice, bob, riverside
):
    names = ['Jo "the Gardener" Bloggs', "Sam # Hillside", "Ash"]
    ballot = open_ballot(riverside, alice, method="stv-meek", options=names, seats=2)
    vote_for(ballot, alice, ranking=[0, 2])
    vote_for(ballot, bob, ranking=[1, 0, 2])
    ballot = fast_forward_past_deadline(ballot)
    response = cast["bob"].get(reverse("democracy:ballot_blt", args=[ballot.pk]))
    election = parse_blt(response.content.decode())
    assert election.candidates == tuple(names)
    assert ballot.result is not None
    assert to_data(count_meek_stv(election)) == ballot.result["count"]


def test_a_yes_no_ballot_has_no_blt_file(cast, alice, bob, riverside):
    ballot = fast_forward_past_deadline(open_ballot(riverside, alice))
    assert cast["bob"].get(reverse("democracy:ballot_blt", args=[ballot.pk])).status_code == 404


def test_the_decision_log_links_to_the_result(cast, alice, bob, riverside):
    ballot = open_ballot(riverside, alice, title="Adopt the charter")
    vote_for(ballot, bob, choice="yes")
    fast_forward_past_deadline(ballot)
    html = (
        cast["bob"]
        .get(reverse("democracy:group_decisions", kwargs={"slug": "riverside"}))
        .content.decode()
    )
    assert "Adopt the charter: carried." in html
    assert reverse("democracy:results", args=[ballot.pk]) in html
