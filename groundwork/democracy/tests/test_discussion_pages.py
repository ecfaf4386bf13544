"""A long discussion comes in pages of threads (a comment with all its replies), the latest first
shown: every comment is on one page and reachable by links, without JavaScript, and a comment or
reply is on the page its author is sent to after writing it."""

import re

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.democracy import actions
from groundwork.democracy.models import Comment
from groundwork.democracy.queries import THREADS_PER_PAGE

pytestmark = pytest.mark.django_db

COMMENT_ID = re.compile(r'<li class="comment" id="comment-(\d+)">')
EARLIER = re.compile(r'<a href="\?comments=(\d+)#discussion" rel="prev">')


def comment(proposal, author, body, parent=None) -> Comment:
    return actions.do_comment(proposal, body=body, parent=parent, acting_user=author)


@pytest.fixture
def long_discussion(proposal, alice, bob) -> list[Comment]:
    """Two and a half pages of threads; some with replies, and replies to replies."""
    written = []
    for n in range(THREADS_PER_PAGE * 2 + THREADS_PER_PAGE // 2):
        top = comment(proposal, alice, f"Thread {n}")
        written.append(top)
        if n % 3 == 0:
            reply = comment(proposal, bob, f"Reply to {n}", parent=top)
            written += [reply, comment(proposal, alice, f"Answer to {n}", parent=reply)]
    return written


def test_every_comment_is_on_one_page_reached_by_the_earlier_comments_links(
    proposal, long_discussion, bob
):
    client = client_for(bob)
    url = reverse("democracy:proposal", args=[proposal.pk])
    seen: list[int] = []
    page = client.get(url).content.decode()
    assert "Page 3 of 3" in page  # the latest threads are shown first
    while True:
        seen = [int(pk) for pk in COMMENT_ID.findall(page)] + seen
        earlier = EARLIER.search(page)
        if earlier is None:
            break
        page = client.get(f"{url}?comments={earlier.group(1)}").content.decode()
    assert seen == sorted(c.pk for c in long_discussion)  # each once, oldest first
    assert "Page 1 of 3" in page


def test_a_reply_stays_in_its_thread_on_the_page_of_the_comment_it_answers(
    proposal, long_discussion, bob
):
    first = long_discussion[0]
    url = reverse("democracy:proposal", args=[proposal.pk])
    assert f'id="comment-{first.pk}"' not in client_for(bob).get(url).content.decode()
    response = client_for(bob).post(
        reverse("democracy:proposal_comment", args=[proposal.pk]),
        {"body": "Still on for Saturday?", "parent": first.pk},
    )
    reply = Comment.objects.get(body="Still on for Saturday?")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?comments=1#comment-{reply.pk}"
    page = client_for(bob).get(response["Location"]).content.decode()
    # Inside the thread it answers, after the replies written before it.
    thread = page[page.index(f'id="comment-{first.pk}"') :]
    assert thread.index("Answer to 0") < thread.index(f'id="comment-{reply.pk}"')


def test_a_new_comment_is_on_the_latest_page_its_author_is_sent_to(proposal, long_discussion, bob):
    response = client_for(bob).post(
        reverse("democracy:proposal_comment", args=[proposal.pk]), {"body": "Count me in."}
    )
    new = Comment.objects.get(body="Count me in.")
    url = reverse("democracy:proposal", args=[proposal.pk])
    assert response.status_code == 302 and response["Location"] == f"{url}#comment-{new.pk}"
    assert f'id="comment-{new.pk}"' in client_for(bob).get(url).content.decode()


def test_an_empty_reply_is_sent_back_on_the_page_of_the_comment_it_answers(
    proposal, long_discussion, bob
):
    first = long_discussion[0]
    response = client_for(bob).post(
        reverse("democracy:proposal_comment", args=[proposal.pk]),
        {"body": " ", "parent": first.pk},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="reply-form-{first.pk}"' in page and "Page 1 of 3" in page


@pytest.mark.parametrize("asked", ["0", "-4", "99", "two", ""])
def test_a_page_number_out_of_range_or_not_a_number_shows_a_page(
    proposal, long_discussion, bob, asked
):
    response = client_for(bob).get(
        reverse("democracy:proposal", args=[proposal.pk]), {"comments": asked}
    )
    assert response.status_code == 200
    assert re.search(r"Page [13] of 3", response.content.decode())


def test_a_short_discussion_has_no_pages(proposal, alice, bob):
    comment(proposal, alice, "Which hall?")
    page = client_for(bob).get(reverse("democracy:proposal", args=[proposal.pk])).content.decode()
    assert "Which hall?" in page and "Pages of the discussion" not in page


def test_a_member_of_another_group_gets_no_page_of_the_discussion(proposal, long_discussion, carol):
    response = client_for(carol).get(
        reverse("democracy:proposal", args=[proposal.pk]), {"comments": "1"}
    )
    assert response.status_code == 404
