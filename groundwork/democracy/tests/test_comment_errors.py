"""An empty comment or reply is refused where the person is looking: beside what they wrote,
with the page brought back to it and the cursor in it, not at the top of the page."""

import re

import pytest
from django.urls import reverse

from groundwork.democracy import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(bob, riverside):
    return actions.do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )


def form_with_id(page: str, form_id: str) -> str:
    match = re.search(rf'<form [^>]*id="{form_id}"[^>]*>.*?</form>', page, re.S)
    assert match, f"no form #{form_id}"
    return match.group(0)


def test_an_empty_comment_is_refused_at_the_comment_field(cast, proposal):
    url = reverse("democracy:proposal_comment", args=[proposal.pk])
    response = cast["bob"].post(url, {"body": "  "})
    assert response.status_code == 400
    page = response.content.decode()
    form = form_with_id(page, "comment-form")
    # The form sends the page back to itself, the error is in it, and the cursor waits there.
    assert f'action="{url}#comment-form"' in form
    assert "This field is required." in form
    assert re.search(r"<textarea[^>]*autofocus", form)
    assert page.count("This field is required.") == 1  # nowhere else, not at the top


def test_an_empty_reply_is_refused_beside_the_reply(cast, proposal, alice):
    question = actions.do_comment(proposal, body="Which hall?", parent=None, acting_user=alice)
    url = reverse("democracy:proposal_comment", args=[proposal.pk])
    response = cast["bob"].post(url, {"body": " ", "parent": question.pk})
    assert response.status_code == 400
    page = response.content.decode()
    reply = form_with_id(page, f"reply-form-{question.pk}")
    assert f'action="{url}#reply-form-{question.pk}"' in reply
    assert "This field is required." in reply
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*autofocus', reply)
    assert re.search(r'<details class="reply" open>\s*<summary>', page)  # the reply stays open
    assert "This field is required." not in form_with_id(page, "comment-form")
    assert "autofocus" not in form_with_id(page, "comment-form")


def test_a_comment_that_is_written_still_goes_to_the_discussion(cast, proposal):
    url = reverse("democracy:proposal_comment", args=[proposal.pk])
    response = cast["bob"].post(url, {"body": "I can help on Saturdays."})
    assert response.status_code == 302 and "#comment-" in response.url
