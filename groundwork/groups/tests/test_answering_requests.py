"""Coordinators answer the people waiting for a group in a district with a group, new or near;
the people who asked are told in the app and by email, and the district leaves the count."""

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.groups import actions
from groundwork.groups.models import DistrictCentroid, GroupRequest, PostcodeDistrict
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db

LIST = reverse("groups:group_requests")


def answer_url(district: str) -> str:
    return reverse("groups:answer_group_requests", args=[district])


@pytest.fixture
def waiting_in_se22(riverside, dan):
    """Dan (signed up) and a visitor by email wait for a group in SE22; Riverside is near."""
    riverside.latitude, riverside.longitude = Decimal("51.47000"), Decimal("-0.06500")
    riverside.save()
    DistrictCentroid.objects.create(
        district="SE22", latitude=Decimal("51.45300"), longitude=Decimal("-0.07000"), source="t"
    )
    actions.do_request_group("SE22", note="Near Goose Green.", acting_user=dan)
    actions.do_request_group("SE22", email="Visitor@Example.net", acting_user=None)


def test_a_coordinator_answers_se22_with_riverside_and_both_people_are_told(
    admin, dan, riverside, waiting_in_se22, run_jobs, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(admin)
    page = client.get(answer_url("SE22")).content.decode()
    assert "2 people are waiting for a group here." in page
    assert "Near Goose Green." in page and "visitor@example.net" not in page
    assert f'value="{riverside.slug}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url("SE22"), {"group": riverside.slug})
    assert response.status_code == 302 and response["Location"] == LIST
    run_jobs()

    notification = Notification.objects.get(user=dan)
    assert "Riverside" in notification.text and notification.url == riverside.get_absolute_url()
    told = {message.to[0]: message for message in mailoutbox}
    assert set(told) == {dan.email, "visitor@example.net"}
    assert "Riverside" in told["visitor@example.net"].subject
    assert riverside.get_absolute_url() in told["visitor@example.net"].body
    assert GroupRequest.objects.filter(answered_with=riverside).count() == 2
    entry = AuditEntry.objects.get(verb="group_request.answered")
    assert entry.actor == admin and entry.new == {"district": "SE22", "requests": 2}
    after = client.get(LIST).content.decode()
    assert "2 people who asked for SE22 were told about Riverside." in after
    assert answer_url("SE22") not in after
    assert client.get(answer_url("SE22")).status_code == 404


def test_answering_again_tells_nobody_twice(admin, riverside, waiting_in_se22):
    assert actions.check_answer_group_requests("SE22", group=riverside, acting_user=admin) == 2
    assert actions.check_answer_group_requests("SE22", group=riverside, acting_user=admin) == 0
    assert AuditEntry.objects.filter(verb="group_request.answered").count() == 1


def test_only_a_coordinator_may_answer(alice, riverside, waiting_in_se22):
    with pytest.raises(ActionError):
        actions.check_answer_group_requests("SE22", group=riverside, acting_user=alice)
    assert client_for(alice).post(answer_url("SE22"), {"group": riverside.slug}).status_code == 404
    assert not GroupRequest.objects.exclude(answered_at=None).exists()


def test_a_group_far_away_cannot_be_picked(admin, hillside, waiting_in_se22):
    """Hillside has no place and covers no district near: it is not offered, and a forged
    answer is refused at the field."""
    response = client_for(admin).post(answer_url("SE22"), {"group": hillside.slug})
    assert response.status_code == 400
    assert not GroupRequest.objects.exclude(answered_at=None).exists()


def test_a_new_group_started_for_se22_covers_it_and_is_offered_first(admin, waiting_in_se22):
    client = client_for(admin)
    page = client.get(answer_url("SE22")).content.decode()
    assert f"{reverse('groups:create')}?district=SE22" in page
    form = client.get(reverse("groups:create") + "?district=SE22").content.decode()
    assert 'value="SE22"' in form
    peckham = actions.do_create_group(
        values={"name": "East Dulwich", "kind": "local"}, districts=["SE22"], acting_user=admin
    )
    assert PostcodeDistrict.objects.filter(group=peckham, district="SE22").exists()
    page = client.get(answer_url("SE22")).content.decode()
    assert page.index("East Dulwich") < page.index("Riverside")
