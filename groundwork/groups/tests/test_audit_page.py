"""The audit pages: sentences, the filter (person, kind, days), pages by key, and the admin's
changes; each log keeps to what its reader may see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.audit import record
from groundwork.core.models import AuditEntry
from groundwork.groups.actions import do_update_group
from groundwork.groups.views.audit import AUDIT_PAGE_SIZE

pytestmark = pytest.mark.django_db


def riverside_log(client, **filters):
    return client.get(reverse("groups:audit", args=["riverside"]), filters)


def rows(response) -> list[str]:
    return [entry.verb for entry in response.context["page"].object_list]


@pytest.fixture
def history(alice, bob, carol, riverside, hillside):
    """Alice changes Riverside's description; Bob comments; Carol acts in Hillside."""
    do_update_group(riverside, values={"description": "Tuesdays."}, districts=[], acting_user=alice)
    record(actor=bob, verb="comment.added", target=riverside, group_id=riverside.pk)
    record(actor=carol, verb="event.created", target=hillside, group_id=hillside.pk)
    old = AuditEntry.objects.get(verb="comment.added")
    old.acted_at = timezone.now() - timedelta(days=10)
    old.save(update_fields=["acted_at"])


def test_the_group_log_reads_as_sentences(alice, history):
    page = riverside_log(client_for(alice)).content.decode()
    assert "Alice changed the description of Riverside" in page
    assert "Bob commented: Riverside" in page
    assert "Carol" not in page  # Hillside's entry is Hillside's


def test_the_log_filters_by_person(alice, history):
    response = riverside_log(client_for(alice), person="bo")
    assert rows(response) == ["membership.joined", "comment.added"]  # newest first


def test_the_log_filters_by_kind_of_action(alice, history):
    assert rows(riverside_log(client_for(alice), kind="democracy")) == ["comment.added"]
    membership = riverside_log(client_for(alice), kind="membership")
    assert set(rows(membership)) == {"membership.joined", "membership.appointed"}
    assert rows(riverside_log(client_for(alice), kind="group")) == ["group.updated"]


def test_the_log_filters_by_days(alice, history):
    today = timezone.localdate()
    recent = riverside_log(client_for(alice), since=(today - timedelta(days=2)).isoformat())
    assert "comment.added" not in rows(recent) and "group.updated" in rows(recent)
    older = riverside_log(client_for(alice), until=(today - timedelta(days=9)).isoformat())
    assert rows(older) == ["comment.added"]
    that_day = (today - timedelta(days=10)).isoformat()
    assert rows(riverside_log(client_for(alice), since=that_day, until=that_day)) == [
        "comment.added"
    ]


def test_days_the_wrong_way_round_are_told_at_the_field(alice, history):
    response = riverside_log(client_for(alice), since="2026-02-01", until="2026-01-01")
    assert "The last day comes before the first." in response.content.decode()


def test_the_log_pages_by_key_with_its_filter(alice, bob, riverside):
    for _number in range(AUDIT_PAGE_SIZE + 3):
        record(actor=bob, verb="comment.added", target=riverside, group_id=riverside.pk)
    record(actor=alice, verb="event.created", target=riverside, group_id=riverside.pk)
    client = client_for(alice)
    first = riverside_log(client, person="Bob", kind="democracy")
    assert len(rows(first)) == AUDIT_PAGE_SIZE
    key = first.context["page"].next_key
    assert f"after={key}".replace(":", "%3A").replace("+", "%2B") in first.content.decode()
    second = riverside_log(client, person="Bob", kind="democracy", after=key)
    assert rows(second) == ["comment.added"] * 3 and second.context["page"].next_key is None
    seen = {e.pk for e in first.context["page"].object_list + second.context["page"].object_list}
    assert len(seen) == AUDIT_PAGE_SIZE + 3


def test_a_key_that_does_not_read_gives_the_first_page(alice, history):
    whole = rows(riverside_log(client_for(alice)))
    assert rows(riverside_log(client_for(alice), after="yesterday_x")) == whole


def test_a_filtered_page_has_a_fixed_number_of_queries(alice, bob, riverside):
    client = client_for(alice)
    riverside_log(client, person="Bob", kind="democracy")  # warm the session
    counts = []
    for total in (1, 10, 100):
        while AuditEntry.objects.filter(verb="comment.added").count() < total:
            record(actor=bob, verb="comment.added", target=riverside, group_id=riverside.pk)
        with CaptureQueriesContext(connection) as queries:
            response = riverside_log(client, person="Bob", kind="democracy", since="2020-01-01")
        assert len(rows(response)) == min(total, AUDIT_PAGE_SIZE)
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_members_of_the_group_do_not_see_its_log(bob, history):
    assert riverside_log(client_for(bob)).status_code == 404


def test_the_alliance_log_shows_every_group_to_coordinators(admin, history):
    page = client_for(admin).get(reverse("groups:alliance_audit")).content.decode()
    assert "Alice changed the description of Riverside" in page
    assert "Carol created the event Hillside" in page


def test_a_change_in_the_admin_appears_in_the_logs(admin, alice, riverside):
    client = client_for(admin)
    url = reverse("admin:groups_group_change", args=[riverside.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else ""
        for name in form.fields
        if name != "member_count"
    }
    data |= {"description": "Changed by the alliance.", "parent": ""}
    for prefix in ("postcode_districts",):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(verb="admin.changed")
    assert entry.actor == admin and entry.group_id == riverside.pk
    sentence = "Sam changed the Description of Riverside in the admin"
    assert sentence in client_for(alice).get(reverse("groups:audit", args=["riverside"])).text
    assert sentence in client.get(reverse("groups:alliance_audit")).text


def test_a_deletion_in_the_admin_appears_in_the_alliance_log(admin, riverside):
    admin.is_superuser = True  # coordinators may not delete groups; a superuser may
    admin.save(update_fields=["is_superuser"])
    client = client_for(admin)
    url = reverse("admin:groups_group_delete", args=[riverside.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert "Sam deleted Riverside in the admin" in client.get(reverse("groups:alliance_audit")).text
