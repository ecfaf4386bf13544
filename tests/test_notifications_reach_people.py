"""Join requests, help requests to the other groups and ballots reach the people concerned in the
app as well as by email, as each of them chose (notification preferences, kind by kind)."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.democracy.tests.factories import open_ballot
from groundwork.groups import actions as group_actions
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import UserFactory, make_organiser
from groundwork.notifications.actions import do_set_notification_preferences
from groundwork.notifications.models import Delivery, Notification, NotificationKind
from groundwork.resources.actions import check_ask_for_help

pytestmark = pytest.mark.django_db


def bell(user) -> str:
    return client_for(user).get(reverse("notifications:index")).content.decode()


def test_a_join_request_reaches_the_organisers_in_the_app_and_by_email_and_is_done_for_all(
    alice, riverside, dan, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    riverside.join_policy = Group.JoinPolicy.APPROVAL
    riverside.save(update_fields=["join_policy"])
    farid = UserFactory(email="farid@example.org", display_name="Farid")
    make_organiser(riverside, farid)
    do_set_notification_preferences(
        farid, deliveries={NotificationKind.GROUPS: Delivery.APP}, acting_user=farid
    )
    with django_capture_on_commit_callbacks(execute=True):
        request = group_actions.check_join_group(riverside, acting_user=dan).request
    run_jobs()
    assert [m.to for m in mailoutbox] == [[alice.email]]  # farid chose the app only
    for organiser in (alice, farid):
        assert "Dan asks to join Riverside." in bell(organiser)
    assert request is not None
    with django_capture_on_commit_callbacks(execute=True):
        client_for(farid).post(
            reverse("groups:decide_request", args=["riverside", request.pk]),
            {"decision": "approve"},
        )
    run_jobs()
    # farid decided it, so it is done for alice too; dan is told in the app and by email.
    assert not Notification.objects.filter(user__in=[alice, farid], read_at=None).exists()
    assert "approved your request" in bell(dan)
    assert mailoutbox[-1].to == [dan.email]
    assert "Welcome to Riverside" in mailoutbox[-1].subject


def test_a_help_request_reaches_the_other_groups_organisers_in_the_app_and_their_digest(
    alice, bob, riverside, hillside, carol, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    farid = UserFactory(email="farid@example.org", display_name="Farid")
    make_organiser(hillside, farid)
    with django_capture_on_commit_callbacks(execute=True):
        check_ask_for_help(
            group=riverside, title="Who has run a rent strike?", body="", acting_user=bob
        )
    run_jobs()
    assert "Riverside asks the alliance: “Who has run a rent strike?”" in bell(farid)
    told = Notification.objects.filter(kind=NotificationKind.HELP)
    assert list(told.values_list("user", "digest_due")) == [(farid.pk, Delivery.DAILY)]
    assert mailoutbox == []  # help requests wait for the daily digest unless farid chooses


def test_a_ballot_opening_is_emailed_at_once_except_to_whoever_chose_otherwise(
    alice, bob, riverside, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    do_set_notification_preferences(
        bob, deliveries={NotificationKind.DEMOCRACY: Delivery.DAILY}, acting_user=bob
    )
    with django_capture_on_commit_callbacks(execute=True):
        open_ballot(riverside, alice, title="Adopt the housing charter", secret=False)
    run_jobs()
    opened = [m.to for m in mailoutbox if m.subject.startswith("Voting is open")]
    assert opened == [[alice.email]]
    assert "Voting is open: Adopt the housing charter" in bell(bob)
    assert bob.notifications.get(key__endswith="-opened").digest_due == Delivery.DAILY
