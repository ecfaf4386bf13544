"""A project's coordinators edit a shift (never below its volunteers) and cancel it, telling them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.notifications.models import Notification
from groundwork.projects import actions
from groundwork.projects.models import Shift
from groundwork.projects.tests.factories import add_shift, sign_up, start_project

pytestmark = pytest.mark.django_db

FORMAT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def shift(riverside, alice, bob):
    shift = add_shift(start_project(riverside, alice), alice, places=3, days=5)
    sign_up(shift, bob)
    return shift


def edit_url(shift) -> str:
    return reverse("projects:shift_edit", kwargs={"pk": shift.project_id, "shift_pk": shift.pk})


def delete_url(shift) -> str:
    return reverse("projects:shift_delete", kwargs={"pk": shift.project_id, "shift_pk": shift.pk})


def form_data(shift, **changes) -> dict:
    data = {
        "title": shift.title,
        "starts_at": timezone.localtime(shift.starts_at).strftime(FORMAT),
        "ends_at": timezone.localtime(shift.ends_at).strftime(FORMAT),
        "places": shift.places,
    }
    return data | changes


def test_alice_adds_places_and_the_log_keeps_the_old_number(shift, alice):
    response = client_for(alice).post(edit_url(shift), form_data(shift, places=6))
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.places == 6 and shift.places_left == 5
    entry = AuditEntry.objects.get(verb="shift.edited")
    assert (entry.old, entry.new, entry.actor) == ({"places": 3}, {"places": 6}, alice)


def test_places_cannot_drop_below_the_volunteers_signed_up(shift, alice, riverside):
    sign_up(shift, alice)
    response = client_for(alice).post(
        edit_url(shift), form_data(shift, places=1, title="Typed title")
    )
    assert response.status_code == 400
    [message] = response.context["form"].errors["places"]
    assert "2 volunteers have signed up already" in message and "at least 2" in message
    html = response.content.decode()
    assert 'value="Typed title"' in html and 'aria-invalid="true"' in html
    shift.refresh_from_db()
    assert (shift.places, shift.title) == (3, "Saturday kitchen")


def test_places_may_drop_to_exactly_the_volunteers_signed_up(shift, alice):
    shift = actions.check_edit_shift(
        shift,
        title=shift.title,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        places=1,
        acting_user=alice,
    )
    assert shift.places == 1 and shift.places_left == 0


def test_the_action_refuses_too_few_places_whatever_the_page_says(shift, alice):
    with pytest.raises(ActionError) as refused:
        actions.check_edit_shift(
            shift,
            title=shift.title,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            places=0,
            acting_user=alice,
        )
    assert refused.value.field == "places"


def test_moving_a_shift_tells_its_volunteers_and_reminds_them_for_the_new_time(
    shift, alice, bob, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    later = shift.starts_at + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(
            edit_url(shift),
            form_data(
                shift,
                starts_at=timezone.localtime(later).strftime(FORMAT),
                ends_at=timezone.localtime(later + timedelta(hours=3)).strftime(FORMAT),
            ),
        )
    assert response.status_code == 302
    [moved] = Notification.objects.filter(user=bob, key__contains="moved")
    assert "Moved: Saturday kitchen" in moved.text
    reminders = DBTaskResult.objects.filter(task_path__endswith="remind_shift_volunteers")
    assert max(job.run_after for job in reminders) > later - timedelta(days=1, minutes=5)


def test_changing_only_the_places_does_not_bother_the_volunteers(
    shift, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post(edit_url(shift), form_data(shift, places=4))
    assert not Notification.objects.filter(user=bob).exists()


def test_an_end_before_the_start_keeps_what_was_typed(shift, alice):
    data = form_data(shift, places=9)
    data["ends_at"] = (timezone.localtime(shift.starts_at) - timedelta(hours=1)).strftime(FORMAT)
    response = client_for(alice).post(edit_url(shift), data)
    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"]
    assert 'value="9"' in response.content.decode()


def test_cancelling_a_shift_tells_its_volunteers_once_it_is_done(
    shift, alice, bob, run_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.do_delete_shift(shift, acting_user=alice)
    assert not Notification.objects.filter(user=bob).exists()  # not before the commit
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    [told] = Notification.objects.filter(user=bob, key=f"shift-{shift.pk}-cancelled")
    assert "Cancelled: Saturday kitchen" in told.text
    run_jobs()
    assert [message.to for message in mail.outbox] == [[bob.email]]
    assert "Cancelled" in mail.outbox[0].subject


def test_alice_cancels_a_shift_from_its_page_and_the_log_keeps_it(shift, alice, bob):
    response = client_for(alice).post(delete_url(shift))
    assert response.status_code == 302
    assert not Shift.objects.filter(pk=shift.pk).exists()
    entry = AuditEntry.objects.get(verb="shift.deleted")
    assert entry.old["title"] == "Saturday kitchen" and entry.old["volunteers"] == [bob.pk]
    assert entry.actor == alice


def test_the_edit_page_shows_the_shift_as_it_is(shift, alice):
    response = client_for(alice).get(edit_url(shift))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Saturday kitchen"' in html and 'value="3"' in html
    assert timezone.localtime(shift.starts_at).strftime(FORMAT) in html


@pytest.mark.parametrize("who", ["bob", "carol", "dan", "admin"])
def test_only_the_projects_coordinators_edit_or_cancel_a_shift(shift, who, request):
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert client.get(edit_url(shift)).status_code == 404
    assert client.post(edit_url(shift), form_data(shift, places=50)).status_code == 404
    assert client.post(delete_url(shift)).status_code == 404
    shift.refresh_from_db()
    assert shift.places == 3


def test_a_named_coordinator_of_the_project_edits_its_shifts(riverside, alice, bob):
    project = start_project(riverside, alice, coordinators=[bob])
    shift = add_shift(project, alice, places=2)
    response = client_for(bob).post(edit_url(shift), form_data(shift, places=4))
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.places == 4


def test_a_shift_of_another_project_is_not_found_through_this_one(shift, riverside, alice):
    other = start_project(riverside, alice, name="Bike works")
    url = reverse("projects:shift_delete", kwargs={"pk": other.pk, "shift_pk": shift.pk})
    assert client_for(alice).post(url).status_code == 404
    assert Shift.objects.filter(pk=shift.pk).exists()


def test_the_project_page_offers_coordinators_to_edit_a_shift(shift, alice, bob):
    url = reverse("projects:detail", kwargs={"pk": shift.project_id})
    assert edit_url(shift) in client_for(alice).get(url).content.decode()
    assert edit_url(shift) not in client_for(bob).get(url).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"places": "1"}, "places", "needs at least 2 places"),
        ({"places": "0"}, "places", "greater than or equal to 1"),
        ({"places": "several"}, "places", "Enter a whole number."),
        ({"starts_at": "tomorrow-ish"}, "starts_at", "Enter a valid date/time."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_bad_input_on_a_shift_is_answered_next_to_the_field_and_nothing_is_lost(
    shift, alice, changes, field, message
):
    from tests.test_bad_input import assert_field_error, assert_kept

    sign_up(shift, alice)
    data = form_data(shift, title="Sunday kitchen") | changes
    response = client_for(alice).post(edit_url(shift), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert_field_error(html, field, message, changes[field] or None)
    assert f'href="#id_{field}"' in html
    if field != "title":
        assert_kept(html, "title", "Sunday kitchen")
    shift.refresh_from_db()
    assert (shift.title, shift.places) == ("Saturday kitchen", 3)
    assert not AuditEntry.objects.filter(verb="shift.edited").exists()


def test_the_shift_form_asks_a_fixed_number_of_queries_whatever_its_volunteers(riverside, alice):
    from groundwork.projects.models import ShiftSignup
    from tests.test_query_counts import add_members, assert_fixed_queries

    shift = add_shift(start_project(riverside, alice), alice, places=100)
    have = {"members": 0}

    def grow(n: int) -> str:
        people = add_members(riverside, have["members"], n)
        have["members"] = n
        ShiftSignup.objects.bulk_create(ShiftSignup(shift=shift, user=user) for user in people)
        Shift.objects.filter(pk=shift.pk).update(signup_count=n)
        return f"{n} volunteer"

    assert_fixed_queries(client_for(alice), edit_url(shift), grow)
