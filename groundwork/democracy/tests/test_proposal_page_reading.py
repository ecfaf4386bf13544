"""What a proposal's page reads through written-out SQL (queries.amendments_shown_on,
ballots_shown_on, discussion_page) is what the ORM reads: the same rows, in the same order, with
the same names and links."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groundwork.core.fragments import row_of
from groundwork.democracy import actions, queries
from groundwork.democracy.models import Amendment, Ballot, Proposal
from groundwork.democracy.tests.factories import open_ballot
from groundwork.groups.rules import roles_of
from groundwork.groups.tests.factories import join
from groundwork.members.actions.rights import check_erase_member

pytestmark = pytest.mark.django_db


def _amend(proposal, person, summary) -> Amendment:
    return actions.do_propose_amendment(
        proposal, summary=summary, new_body=f"{summary}.", acting_user=person
    )


def _ballot_on(proposal, organiser, *, amendment=None, closes_in=7) -> Ballot:
    ballot = open_ballot(proposal.group, organiser, title=f"Vote {closes_in}")
    closes_at = timezone.now() + timedelta(days=closes_in)
    Ballot.objects.filter(pk=ballot.pk).update(
        proposal=proposal, amendment=amendment, closes_at=closes_at
    )
    return Ballot.objects.get(pk=ballot.pk)


def test_the_amendments_are_the_orms_with_their_proposers_and_ballots(
    proposal, alice, bob, dan, riverside
):
    join(riverside, dan)
    dan.set_password("a long enough password")
    dan.save()
    first = _amend(proposal, alice, "Sundays too")
    second = _amend(proposal, dan, "Only mornings")
    _amend(proposal, bob, "A second hall")
    ballot = _ballot_on(proposal, alice, amendment=first)
    check_erase_member(dan, password="a long enough password", acting_user=dan)

    shown = queries.amendments_shown_on(proposal)
    expected = list(queries.amendments_of(proposal))
    assert [a.pk for a in shown] == [a.pk for a in expected]
    assert [a.summary for a in shown] == ["Sundays too", "Only mornings", "A second hall"]
    assert [a.get_status_display() for a in shown] == [a.get_status_display() for a in expected]
    assert [a.proposer.name if a.proposer else None for a in shown] == [
        a.proposer.name if a.proposer else None for a in expected
    ]
    erased = next(a for a in shown if a.pk == second.pk).proposer
    assert erased is not None and erased.name == "a former member"
    assert [getattr(a.ballot, "pk", None) for a in shown[:1]] == [ballot.pk]
    for amendment in shown[1:]:
        with pytest.raises(Ballot.DoesNotExist):
            amendment.ballot  # noqa: B018 (the page asks `{% if amendment.ballot %}`)
    assert [a.new_body for a in shown] == [a.new_body for a in expected]


def test_the_ballots_are_the_votes_on_the_proposal_itself_latest_to_close_first(proposal, alice):
    sooner = _ballot_on(proposal, alice, closes_in=3)
    later = _ballot_on(proposal, alice, closes_in=9)
    amendment = _amend(proposal, alice, "Sundays too")
    _ballot_on(proposal, alice, amendment=amendment, closes_in=12)

    shown = queries.ballots_shown_on(proposal)
    assert [b.pk for b in shown] == [later.pk, sooner.pk]
    assert [(b.title, b.status, b.closes_at) for b in shown] == [
        (b.title, b.status, b.closes_at) for b in (later, sooner)
    ]


def test_a_proposal_with_no_amendments_or_ballots_shows_none(proposal):
    assert queries.amendments_shown_on(proposal) == []
    assert queries.ballots_shown_on(proposal) == []


def test_the_discussion_rows_place_each_reply_under_its_thread_with_its_authors_name(
    proposal, alice, bob
):
    question = actions.do_comment(proposal, body="Which hall?", parent=None, acting_user=alice)
    answer = actions.do_comment(proposal, body="The church.", parent=question, acting_user=bob)
    again = actions.do_comment(proposal, body="Thanks!", parent=answer, acting_user=alice)
    other = actions.do_comment(proposal, body="When?", parent=None, acting_user=bob)

    page = queries.discussion_page(proposal)
    assert [row[:2] for row in page.rows] == [
        (question.pk, None),
        (answer.pk, question.pk),
        (again.pk, answer.pk),
        (other.pk, None),
    ]
    assert [row[5:7] for row in page.rows][0] == (alice.display_name, alice.email)
    assert [c.pk for c in page.threads] == [question.pk, other.pk]
    assert [c.pk for c in page.threads[0].children] == [answer.pk]
    assert [c.pk for c in page.threads[0].children[0].children] == [again.pk]


def test_the_proposal_is_the_orms_with_its_groups_name_and_its_proposers_in_one_query(
    proposal, bob, riverside, django_assert_num_queries
):
    """`get_proposal_for` (written out): every column of the proposal, its proposer's name and
    its group's name and address, in one query; an alliance proposal has no group."""
    roles_of(bob)  # read once a request, with the bell's count (groups.rules.ROLES_SQL)
    with django_assert_num_queries(1):
        read = queries.get_proposal_for(bob, proposal.pk)
        assert read.group is not None and read.proposer is not None
        shown = (read.group.name, read.group.get_absolute_url(), read.proposer.name)
    orm = Proposal.objects.select_related("group", "proposer").get(pk=proposal.pk)
    assert row_of(read) == row_of(orm)
    assert orm.group is not None and orm.proposer is not None
    assert shown == (orm.group.name, orm.group.get_absolute_url(), orm.proposer.name)
    alliance = actions.do_create_proposal(
        group=None, title="Alliance-wide", body="…", submit=True, acting_user=bob
    )
    with django_assert_num_queries(1):
        assert queries.get_proposal_for(bob, alliance.pk).group is None


def test_a_proposal_by_a_deleted_account_is_by_a_former_member(proposal, bob, alice):
    written = actions.do_create_proposal(
        group=proposal.group, title="Orphan", body="…", submit=True, acting_user=alice
    )
    Proposal.objects.filter(pk=written.pk).update(proposer=None)
    assert queries.get_proposal_for(bob, written.pk).proposer is None
