"""The seeded platform, its versioned editing, and members adopting it."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims import actions, queries
from groundwork.aims.models import Aim, Objective, PlatformAdoption, Revision
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_founding_text_seeds_five_aims_and_five_objectives_with_points():
    assert list(Aim.objects.values_list("title", flat=True)) == [
        "Participatory democracy and accountable representatives",
        "A green new deal",
        "Ending the power of the military-industrial complex through defence diversification",
        "Restructuring the economy and reversing privatisation",
        "Defining economic success by outcomes for people",
    ]
    titles = list(Objective.objects.values_list("title", flat=True))
    assert len(titles) == 5
    assert titles[0] == "Local action groups and self-help projects"
    assert "Lucas Plan" in titles[2] and "demystify economics" in titles[4]
    assert all(len(objective.point_list) >= 3 for objective in Objective.objects.all())
    assert Revision.objects.filter(platform_version=1, edited_by=None).count() == 10
    assert queries.platform_version() == 1


def test_an_edit_keeps_the_previous_text_with_who_and_when(admin):
    aim = Aim.objects.get(number=2)
    before = aim.text
    revision = actions.do_edit_plank(
        aim,
        values={"title": aim.title, "text": "A new text.", "points": aim.points},
        note="Conference 2026",
        acting_user=admin,
    )
    aim.refresh_from_db()
    assert (aim.version, aim.text) == (2, "A new text.")
    assert revision is not None
    assert revision.edited_by == admin and revision.platform_version == 2
    assert Revision.objects.get(aim=aim, version=1).text == before
    entry = AuditEntry.objects.get(verb="aim.edited")
    assert entry.old == {"text": before} and entry.new["version"] == 2
    assert queries.platform_version() == 2


def test_saving_the_same_text_makes_no_version(admin):
    aim = Aim.objects.get(number=1)
    values = {"title": aim.title, "text": aim.text, "points": aim.points}
    assert actions.do_edit_plank(aim, values=values, acting_user=admin) is None
    assert Revision.objects.filter(aim=aim).count() == 1


def test_the_coordinator_edits_through_the_page_and_the_history_shows_it(admin, anon):
    objective = Objective.objects.get(number=5)
    url = reverse("aims:objective_edit", kwargs={"pk": objective.pk})
    response = client_for(admin).post(
        url, {"title": "Teach-ins that demystify economics", "text": "", "points": "One\nTwo"}
    )
    assert response.status_code == 302
    history = anon.get(reverse("aims:history")).content.decode()
    assert "Teach-ins that demystify economics" in history and "Sam" in history


def test_an_empty_title_keeps_what_was_typed_and_says_why(admin):
    url = reverse("aims:aim_edit", kwargs={"pk": Aim.objects.get(number=1).pk})
    response = client_for(admin).post(url, {"title": "", "text": "Kept text", "points": ""})
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert response.context["form"].errors["title"]


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "dan"])
def test_only_coordinators_edit_the_platform(who, request):
    user = request.getfixturevalue(who)
    url = reverse("aims:aim_edit", kwargs={"pk": Aim.objects.get(number=1).pk})
    assert client_for(user).post(url, {"title": "Hijacked"}).status_code == 404
    assert not Aim.objects.filter(title="Hijacked").exists()


def test_dan_adopts_the_platform_once_and_can_withdraw(dan):
    client = client_for(dan)
    client.post(reverse("aims:adopt"))
    client.post(reverse("aims:adopt"))
    adoption = PlatformAdoption.objects.get(user=dan)
    assert adoption.version == 1 and adoption.withdrawn_at is None
    assert AuditEntry.objects.filter(verb="platform.adopted").count() == 1
    client.post(reverse("aims:withdraw"))
    adoption.refresh_from_db()
    assert adoption.withdrawn_at is not None
    client.post(reverse("aims:adopt"))
    assert PlatformAdoption.objects.filter(user=dan, withdrawn_at=None).count() == 1


def test_the_home_page_asks_until_the_member_has_adopted(bob, django_capture_on_commit_callbacks):
    client = client_for(bob)
    assert "Read and adopt the platform" in client.get(reverse("members:home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # as the request's commit would
        actions.do_adopt_platform(bob, acting_user=bob)
    assert "Read and adopt the platform" not in client.get(reverse("members:home")).content.decode()
