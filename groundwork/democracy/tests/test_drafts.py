"""Drafts can be edited: a proposal by its proposer, a ballot by the organisers, while in draft;
each change is audited, and to everyone else the edit page does not exist."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groundwork.core.models import AuditEntry
from groundwork.democracy import actions
from groundwork.democracy.forms import DATETIME_LOCAL
from groundwork.democracy.models import Proposal
from groundwork.democracy.tests.factories import appoint_tellers

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(bob, riverside) -> Proposal:
    return actions.do_create_proposal(
        group=riverside, title="Repair cafe", body="Monthly.", submit=False, acting_user=bob
    )


def ballot_form_data(**changes) -> dict:
    closes = timezone.localtime() + timedelta(days=9)
    data = {
        "title": "Choose a banner",
        "description": "",
        "method": "approval",
        "options": "Red\nGreen",
        "seats": "1",
        "quorum": "0",
        "threshold": "1/2",
        "electorate": "group",
        "secret": "on",
        "allow_change": "on",
        "closes_at": closes.strftime(DATETIME_LOCAL),
    }
    return data | changes


def test_bob_edits_his_draft_and_the_change_is_audited(cast, draft):
    url = reverse("democracy:proposal_edit", args=[draft.pk])
    page = cast["bob"].get(url).content.decode()
    assert "Repair cafe" in page and "Monthly." in page
    response = cast["bob"].post(url, {"title": "Repair café", "body": "Monthly, in the hall."})
    assert response.url == reverse("democracy:proposal", args=[draft.pk])
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("Repair café", "Monthly, in the hall.")
    assert draft.status == Proposal.Status.DRAFT
    entry = AuditEntry.objects.get(verb="proposal.edited")
    assert entry.old == {"title": "Repair cafe", "body": "Monthly."}
    assert entry.new == {"title": "Repair café", "body": "Monthly, in the hall."}
    detail = cast["bob"].get(reverse("democracy:proposal", args=[draft.pk])).content.decode()
    assert url in detail


def test_an_empty_title_is_shown_at_the_field_and_nothing_changes(cast, draft):
    url = reverse("democracy:proposal_edit", args=[draft.pk])
    response = cast["bob"].post(url, {"title": "", "body": "Monthly."})
    assert response.status_code == 400
    assert response.context["form"].errors == {"title": ["This field is required."]}
    draft.refresh_from_db()
    assert draft.title == "Repair cafe"
    assert not AuditEntry.objects.filter(verb="proposal.edited").exists()


def test_nobody_else_finds_the_edit_page_of_a_draft(cast, draft):
    url = reverse("democracy:proposal_edit", args=[draft.pk])
    for name in ("dan", "carol", "alice", "admin"):
        assert cast[name].get(url).status_code == 404
        assert cast[name].post(url, {"title": "Mine", "body": "Mine."}).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Repair cafe"


def test_a_submitted_proposal_is_no_longer_editable_even_by_its_proposer(cast, bob, draft):
    actions.do_submit_proposal(draft, acting_user=bob)
    url = reverse("democracy:proposal_edit", args=[draft.pk])
    assert cast["bob"].get(url).status_code == 404
    assert cast["bob"].post(url, {"title": "Changed", "body": "Changed."}).status_code == 404
    detail = cast["bob"].get(reverse("democracy:proposal", args=[draft.pk])).content.decode()
    assert url not in detail


def test_alice_edits_a_draft_ballot_options_included_and_it_is_audited(cast, draft_ballot):
    url = reverse("democracy:ballot_edit", args=[draft_ballot.pk])
    form = cast["alice"].get(url).context["form"]
    assert form["options"].value() == "Red\nGreen"
    data = ballot_form_data(title="Choose our banner", options="Red\nGreen\nPurple")
    response = cast["alice"].post(url, data)
    assert response.url == reverse("democracy:ballot", args=[draft_ballot.pk])
    draft_ballot.refresh_from_db()
    assert draft_ballot.title == "Choose our banner"
    assert [o.label for o in draft_ballot.options.all()] == ["Red", "Green", "Purple"]
    entry = AuditEntry.objects.get(verb="ballot.edited")
    assert entry.old["title"] == "Choose a banner" and entry.new["title"] == "Choose our banner"
    assert entry.old["options"] == ["Red", "Green"]
    assert entry.new["options"] == ["Red", "Green", "Purple"]


def test_a_ballot_edit_that_could_not_be_counted_is_refused_at_the_field(cast, draft_ballot):
    url = reverse("democracy:ballot_edit", args=[draft_ballot.pk])
    response = cast["alice"].post(url, ballot_form_data(options="Red"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "options": ["List at least two options or candidates."]
    }
    assert [o.label for o in draft_ballot.options.all()] == ["Red", "Green"]


def test_an_opened_ballot_cannot_be_edited_and_others_never_find_the_page(
    cast, alice, riverside, draft_ballot
):
    url = reverse("democracy:ballot_edit", args=[draft_ballot.pk])
    for name in ("dan", "bob", "carol", "admin"):
        assert cast[name].get(url).status_code == 404
        assert cast[name].post(url, ballot_form_data(title="Mine")).status_code == 404
    appoint_tellers(riverside, alice)
    actions.check_open_ballot(draft_ballot, acting_user=alice)
    assert cast["alice"].get(url).status_code == 404
    assert cast["alice"].post(url, ballot_form_data(title="Late")).status_code == 404
    draft_ballot.refresh_from_db()
    assert draft_ballot.title == "Choose a banner"
    assert not AuditEntry.objects.filter(verb="ballot.edited").exists()
