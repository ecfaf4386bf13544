"""Correcting and removing policies written here, statements, pledges and pledge answers: by
those who may write them, never an imported policy or what a representative signed; scorecards
recounted when a policy changes."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.accountability import actions, queries
from groundwork.accountability.actions import PolicyLine
from groundwork.accountability.models import (
    ObjectivePolicy,
    Pledge,
    PledgeAnswer,
    Policy,
    PolicyDivision,
    Source,
    Statement,
)
from groundwork.accountability.tests.editing_factories import objective, record_statement
from groundwork.accountability.tests.factories import cast_vote, council, division, elect, policy_on
from groundwork.accountability.tests.pledges_factories import answer_pledge, ask_to_pledge
from groundwork.campaigns.tests.factories import start_campaign
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    return council()


@pytest.fixture
def councillor(body):
    return elect("Ann Example", body, None, "Labour", start=date(2022, 5, 5)).person


@pytest.fixture
def budget(body, councillor):
    first = division(body, date(2024, 2, 1), 1, "Budget")
    second = division(body, date(2024, 3, 1), 2, "Library closures")
    cast_vote(first, councillor, "aye")
    cast_vote(second, councillor, "aye")
    return first, second


@pytest.fixture
def riverside_policy(riverside, budget):
    return policy_on("A fair budget", [(budget[0], "aye", "normal")], group=riverside)


@pytest.fixture
def statement(riverside, alice, councillor):
    return record_statement(councillor, riverside, alice)


@pytest.fixture
def pledge(riverside):
    return ask_to_pledge(start_campaign(riverside))


def url(name: str, pk: int) -> str:
    return reverse(f"accountability:{name}", args=(pk,))


def moves_the_record_version(capture, change) -> bool:
    """Whether `change` moves the scorecards' cache version once its transaction commits."""
    before = queries.record_version()
    with capture(execute=True):
        change()
    return queries.record_version() != before


# Policies


def test_alice_corrects_riverside_policy_and_every_scorecard_is_recounted(
    alice, councillor, riverside_policy, budget, django_capture_on_commit_callbacks
):
    assert queries.scorecard(councillor, riverside_policy).agreement.lines  # cached now

    def change():
        actions.check_update_policy(
            riverside_policy,
            body=budget[0].body,
            title="A fair budget",
            description="",
            lines=[PolicyLine(date(2024, 3, 1), 2, "no", "strong")],
            acting_user=alice,
        )

    assert moves_the_record_version(django_capture_on_commit_callbacks, change)
    sides = list(
        PolicyDivision.objects.filter(policy=riverside_policy).values_list(
            "division__number", "position", "strength"
        )
    )
    assert sides == [(2, "no", "strong")]
    card = queries.scorecard(councillor, riverside_policy)
    assert [line.division.number for line in card.agreement.lines] == [2]
    entry = AuditEntry.objects.get(verb="policy.updated")
    assert entry.old == {"divisions": ["2024-02-01 1 aye normal"]}
    assert entry.new == {"divisions": ["2024-03-01 2 no strong"]}


def test_the_policy_form_starts_from_the_policy_and_keeps_bad_lines_typed(
    alice, riverside_policy, budget
):
    client = client_for(alice)
    page = client.get(url("policy_edit", riverside_policy.pk)).content.decode()
    assert "2024-02-01 1 aye" in page and "A fair budget" in page
    response = client.post(
        url("policy_edit", riverside_policy.pk),
        {
            "title": "Typed title",
            "body": budget[0].body_id,
            "divisions": "2024-02-01 1 aye\nnonsense",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "nonsense" in html and 'value="Typed title"' in html
    response = client.post(
        url("policy_edit", riverside_policy.pk),
        {"title": "Typed title", "body": budget[0].body_id, "divisions": "2024-05-05 9 aye"},
    )
    assert response.status_code == 400
    assert (
        "No division of Trafford Council on file for: 2024-05-05 #9." in response.content.decode()
    )
    riverside_policy.refresh_from_db()
    assert riverside_policy.title == "A fair budget"


def test_an_imported_policy_is_corrected_by_nobody(alice, admin, budget):
    publicwhip = Source.objects.create(slug="publicwhip-test", title="Public Whip")
    imported = policy_on("Imported", [(budget[0], "aye", "normal")], source=publicwhip)
    Policy.objects.filter(pk=imported.pk).update(external_id="1000")
    imported.refresh_from_db()
    for user in (alice, admin):
        client = client_for(user)
        assert client.get(url("policy_edit", imported.pk)).status_code == 404
        assert client.post(url("policy_delete", imported.pk)).status_code == 404
        assert (
            url("policy_edit", imported.pk)
            not in client.get(imported.get_absolute_url()).content.decode()
        )
        with pytest.raises(ActionError, match="imported ones stay as published"):
            actions.check_delete_policy(imported, acting_user=user)
    assert Policy.objects.filter(pk=imported.pk).exists()


def test_the_alliance_policy_is_the_coordinators_and_riverside_policy_alices(
    alice, admin, bob, riverside_policy, budget
):
    alliance = policy_on("Alliance budget", [(budget[0], "aye", "normal")])
    assert client_for(admin).get(url("policy_edit", alliance.pk)).status_code == 200
    assert client_for(alice).get(url("policy_edit", alliance.pk)).status_code == 404
    assert client_for(admin).get(url("policy_edit", riverside_policy.pk)).status_code == 404
    assert client_for(bob).get(url("policy_delete", riverside_policy.pk)).status_code == 404
    html = client_for(alice).get(riverside_policy.get_absolute_url()).content.decode()
    assert url("policy_edit", riverside_policy.pk) in html
    assert url("policy_delete", riverside_policy.pk) in html


def test_removing_a_policy_shows_what_goes_with_it_and_pledges_keep_their_text(
    alice, riverside, riverside_policy, pledge, django_capture_on_commit_callbacks
):
    Pledge.objects.filter(pk=pledge.pk).update(policy=riverside_policy)
    ObjectivePolicy.objects.create(objective=objective(), policy=riverside_policy)
    client = client_for(alice)
    page = client.get(url("policy_delete", riverside_policy.pk)).content.decode()
    assert "Its 1 division is removed with it" in page
    assert str(objective()) in page
    assert "Keep the library open" in page and "nobody is flagged for breaking it" in page

    def remove():
        response = client.post(url("policy_delete", riverside_policy.pk))
        assert response.status_code == 302
        assert response["Location"] == reverse("accountability:policies")

    assert moves_the_record_version(django_capture_on_commit_callbacks, remove)
    assert not Policy.objects.filter(pk=riverside_policy.pk).exists()
    pledge.refresh_from_db()
    assert pledge.policy is None and pledge.text == "I will vote to keep it open."
    entry = AuditEntry.objects.get(verb="policy.deleted")
    assert entry.old["divisions"] == ["2024-02-01 1 aye normal"]
    assert entry.old["pledges"] == [pledge.pk]


# Statements


def test_alice_corrects_a_statement_riverside_recorded(alice, statement, councillor):
    client = client_for(alice)
    page = client.get(url("statement_edit", statement.pk)).content.decode()
    assert "Promised to keep the library open." in page
    data = {
        "kind": "statement",
        "date": "2024-03-02",
        "objective": statement.objective_id,
        "stance": "against",
        "summary": "Voted to close the library.",
        "source_url": "https://example.org/minutes",
    }
    response = client.post(url("statement_edit", statement.pk), data)
    assert response.status_code == 302 and response["Location"] == councillor.get_absolute_url()
    statement.refresh_from_db()
    assert statement.stance == "against" and statement.date == date(2024, 3, 2)
    entry = AuditEntry.objects.get(verb="statement.updated")
    assert entry.old["stance"] == "for" and entry.new["stance"] == "against"
    assert entry.old["date"] == "2024-03-01" and entry.new["date"] == "2024-03-02"
    assert "summary" in entry.new and "kind" not in entry.new


def test_a_statement_dated_in_the_future_is_refused_and_what_was_typed_stays(alice, statement):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    data = {
        "kind": "statement",
        "date": tomorrow,
        "objective": statement.objective_id,
        "stance": "for",
        "summary": "Typed summary that must not be lost.",
        "source_url": "https://example.org/x",
    }
    response = client_for(alice).post(url("statement_edit", statement.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The date cannot be in the future." in html
    assert "Typed summary that must not be lost." in html
    statement.refresh_from_db()
    assert statement.summary == "Promised to keep the library open."


def test_removing_a_statement_asks_first_and_the_page_shows_it_gone_at_once(
    client, alice, statement, councillor
):
    assert (
        "Promised to keep the library open."
        in client.get(councillor.get_absolute_url()).content.decode()
    )
    owner = client_for(alice)
    page = owner.get(url("statement_delete", statement.pk)).content.decode()
    assert "Promised to keep the library open." in page
    assert Statement.objects.filter(pk=statement.pk).exists()
    assert owner.post(url("statement_delete", statement.pk)).status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert (
        "Promised to keep the library open."
        not in client.get(councillor.get_absolute_url()).content.decode()
    )
    assert AuditEntry.objects.get(verb="statement.deleted").old["summary"] == (
        "Promised to keep the library open."
    )


def test_only_the_recording_group_organisers_touch_a_statement(
    alice, admin, bob, carol, hillside, statement, councillor
):
    for user in (admin, bob, carol):
        client = client_for(user)
        assert client.get(url("statement_edit", statement.pk)).status_code == 404
        assert client.post(url("statement_delete", statement.pk)).status_code == 404
        assert (
            url("statement_edit", statement.pk)
            not in client.get(councillor.get_absolute_url()).content.decode()
        )
    assert Statement.objects.filter(pk=statement.pk).exists()
    alliance = record_statement(councillor, None, admin, summary="Alliance's record.")
    assert client_for(admin).get(url("statement_edit", alliance.pk)).status_code == 200
    assert client_for(alice).get(url("statement_edit", alliance.pk)).status_code == 404
    html = client_for(alice).get(councillor.get_absolute_url()).content.decode()
    assert url("statement_edit", statement.pk) in html
    assert url("statement_edit", alliance.pk) not in html


def test_the_representative_page_costs_the_same_at_1_10_and_100_statements(alice, riverside):
    counts = {}
    body = council("Leeds City Council", "E08000035")
    for size in (1, 10, 100):
        person = elect(f"Person {size}", body, None, "Labour", start=date(2022, 5, 5)).person
        for n in range(size):
            record_statement(person, riverside, alice, summary=f"Statement {n:03d}")
        client = client_for(alice)
        client.get(person.get_absolute_url())  # the cached fragments are warm
        with CaptureQueriesContext(connection) as context:
            html = client.get(person.get_absolute_url()).content.decode()
        assert f"Statement {size - 1:03d}" in html
        assert html.count("/representatives/statements/") == 2 * size
        counts[size] = len(context.captured_queries)
    assert counts[1] == counts[10] == counts[100], counts


# Pledges and answers


def test_a_signed_pledge_keeps_its_text_but_its_title_may_be_corrected(alice, pledge, councillor):
    answer_pledge(pledge, councillor, "signed")
    client = client_for(alice)
    response = client.post(
        url("pledge_edit", pledge.pk), {"title": "Save the library", "text": "Something else."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "its text stays as they read it" in html and "Something else." in html
    response = client.post(
        url("pledge_edit", pledge.pk),
        {"title": "Save the library", "text": "I will vote to keep it open."},
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.title == "Save the library"
    entry = AuditEntry.objects.get(verb="pledge.updated")
    assert entry.old == {"title": "Keep the library open"}
    assert entry.new == {"title": "Save the library"}


def test_a_pledge_nobody_answered_yet_may_be_reworded(alice, pledge, councillor):
    answer_pledge(pledge, councillor, "no_answer")
    actions.check_update_pledge(
        pledge, title=pledge.title, text="I will fund it.", policy=None, acting_user=alice
    )
    pledge.refresh_from_db()
    assert pledge.text == "I will fund it."


def test_a_signed_pledge_is_not_removed_until_its_answers_are(alice, pledge, councillor):
    answer = answer_pledge(pledge, councillor, "signed")
    client = client_for(alice)
    page = client.get(url("pledge_delete", pledge.pk)).content.decode()
    assert "1 representatives have signed or declined this pledge" in page
    assert 'class="danger"' not in page
    assert client.post(url("pledge_delete", pledge.pk)).status_code == 400
    assert Pledge.objects.filter(pk=pledge.pk).exists()
    # The answer was recorded in error: remove it, then the pledge.
    page = client.get(url("pledge_answer_delete", answer.pk)).content.decode()
    assert "Ann Example" in page and "Signed at the hustings." in page
    assert client.post(url("pledge_answer_delete", answer.pk)).status_code == 302
    assert client.post(url("pledge_delete", pledge.pk)).status_code == 302
    assert not Pledge.objects.filter(pk=pledge.pk).exists()
    assert AuditEntry.objects.get(verb="pledge_answer.deleted").old["status"] == "signed"
    assert AuditEntry.objects.get(verb="pledge.deleted").old["title"] == "Keep the library open"


def test_removing_a_pledge_lists_those_asked_who_go_with_it(alice, pledge, councillor):
    answer_pledge(pledge, councillor, "no_answer")
    client = client_for(alice)
    page = client.get(url("pledge_delete", pledge.pk)).content.decode()
    assert "have not answered" in page and "Ann Example" in page
    response = client.post(url("pledge_delete", pledge.pk))
    assert response.status_code == 302
    assert response["Location"] == pledge.campaign.get_absolute_url()
    assert not PledgeAnswer.objects.exists()


def test_a_removed_answer_leaves_the_representative_and_pledge_pages_at_once(
    client, alice, pledge, councillor
):
    answer = answer_pledge(pledge, councillor, "signed")
    assert "Keep the library open" in client.get(councillor.get_absolute_url()).content.decode()
    client_for(alice).post(url("pledge_answer_delete", answer.pk))
    assert "Keep the library open" not in client.get(councillor.get_absolute_url()).content.decode()
    assert "Ann Example" not in client.get(pledge.get_absolute_url()).content.decode()


def test_only_the_campaign_organisers_correct_pledges_and_answers(
    alice, admin, bob, carol, dan, pledge, councillor
):
    answer = answer_pledge(pledge, councillor, "signed")
    for user in (admin, bob, carol, dan):
        client = client_for(user)
        assert client.get(url("pledge_edit", pledge.pk)).status_code == 404
        assert client.post(url("pledge_delete", pledge.pk)).status_code == 404
        assert client.post(url("pledge_answer_delete", answer.pk)).status_code == 404
        html = client.get(pledge.get_absolute_url()).content.decode()
        assert url("pledge_edit", pledge.pk) not in html
        assert url("pledge_answer_delete", answer.pk) not in html
        with pytest.raises(ActionError):
            actions.check_delete_pledge_answer(answer, acting_user=user)
    assert PledgeAnswer.objects.filter(pk=answer.pk).exists()
    html = client_for(alice).get(pledge.get_absolute_url()).content.decode()
    assert url("pledge_edit", pledge.pk) in html and url("pledge_delete", pledge.pk) in html
    assert url("pledge_answer_delete", answer.pk) in html
    assert f"?person={councillor.pk}" in html


def test_the_pledge_pages_cost_the_same_at_1_10_and_100_answers(alice, riverside):
    counts: dict[str, dict[int, int]] = {"pledge": {}, "pledge_delete": {}}
    body = council("Leeds City Council", "E08000035")
    campaign = start_campaign(riverside)
    for size in (1, 10, 100):
        pledge = ask_to_pledge(campaign, title=f"Pledge {size}")
        for n in range(size):
            person = elect(f"Person {size}-{n:03d}", body, None, "Labour").person
            answer_pledge(pledge, person, "no_answer")
        client = client_for(alice)
        for name in counts:
            with CaptureQueriesContext(connection) as context:
                html = client.get(url(name, pledge.pk)).content.decode()
            assert f"Person {size}-{size - 1:03d}" in html
            counts[name][size] = len(context.captured_queries)
    for name, by_size in counts.items():
        assert by_size[1] == by_size[10] == by_size[100], (name, by_size)


def test_the_policy_correction_pages_cost_the_same_at_1_10_and_100_rows(alice, riverside, body):
    """The form at 1, 10 and 100 divisions; the removal page at as many measured pledges."""
    counts: dict[str, dict[int, int]] = {"policy_edit": {}, "policy_delete": {}}
    campaign = start_campaign(riverside)
    for size in (1, 10, 100):
        sides = [
            (division(body, date(2020 + size % 5, 1, 1), size * 1000 + n), "aye", "normal")
            for n in range(size)
        ]
        policy = policy_on(f"Policy {size}", sides, group=riverside)
        for n in range(size):
            Pledge.objects.create(
                campaign=campaign, title=f"Pledge {size}-{n:03d}", text="Text.", policy=policy
            )
        client = client_for(alice)
        for name in counts:
            with CaptureQueriesContext(connection) as context:
                html = client.get(url(name, policy.pk)).content.decode()
            counts[name][size] = len(context.captured_queries)
            expected = f"{size * 1000 + size - 1}" if name == "policy_edit" else f"Pledge {size}-"
            assert expected in html, name
    for name, by_size in counts.items():
        assert by_size[1] == by_size[10] == by_size[100], (name, by_size)
