"""The bell in the navigation: every page tells a signed-in member how many notifications are unread."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.members.hooks import forget_home
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db

PAGES = ["members:home", "groups:directory", "events:list", "aims:platform", "notifications:index"]


def tell(user, count: int, *, read: bool = False, start: int = 0) -> None:
    Notification.objects.bulk_create(
        Notification(
            user=user,
            key=f"test-{start + number}",
            text=f"Thing {start + number}",
            read_at=timezone.now() if read else None,
        )
        for number in range(count)
    )
    forget_home(user.pk)  # written without the actions: the kept home page is drawn afresh


def notification_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return sum("notifications_notification" in query["sql"] for query in context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_bob_sees_his_unread_count_in_words_on_every_page(bob, carol, page):
    tell(bob, 3)
    tell(bob, 2, read=True, start=3)
    tell(carol, 5)  # another member's notifications do not count
    html = client_for(bob).get(reverse(page)).content.decode()
    assert "Notifications, 3 unread" in html
    assert f'href="{reverse("notifications:index")}"' in html


def test_on_the_home_page_the_bell_counts_every_unread_not_only_those_listed(bob, carol):
    tell(bob, 7)
    tell(bob, 4, read=True, start=7)
    tell(carol, 2, start=20)
    html = client_for(bob).get(reverse("members:home")).content.decode()
    assert "Notifications, 7 unread" in html
    assert html.count('<li class="unread">') == 5


def test_with_nothing_unread_the_bell_says_notifications_without_a_count(bob):
    tell(bob, 2, read=True)
    html = client_for(bob).get(reverse("members:home")).content.decode()
    assert "</svg> Notifications</a>" in html
    assert "unread" not in html.split("</nav>")[0]


def test_marking_all_read_empties_the_count(bob):
    tell(bob, 3)
    client = client_for(bob)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Notifications, 3 unread" not in response.content.decode()
    assert "</svg> Notifications</a>" in response.content.decode()


def test_a_visitor_has_no_bell_and_no_notification_query(anon):
    with CaptureQueriesContext(connection) as context:
        html = anon.get(reverse("groups:directory")).content.decode()
    assert "Notifications" not in html
    assert not any("notifications_notification" in q["sql"] for q in context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_the_bell_costs_one_query_whatever_the_count(bob, page):
    client = client_for(bob)
    counts = []
    for have, want in ((0, 1), (1, 10), (10, 100)):
        tell(bob, want - have, start=have)
        counts.append(notification_queries(client, reverse(page)))
    # The count rides on the query of the member's roles (groups.rules), which every signed-in
    # page makes for its navigation. The list asks twice more (count, page); the home page, drawn
    # afresh, once more for its newest unread (kept, it asks nothing more).
    expected = {"notifications:index": 3, "members:home": 2}.get(page, 1)
    assert counts == [expected] * 3, counts
    if page == "members:home":
        assert notification_queries(client, reverse(page)) == 1


def test_the_notifications_page_has_a_fixed_query_budget(bob):
    client = client_for(bob)
    counts = []
    for have, want in ((0, 1), (1, 10), (10, 100)):
        tell(bob, want - have, start=have)
        with CaptureQueriesContext(connection) as context:
            html = client.get(reverse("notifications:index")).content.decode()
        assert f"Notifications, {want} unread" in html
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
