"""The democracy pages: who gets in, what a vote through the form does, and what each page costs."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.democracy import actions
from groundwork.democracy.counting import count_irv, count_meek_stv, parse_blt, read_blt, to_data
from groundwork.democracy.models import (
    Amendment,
    Ballot,
    CastVote,
    Comment,
    Delegate,
    Elector,
    Proposal,
)
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db

CAST = ("anon", "dan", "bob", "carol", "alice", "admin")


@pytest.fixture
def cast(anon, dan, bob, carol, alice, admin):
    clients = {"anon": anon}
    clients |= {
        name: client_for(user)
        for name, user in zip(CAST[1:], (dan, bob, carol, alice, admin), strict=True)
    }
    return clients


def status_of(response) -> object:
    """200/404/…, or "login" for a redirect to the sign-in page."""
    if response.status_code == 302 and response.url.startswith("/accounts/login/"):
        return "login"
    return response.status_code


def statuses(cast, url: str, method: str = "get", data=None) -> dict:
    return {
        who: status_of(getattr(client, method)(url, data or {})) for who, client in cast.items()
    }


def expect(*cells) -> dict:
    return dict(zip(CAST, cells, strict=True))


RIVERSIDE_MEMBERS = expect("login", 404, 200, 404, 200, 404)
# The alliance's pages: members of any group, and the coordinators who run its ballots.
IN_THE_ALLIANCE = expect("login", 404, 200, 200, 200, 200)


# --- access -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["group_proposals", "group_proposal_create", "group_ballots", "group_decisions"]
)
def test_a_groups_democracy_lists_are_for_its_members_only(cast, riverside, name):
    url = reverse(f"democracy:{name}", kwargs={"slug": "riverside"})
    assert statuses(cast, url) == RIVERSIDE_MEMBERS


@pytest.mark.parametrize(
    "name",
    ["alliance_proposals", "alliance_proposal_create", "alliance_ballots", "alliance_decisions"],
)
def test_the_alliance_lists_are_for_members_of_any_group_and_coordinators(
    cast, riverside, hillside, name
):
    assert statuses(cast, reverse(f"democracy:{name}")) == IN_THE_ALLIANCE


def test_only_riversides_organiser_creates_its_ballots_and_chooses_its_delegates(cast, riverside):
    for name in ("group_ballot_create", "delegates"):
        url = reverse(f"democracy:{name}", kwargs={"slug": "riverside"})
        assert statuses(cast, url) == expect("login", 404, 404, 404, 200, 404)


def test_only_a_coordinator_creates_alliance_ballots(cast, riverside):
    url = reverse("democracy:alliance_ballot_create")
    assert statuses(cast, url) == expect("login", 404, 404, 404, 404, 200)


def test_a_proposal_is_seen_by_its_groups_members_and_a_draft_by_its_proposer(cast, bob, riverside):
    proposal = actions.do_create_proposal(
        group=riverside,
        title="A library of things",
        body="Tools to lend.",
        submit=True,
        acting_user=bob,
    )
    draft = actions.do_create_proposal(
        group=riverside, title="Half an idea", body="…", submit=False, acting_user=bob
    )
    url = reverse("democracy:proposal", args=[proposal.pk])
    assert statuses(cast, url) == RIVERSIDE_MEMBERS
    url = reverse("democracy:proposal", args=[draft.pk])
    assert statuses(cast, url) == expect("login", 404, 200, 404, 404, 404)


def test_a_ballot_page_is_for_the_electorates_scope_and_a_draft_for_organisers(
    cast, alice, riverside
):
    ballot = open_ballot(riverside, alice)
    assert statuses(cast, reverse("democracy:ballot", args=[ballot.pk])) == RIVERSIDE_MEMBERS
    draft = actions.do_create_ballot(
        group=riverside,
        spec=actions.BallotSpec(title="Draft", closes_at=timezone.now() + timedelta(days=3)),
        acting_user=alice,
    )
    assert statuses(cast, reverse("democracy:ballot", args=[draft.pk])) == expect(
        "login", 404, 404, 404, 200, 404
    )


@pytest.mark.parametrize("name", ["results", "ballot_blt"])
def test_results_are_hidden_from_everyone_until_the_close(cast, alice, bob, riverside, name):
    ballot = open_ballot(riverside, alice, method="irv", options=["Ash", "Birch", "Cedar"])
    vote_for(ballot, bob, ranking=[1, 0])
    url = reverse(f"democracy:{name}", args=[ballot.pk])
    assert statuses(cast, url) == expect("login", 404, 404, 404, 404, 404)
    fast_forward_past_deadline(ballot)
    assert statuses(cast, url) == RIVERSIDE_MEMBERS


def test_a_cancelled_ballot_never_has_results(cast, alice, riverside):
    ballot = open_ballot(riverside, alice)
    actions.check_cancel_ballot(ballot, acting_user=alice)
    url = reverse("democracy:results", args=[ballot.pk])
    assert statuses(cast, url) == expect("login", 404, 404, 404, 404, 404)


def test_the_coordinator_runs_an_alliance_ballot_that_members_of_every_group_vote_in(
    cast, admin, bob, carol
):
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "title": "Conference venue",
        "method": "approval",
        "options": "Leeds\nBristol",
        "seats": "1",
        "quorum": "0",
        "threshold": "1/2",
        "electorate": "alliance",
        "secret": "on",
        "closes_at": closes,
    }
    response = cast["admin"].post(reverse("democracy:alliance_ballot_create"), form)
    ballot = Ballot.objects.get(title="Conference venue")
    assert ballot.group is None and response.url == ballot_url(ballot)
    assert statuses(cast, ballot_url(ballot)) == expect("login", 404, 404, 404, 404, 200)
    cast["admin"].post(reverse("democracy:ballot_open", args=[ballot.pk]))
    assert statuses(cast, ballot_url(ballot)) == IN_THE_ALLIANCE
    for who in ("bob", "carol"):
        assert cast[who].post(ballot_url(ballot), {"approved": ["1"]}).status_code == 200
    assert CastVote.objects.filter(ballot=ballot).count() == 2


def test_only_the_organiser_opens_or_cancels_a_ballot(cast, alice, riverside):
    draft = actions.do_create_ballot(
        group=riverside,
        spec=actions.BallotSpec(title="Draft", closes_at=timezone.now() + timedelta(days=3)),
        acting_user=alice,
    )
    for name in ("ballot_open", "ballot_cancel"):
        url = reverse(f"democracy:{name}", args=[draft.pk])
        refused = {who: cast[who] for who in ("anon", "dan", "bob", "carol", "admin")}
        assert set(statuses(refused, url, "post").values()) <= {"login", 404}
    draft.refresh_from_db()
    assert draft.status == Ballot.Status.DRAFT
    response = cast["alice"].post(reverse("democracy:ballot_open", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Ballot.Status.OPEN


# --- proposals through the forms --------------------------------------------------------


def test_bob_proposes_carol_cannot_and_a_draft_stays_his_until_submitted(cast, riverside):
    url = reverse("democracy:group_proposal_create", kwargs={"slug": "riverside"})
    data = {"title": "Repair café", "body": "Monthly, in the **hall**.", "status": "draft"}
    response = cast["bob"].post(url, data)
    proposal = Proposal.objects.get(title="Repair café")
    assert response.url == reverse("democracy:proposal", args=[proposal.pk])
    assert proposal.status == Proposal.Status.DRAFT
    assert cast["carol"].post(url, data).status_code == 404
    cast["bob"].post(reverse("democracy:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DISCUSSION
    page = cast["alice"].get(reverse("democracy:proposal", args=[proposal.pk])).content.decode()
    assert "<strong>hall</strong>" in page and "Open the vote" in page


def test_a_proposal_is_discussed_amended_and_put_to_a_vote(cast, bob, alice, riverside):
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Open on Saturdays.", submit=True, acting_user=bob
    )
    comment_url = reverse("democracy:proposal_comment", args=[proposal.pk])
    cast["alice"].post(comment_url, {"body": "Which hall?"})
    question = Comment.objects.get(body="Which hall?")
    cast["bob"].post(comment_url, {"body": "St Mary's.", "parent": question.pk})
    assert Comment.objects.get(body="St Mary's.").parent == question

    cast["alice"].post(
        reverse("democracy:proposal_amend", args=[proposal.pk]),
        {"summary": "Sundays too", "new_body": "Open on Saturdays and Sundays."},
    )
    amendment = Amendment.objects.get(proposal=proposal)
    accept = reverse("democracy:amendment_accept", args=[proposal.pk, amendment.pk])
    assert cast["alice"].post(accept).status_code == 404  # only the proposer accepts
    cast["bob"].post(accept)
    proposal.refresh_from_db()
    assert proposal.body == "Open on Saturdays and Sundays."

    open_url = reverse("democracy:proposal_open_vote", args=[proposal.pk])
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    vote = {"closes_at": closes, "quorum": "0.25", "threshold": "1/2", "secret": "on"}
    assert cast["bob"].post(open_url, vote).status_code == 404
    response = cast["alice"].post(open_url, vote)
    ballot = Ballot.objects.get(proposal=proposal)
    assert response.url == reverse("democracy:ballot", args=[ballot.pk])
    assert ballot.status == Ballot.Status.OPEN and ballot.secret


def test_the_open_vote_form_shows_a_refusal_next_to_its_field(cast, bob, riverside):
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Open on Saturdays.", submit=True, acting_user=bob
    )
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = cast["alice"].post(
        reverse("democracy:proposal_open_vote", args=[proposal.pk]),
        {"closes_at": past, "quorum": "0", "threshold": "1/2"},
    )
    assert response.status_code == 400
    assert "The closing time must be in the future." in response.content.decode()
    assert not Ballot.objects.exists()


def test_an_amendment_with_the_same_text_is_refused_next_to_the_text(cast, bob, riverside):
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Open on Saturdays.", submit=True, acting_user=bob
    )
    response = cast["bob"].post(
        reverse("democracy:proposal_amend", args=[proposal.pk]),
        {"summary": "No change", "new_body": "Open on Saturdays."},
    )
    assert response.status_code == 400
    assert "The amended text is the same" in response.content.decode()


# --- ballots through the forms ----------------------------------------------------------


def test_alice_creates_and_opens_a_ranked_ballot_through_the_form(cast, riverside, bob):
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "title": "Treasurer",
        "method": "stv-scottish",
        "options": "Ash\nBirch\n\nCedar\n",
        "seats": "1",
        "quorum": "0",
        "threshold": "1/2",
        "electorate": "group",
        "secret": "on",
        "allow_change": "on",
        "closes_at": closes,
    }
    response = cast["alice"].post(
        reverse("democracy:group_ballot_create", kwargs={"slug": "riverside"}), form
    )
    ballot = Ballot.objects.get(title="Treasurer")
    assert response.url == reverse("democracy:ballot", args=[ballot.pk])
    assert [o.label for o in ballot.options.all()] == ["Ash", "Birch", "Cedar"]
    cast["alice"].post(reverse("democracy:ballot_open", args=[ballot.pk]))
    page = cast["bob"].get(reverse("democracy:ballot", args=[ballot.pk])).content.decode()
    assert 'name="rank-2"' in page and "ranking.js" in page


def test_the_ballot_form_shows_an_actions_refusal_next_to_the_field(cast, riverside):
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = cast["alice"].post(
        reverse("democracy:group_ballot_create", kwargs={"slug": "riverside"}),
        {
            "title": "Chair",
            "method": "irv",
            "options": "Ash",
            "seats": "1",
            "quorum": "0",
            "threshold": "1/2",
            "electorate": "group",
            "closes_at": closes,
        },
    )
    assert response.status_code == 400
    assert "List at least two options or candidates." in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.fixture
def irv(alice, bob, riverside) -> Ballot:
    return open_ballot(riverside, alice, method="irv", options=["Ash", "Birch", "Cedar"])


def ballot_url(ballot: Ballot) -> str:
    return reverse("democracy:ballot", args=[ballot.pk])


def receipt_in(html: str) -> str:
    return re.search(r'id="receipt-code">([A-Z0-9-]{19})<', html).group(1)


def test_bob_ranks_with_the_selects_and_gets_a_receipt_that_is_stored_nowhere_but_the_vote(
    cast, irv, bob
):
    response = cast["bob"].post(ballot_url(irv), {"rank-0": "2", "rank-1": "", "rank-2": "1"})
    assert response.status_code == 200
    receipt = receipt_in(response.content.decode())
    assert "no-store" in response["Cache-Control"]
    vote = CastVote.objects.get(ballot=irv)
    assert vote.receipt == receipt and vote.content == {"ranking": [2, 0]} and vote.voter is None
    assert receipt not in str(cast["bob"].session.items())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rank-0": "1", "rank-9": "2"}, "not one of the ballot&#x27;s options"),
        ({"rank-0": "1", "rank-1": "1"}, "Each candidate can have only one rank"),
        ({"rank-0": "first"}, "not one of the ballot&#x27;s options"),
        ({}, "Rank at least one candidate"),
    ],
)
def test_a_bad_ranked_ballot_is_refused_with_a_clear_message_and_changes_nothing(
    cast, irv, bob, data, message
):
    response = cast["bob"].post(ballot_url(irv), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Your vote was not recorded" in response.content.decode()
    assert not CastVote.objects.filter(ballot=irv).exists()
    assert not Elector.objects.get(ballot=irv, user=bob).voted_on


def test_a_refused_ranking_is_shown_back_as_the_voter_left_it(cast, irv):
    html = (
        cast["bob"]
        .post(ballot_url(irv), {"rank-0": "1", "rank-1": "1", "rank-2": "3"})
        .content.decode()
    )
    assert re.search(r'name="rank-2">.*?<option value="3" selected>', html, re.S)


def test_a_closed_ballot_refuses_a_vote_through_the_form(cast, irv):
    fast_forward_past_deadline(irv)
    response = cast["bob"].post(ballot_url(irv), {"rank-0": "1"})
    assert response.status_code == 400
    assert "not open for voting" in response.content.decode()


def test_a_double_submission_records_one_vote_and_tells_the_second_it_already_voted(cast, irv):
    first = cast["bob"].post(ballot_url(irv), {"rank-0": "1"})
    second = cast["bob"].post(ballot_url(irv), {"rank-1": "1"})
    assert first.status_code == 200 and second.status_code == 400
    assert "You have already voted in this ballot." in second.content.decode()
    assert CastVote.objects.get(ballot=irv).content == {"ranking": [0]}


def test_carol_cannot_vote_in_riversides_ballot(cast, irv):
    assert cast["carol"].post(ballot_url(irv), {"rank-0": "1"}).status_code == 404
    assert not CastVote.objects.exists()


def test_a_member_of_the_group_outside_the_electorate_is_told_so(cast, irv, dan, riverside):
    join(riverside, dan)
    response = client_for(dan).post(ballot_url(irv), {"rank-0": "1"})
    assert "not in this ballot&#x27;s electorate" in response.content.decode()


def test_in_a_secret_ballot_bob_changes_his_vote_with_his_receipt_only(cast, irv):
    receipt = receipt_in(cast["bob"].post(ballot_url(irv), {"rank-0": "1"}).content.decode())
    change = reverse("democracy:ballot_change_vote", args=[irv.pk])
    wrong = cast["bob"].post(change, {"receipt": "AAAA-BBBB-CCCC-DDDD", "rank-1": "1"})
    assert wrong.status_code == 400 and "No vote has that receipt code" in wrong.content.decode()
    right = cast["bob"].post(change, {"receipt": receipt.lower(), "rank-1": "1", "rank-2": "2"})
    assert right.status_code == 200 and receipt_in(right.content.decode()) == receipt
    assert CastVote.objects.get(ballot=irv).content == {"ranking": [1, 2]}


def test_majority_and_approval_votes_through_their_forms(cast, alice, bob, riverside):
    majority = open_ballot(riverside, alice)
    approval = open_ballot(riverside, alice, method="approval", options=["Ash", "Birch", "Cedar"])
    assert (
        'type="radio" name="choice" value="abstain"'
        in cast["bob"].get(ballot_url(majority)).content.decode()
    )
    assert cast["bob"].post(ballot_url(majority), {"choice": "maybe"}).status_code == 400
    cast["bob"].post(ballot_url(majority), {"choice": "no"})
    cast["bob"].post(ballot_url(approval), {"approved": ["0", "2"]})
    assert CastVote.objects.get(ballot=majority).content == {"choice": "no"}
    assert CastVote.objects.get(ballot=approval).content == {"approved": [0, 2]}


# --- results ----------------------------------------------------------------------------


def test_the_results_page_shows_turnout_quorum_stages_chart_and_published_votes(
    cast, irv, alice, bob
):
    vote_for(irv, alice, ranking=[0, 1])
    receipt = vote_for(irv, bob, ranking=[1, 2])
    fast_forward_past_deadline(irv)
    html = cast["bob"].get(reverse("democracy:results", args=[irv.pk])).content.decode()
    assert "Turnout" in html and "100.0%" in html and "None was set" in html
    assert "The count, stage by stage" in html and "Non-transferable" in html
    assert '<svg role="img"' in html and "<title" in html
    assert receipt in html and "1. Birch; 2. Cedar" in html
    assert "style=" not in html


def test_bob_finds_his_vote_by_its_receipt_and_a_wrong_code_is_told(cast, irv, alice, bob):
    vote_for(irv, alice, ranking=[0, 1])
    receipt = vote_for(irv, bob, ranking=[1, 2])
    fast_forward_past_deadline(irv)
    url = reverse("democracy:results", args=[irv.pk])
    found = cast["bob"].get(url, {"receipt": f"  {receipt.lower()} "}).content.decode()
    assert f"The vote with receipt {receipt} was counted as shown." in found
    assert receipt in found and "1. Birch; 2. Cedar" in found
    assert "1. Ash; 2. Birch" not in found  # only that vote, not alice's
    missing = cast["bob"].get(url, {"receipt": "AAAA-BBBB-CCCC-DDDD"}).content.decode()
    assert "No vote has the receipt AAAA-BBBB-CCCC-DDDD" in missing
    assert 'value="AAAA-BBBB-CCCC-DDDD"' in missing  # what was typed stays in the field


def test_the_published_votes_come_fifty_to_a_page(cast, alice, riverside):
    from groundwork.groups.tests.factories import UserFactory, join

    voters = [UserFactory() for _ in range(60)]
    for voter in voters:
        join(riverside, voter)
    ballot = open_ballot(riverside, alice)  # its electorate: the members when it opens
    for voter in voters:
        vote_for(ballot, voter, choice="yes")
    fast_forward_past_deadline(ballot)
    url = reverse("democracy:results", args=[ballot.pk])
    first = cast["alice"].get(url).content.decode()
    second = cast["alice"].get(url, {"page": 2}).content.decode()
    assert first.count('class="receipt-cell"') == 50 and "Page 1 of 2" in first
    assert second.count('class="receipt-cell"') == 10


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
    assert to_data(count_meek_stv(election)) == ballot.result["count"]


def test_a_yes_no_ballot_has_no_blt_file(cast, alice, bob, riverside):
    ballot = fast_forward_past_deadline(open_ballot(riverside, alice))
    assert cast["bob"].get(reverse("democracy:ballot_blt", args=[ballot.pk])).status_code == 404


# --- decisions, delegates, home ---------------------------------------------------------


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


def test_alice_chooses_bob_as_delegate_but_not_carol(cast, bob, carol, riverside):
    url = reverse("democracy:delegates", kwargs={"slug": "riverside"})
    assert cast["alice"].post(url, {"delegates": [carol.pk]}).status_code == 400
    cast["alice"].post(url, {"delegates": [bob.pk]})
    assert list(Delegate.objects.values_list("user_id", flat=True)) == [bob.pk]


def test_the_home_page_lists_ballots_open_to_the_member(cast, irv):
    html = cast["bob"].get(reverse("members:home")).content.decode()
    assert "Ballots open to you" in html and ballot_url(irv) in html
    assert "Ballots open to you" not in cast["carol"].get(reverse("members:home")).content.decode()


# --- query counts -----------------------------------------------------------------------


def count_queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("method", ["irv", "approval"])
def test_the_ballot_page_asks_the_same_number_of_questions_at_1_10_and_100_options(
    alice, bob, riverside, method
):
    counts = {}
    for size in (1, 10, 100):
        labels = [f"Candidate {n:03d}" for n in range(size + 1)]
        ballot = open_ballot(riverside, alice, method=method, options=labels)
        counts[size], html = count_queries(client_for(bob), ballot_url(ballot))
        assert labels[-1] in html
    assert counts[1] == counts[10] == counts[100], counts


def test_the_results_page_asks_the_same_number_of_questions_at_1_10_and_100_votes(alice, riverside):
    counts = {}
    for size in (1, 10, 100):
        voters = [UserFactory() for _ in range(size)]
        for voter in voters:
            join(riverside, voter)
        ballot = open_ballot(
            riverside, alice, method="stv-meek", options=["Ash", "Birch", "Cedar"], seats=2
        )
        for index, voter in enumerate(voters):
            vote_for(ballot, voter, ranking=[index % 3, (index + 1) % 3])
        fast_forward_past_deadline(ballot)
        counts[size], html = count_queries(
            client_for(alice), reverse("democracy:results", args=[ballot.pk])
        )
        assert html.count('class="receipt-cell"') == min(size, 50)  # 50 to a page
    assert counts[1] == counts[10] == counts[100], counts


def test_the_proposal_page_asks_the_same_number_of_questions_at_1_10_and_100_comments(
    alice, bob, riverside
):
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )
    counts, have = {}, 0
    for size in (1, 10, 100):
        for n in range(have, size):
            parent = Comment.objects.order_by("id").first() if n % 2 else None
            actions.do_comment(proposal, body=f"Comment {n}", parent=parent, acting_user=alice)
            actions.do_propose_amendment(
                proposal, summary=f"Amendment {n}", new_body=f"Text {n}", acting_user=alice
            )
        have = size
        counts[size], html = count_queries(
            client_for(bob), reverse("democracy:proposal", args=[proposal.pk])
        )
        assert f"Comment {size - 1}" in html and f"Amendment {size - 1}" in html
    assert counts[1] == counts[10] == counts[100], counts
