"""The audit pages: sentences, the filter (person, kind, days), pages by key, and the admin's
changes; each log keeps to what its reader may see."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from conftest import client_for
from groundwork.core.audit import record
from groundwork.core.audit.sentences import describe
from groundwork.core.models import AuditEntry
from groundwork.core.templatetags.audit import ROW, _shown, _Words, audit_changes, audit_rows
from groundwork.groups.actions import do_update_group
from groundwork.groups.forms import AuditFilterForm
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


# --- The page written out (core/templatetags/audit.py, groups/_audit_filter_fields.html) -----

# The rows as the page's template wrote them before they were written in Python.
ROWS_AS_A_TEMPLATE = """{% load i18n %}{% for entry, sentence, changes in rows %}
  <tr>
    <td><time datetime="{{ entry.acted_at|date:'c' }}">{{ entry.acted_at|date:"j M Y, H:i" }}</time></td>
    <td>{{ sentence }}</td>
    <td>{% for change in changes %}<div><span class="meta">{{ change.field }}:</span> {% if change.was %}{% translate "was" %} {% if change.old is None or change.old == "" %}—{% else %}{{ change.old|stringformat:"s"|truncatechars:80 }}{% endif %}, {% translate "now" %} {% endif %}{% if change.new is None or change.new == "" %}—{% else %}{{ change.new|stringformat:"s"|truncatechars:80 }}{% endif %}</div>{% endfor %}</td>
  </tr>{% endfor %}"""


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_the_rows_read_as_the_template_wrote_them(alice, riverside):
    record(actor=alice, verb="group.updated", target=riverside, group_id=riverside.pk,
           old={"name": "Riverside", "description": "", "area_name": None},
           new={"name": "River <side>", "description": "x" * 120, "area_name": 0, "slug": "r"})  # fmt: skip
    record(actor=None, verb="comment.added", target=riverside, group_id=riverside.pk)
    record(actor=alice, verb="admin.changed", target=riverside, new={"fields": ["Name"]})
    record(actor=alice, verb="no.such_verb", target=riverside, old={"a": False}, new={"a": True})
    for month, entry in enumerate(AuditEntry.objects.all(), start=1):  # midnight in London
        entry.acted_at = datetime(2025, month * 5 % 12 + 1, 9, 0, 5, 7, 12, tzinfo=UTC)
        entry.save(update_fields=["acted_at"])
    entries = list(AuditEntry.objects.select_related("actor"))
    with translation.override("cy"):
        rows = [(entry, describe(entry), audit_changes(entry)) for entry in entries]
        theirs = (
            Engine.get_default().from_string(ROWS_AS_A_TEMPLATE).render(Context({"rows": rows}))
        )
        ours = audit_rows(entries)
    assert "x" * 79 + "…" in ours and "River &lt;side&gt;" in ours
    assert normalised(ours) == normalised(theirs)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_a_moment_is_written_as_the_date_filter_writes_it(language):
    with translation.override(language):
        for month in range(1, 13):
            moment = datetime(999 + month, month, month * 2, month, month * 4, tzinfo=UTC)
            assert _Words().moment(moment) == date_format(moment, "j M Y, H:i")


def test_the_filter_fields_are_written_out_as_django_would_render_them():
    forms = [
        AuditFilterForm(),
        AuditFilterForm({"person": "Bo", "kind": "events", "since": "2026-01-01"}),
        AuditFilterForm({"person": "x" * 81, "kind": "nonsense", "since": "bad", "until": "1"}),
        AuditFilterForm({"since": "2026-02-01", "until": "2026-01-01"}),
        AuditFilterForm({"person": '"><b>', "kind": ""}),
    ]
    for form in forms:
        if form.is_bound:
            form.is_valid()
        rendered = render_to_string("groups/_audit_filter_fields.html", {"form": form})
        ours = rendered[rendered.index("<div") :]  # after the comment
        djangos = "".join(
            render_to_string("components/field.html", {"field": field}) for field in form
        )
        assert normalised(ours) == normalised(djangos)


def test_the_rows_are_escaped_exactly_as_format_html_escapes_them(alice, riverside):
    """audit_rows escapes each value itself; byte for byte what format_html writes."""
    record(actor=alice, verb="group.updated", target=riverside, group_id=riverside.pk,
           old={"name": "A & B's \"group\"", "area_name": "<b>kept</b>"},
           new={"name": "<script>x</script>", "area_name": "é" * 90})  # fmt: skip
    record(actor=None, verb="comment.added", target=riverside, group_id=riverside.pk)
    entries = list(AuditEntry.objects.select_related("actor"))
    words = _Words()

    def written(entry) -> str:
        acted_at = timezone.localtime(entry.acted_at)
        changes = format_html_join(
            "",
            '<div><span class="meta">{}:</span> {}{}</div>',
            (
                (
                    change["field"],
                    f"{words.was} {_shown(change['old'])}, {words.now} " if change["was"] else "",
                    _shown(change["new"]),
                )
                for change in audit_changes(entry)
            ),
        )
        return format_html(
            ROW, acted_at.isoformat(), words.moment(acted_at), describe(entry), changes
        )

    ours = audit_rows(entries)
    assert ours == "".join(written(entry) for entry in entries)
    assert "&lt;script&gt;" in ours and "A &amp; B&#x27;s &quot;group&quot;" in ours
