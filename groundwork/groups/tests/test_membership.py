"""Joining, leaving, requests and invitations, through the actions and the pages."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.groups import actions
from groundwork.groups.models import Group, Invitation, JoinRequest, Membership
from groundwork.groups.tests.factories import UserFactory, make_organiser

pytestmark = pytest.mark.django_db


def test_dan_joins_an_open_group_and_the_count_goes_up(riverside, dan):
    response = client_for(dan).post(reverse("groups:join", args=["riverside"]))
    assert response.status_code == 302
    assert Membership.objects.filter(group=riverside, user=dan, role="member").exists()
    riverside.refresh_from_db()
    assert riverside.member_count == 1
    assert AuditEntry.objects.filter(verb="membership.joined", group_id=riverside.pk).exists()


def test_joining_twice_makes_one_membership(riverside, dan):
    client = client_for(dan)
    client.post(reverse("groups:join", args=["riverside"]))
    client.post(reverse("groups:join", args=["riverside"]))
    assert Membership.objects.filter(group=riverside, user=dan).count() == 1
    riverside.refresh_from_db()
    assert riverside.member_count == 1


def test_dan_asks_to_join_an_approval_group_and_its_organisers_are_emailed(
    hillside, dan, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    organiser = UserFactory(email="farid@example.org")
    make_organiser(hillside, organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(dan).post(
            reverse("groups:join", args=["hillside"]), {"message": "I live in SE23."}
        )
    assert response.status_code == 302
    assert not Membership.objects.filter(group=hillside, user=dan).exists()
    request = JoinRequest.objects.get(group=hillside, user=dan)
    assert request.status == "pending" and request.message == "I live in SE23."
    assert mailoutbox == []  # nothing is sent inside the request: the job sends it
    run_jobs()
    assert [m.to for m in mailoutbox] == [[organiser.email]]
    assert "Dan asks to join Hillside" in mailoutbox[0].subject


def test_an_organiser_approves_a_request_and_the_member_is_told(
    alice, riverside, dan, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    riverside.join_policy = Group.JoinPolicy.APPROVAL
    riverside.save()
    request = actions.check_join_group(riverside, acting_user=dan).request
    assert request is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(
            reverse("groups:decide_request", args=["riverside", request.pk]),
            {"decision": "approve"},
        )
    assert response.status_code == 302
    assert Membership.objects.filter(group=riverside, user=dan).exists()
    run_jobs()
    assert mailoutbox[-1].to == [dan.email]
    assert "Welcome to Riverside" in mailoutbox[-1].subject


def test_deciding_a_request_twice_is_refused_with_a_message(alice, riverside, dan):
    riverside.join_policy = Group.JoinPolicy.APPROVAL
    riverside.save()
    request = actions.check_join_group(riverside, acting_user=dan).request
    assert request is not None
    actions.check_decide_join_request(request, approve=False, acting_user=alice)
    with pytest.raises(ActionError, match="already declined"):
        actions.check_decide_join_request(request, approve=True, acting_user=alice)
    assert not Membership.objects.filter(group=riverside, user=dan).exists()


def test_bob_leaves_riverside(bob, riverside):
    response = client_for(bob).post(reverse("groups:leave", args=["riverside"]))
    assert response.status_code == 302
    assert not Membership.objects.filter(group=riverside, user=bob).exists()
    riverside.refresh_from_db()
    assert riverside.member_count == 0


def test_the_only_organiser_cannot_leave(alice, riverside):
    with pytest.raises(ActionError, match="only organiser"):
        actions.check_leave_group(riverside, acting_user=alice)
    assert Membership.objects.filter(group=riverside, user=alice).exists()


def test_invitation_only_groups_refuse_requests(riverside, dan):
    riverside.join_policy = Group.JoinPolicy.INVITATION
    riverside.save()
    with pytest.raises(ActionError, match="invitation only"):
        actions.check_join_group(riverside, acting_user=dan)


def test_an_invitation_is_emailed_and_accepted_once(
    alice, riverside, dan, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post(
            reverse("groups:invitations", args=["riverside"]), {"email": dan.email}
        )
    run_jobs()
    invitation = Invitation.objects.get(group=riverside, email=dan.email)
    assert reverse("groups:invitation", args=[invitation.token]) in mailoutbox[0].body
    client = client_for(dan)
    client.post(reverse("groups:invitation", args=[invitation.token]))
    client.post(reverse("groups:invitation", args=[invitation.token]))
    assert Membership.objects.filter(group=riverside, user=dan).count() == 1


def test_an_organiser_removes_a_member(alice, bob, riverside):
    membership = Membership.objects.get(group=riverside, user=bob)
    client_for(alice).post(reverse("groups:remove_member", args=["riverside", membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(verb="membership.removed")
    assert entry.actor == alice and entry.group_id == riverside.pk


def test_a_coordinator_manages_groups_in_the_admin_but_cannot_see_who_belongs(admin, bob):
    client = client_for(admin)
    assert client.get("/admin/groups/group/").status_code == 200
    assert client.get("/admin/core/auditentry/").status_code == 200
    # Membership is not registered, and member accounts are not open to coordinators.
    assert client.get("/admin/groups/membership/").status_code == 404
    assert client.get("/admin/members/user/").status_code == 403


def test_apps_further_right_hear_when_a_member_joins_and_leaves(riverside, dan):
    from groundwork.groups.hooks import member_joined, member_left

    heard = []

    def listen(signal_name):
        def receiver(sender, membership, acting_user, **kwargs):
            # member_left comes before the row goes, so a receiver can still read it.
            still_there = Membership.objects.filter(pk=membership.pk).exists()
            heard.append((signal_name, membership.user, membership.group, still_there))

        return receiver

    on_join, on_leave = listen("joined"), listen("left")
    member_joined.connect(on_join)
    member_left.connect(on_leave)
    try:
        actions.check_join_group(riverside, acting_user=dan)
        actions.check_join_group(riverside, acting_user=dan)  # a second join is no new member
        actions.check_leave_group(riverside, acting_user=dan)
    finally:
        member_joined.disconnect(on_join)
        member_left.disconnect(on_leave)
    assert heard == [("joined", dan, riverside, True), ("left", dan, riverside, True)]


def test_inviting_someone_who_is_already_a_member_says_so_at_the_field(alice, bob, riverside):
    response = client_for(alice).post(
        reverse("groups:invitations", args=["riverside"]), {"email": bob.email.upper()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "email": [f"{bob.email.upper()} is already a member of Riverside, as {bob.name}."]
    }
    assert not Invitation.objects.filter(group=riverside).exists()
    assert not AuditEntry.objects.filter(verb="invitation.sent").exists()
