"""New members are asked, once per platform version, to adopt the platform."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims import actions
from groundwork.aims.models import Aim, PlatformAdoption
from groundwork.core.models import AuditEntry
from groundwork.groups.actions import check_join_group
from groundwork.groups.tests.factories import GroupFactory, join
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def prompts_of(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, key__startswith="platform-adoption"))


def change_the_platform(admin) -> None:
    aim = Aim.objects.get(number=1)
    actions.do_edit_plank(
        aim, values={"title": aim.title, "text": "Changed.", "points": ""}, acting_user=admin
    )


def test_dan_joining_a_group_is_asked_to_adopt_the_platform(
    riverside, dan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check_join_group(riverside, acting_user=dan)
    [prompt] = prompts_of(dan)
    assert prompt.url == reverse("aims:platform") + "#adopt-heading"
    assert "adopt" in prompt.text
    page = client_for(dan).get(reverse("notifications:index")).content.decode()
    assert prompt.text in page and reverse("aims:platform") in page


def test_dan_joining_a_second_group_is_not_asked_again(
    riverside, dan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check_join_group(riverside, acting_user=dan)
        check_join_group(GroupFactory(name="Eastside", slug="eastside"), acting_user=dan)
    assert len(prompts_of(dan)) == 1


def test_the_prompt_waits_for_the_membership_to_be_saved(
    riverside, dan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        check_join_group(riverside, acting_user=dan)
    assert prompts_of(dan) == []
    assert callbacks


def test_someone_who_adopted_the_current_platform_is_not_asked(
    riverside, dan, django_capture_on_commit_callbacks
):
    actions.do_adopt_platform(dan, acting_user=dan)
    with django_capture_on_commit_callbacks(execute=True):
        check_join_group(riverside, acting_user=dan)
    assert prompts_of(dan) == []


def test_someone_who_adopted_an_older_version_is_asked_to_adopt_the_new_one(
    riverside, dan, admin, django_capture_on_commit_callbacks
):
    actions.do_adopt_platform(dan, acting_user=dan)
    change_the_platform(admin)
    with django_capture_on_commit_callbacks(execute=True):
        check_join_group(riverside, acting_user=dan)
    [prompt] = prompts_of(dan)
    assert "version 2" in prompt.text


def test_a_new_version_of_the_platform_asks_again_on_the_next_join(
    riverside, hillside, dan, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check_join_group(riverside, acting_user=dan)
    change_the_platform(admin)
    with django_capture_on_commit_callbacks(execute=True):
        join(GroupFactory(name="Eastside", slug="eastside"), dan)
    assert sorted(prompt.key for prompt in prompts_of(dan)) == [
        "platform-adoption-v1",
        "platform-adoption-v2",
    ]


def test_adopting_after_the_platform_changed_adopts_the_new_version(dan, admin):
    first = actions.do_adopt_platform(dan, acting_user=dan)
    change_the_platform(admin)
    page = client_for(dan).get(reverse("aims:platform")).content.decode()
    assert "I adopt version 2 of the platform" in page
    client_for(dan).post(reverse("aims:adopt"))
    current = PlatformAdoption.objects.get(user=dan, withdrawn_at=None)
    assert current.version == 2
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    entry = AuditEntry.objects.filter(verb="platform.adopted").first()
    assert entry is not None
    assert (entry.old, entry.new) == ({"version": 1}, {"version": 2})
    page = client_for(dan).get(reverse("aims:platform")).content.decode()
    assert "I adopt version 2 of the platform" not in page


def test_adopting_the_platform_clears_the_prompt_and_the_bell(
    riverside, dan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check_join_group(riverside, acting_user=dan)
    Notification.objects.create(user=dan, key="something-else", text="Something else")
    client = client_for(dan)
    assert "Notifications, 2 unread" in client.get(reverse("aims:platform")).content.decode()
    response = client.post(reverse("aims:adopt"), follow=True)
    [prompt] = prompts_of(dan)
    assert prompt.read_at is not None
    assert Notification.objects.get(key="something-else").read_at is None  # only what was done
    assert "Notifications, 1 unread" in response.content.decode()


def test_adopting_the_new_version_clears_the_prompt_about_it(
    riverside, dan, admin, django_capture_on_commit_callbacks
):
    actions.do_adopt_platform(dan, acting_user=dan)
    change_the_platform(admin)
    with django_capture_on_commit_callbacks(execute=True):
        check_join_group(riverside, acting_user=dan)
    [prompt] = prompts_of(dan)
    assert prompt.read_at is None
    actions.do_adopt_platform(dan, acting_user=dan)
    prompt.refresh_from_db()
    assert prompt.read_at is not None
