"""A signed-in member with a verified email signs in one step, then sees it and is asked to share."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from conftest import client_for
from groundwork.campaigns.hooks import CAMPAIGN_PAGES
from groundwork.campaigns.models import Petition, Signature
from groundwork.campaigns.tests.factories import add_target, open_petition, sign, start_campaign
from groundwork.core.models import AuditEntry
from groundwork.members.hooks import LANDING
from groundwork.members.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(riverside):
    campaign = start_campaign(riverside)
    return open_petition(campaign, target=add_target(campaign))


def count_of(petition) -> int:
    return Petition.objects.get(pk=petition.pk).signature_count


def sign_url(petition) -> str:
    return reverse("campaigns:sign", args=[petition.pk])


def test_bob_signs_with_one_click_and_is_counted_at_once_without_an_email(
    bob, petition, mailoutbox, django_capture_on_commit_callbacks
):
    Profile.objects.update_or_create(user=bob, defaults={"postcode_district": "SE15"})
    page = client_for(bob).get(petition.get_absolute_url()).content.decode()
    assert "Sign as Bob" in page
    assert (
        'name="name"' not in page and 'name="email"' not in page and 'name="postcode"' not in page
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(bob).post(sign_url(petition))
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:signed", args=[petition.pk])
    signature = Signature.objects.get(petition=petition)
    assert (signature.name, signature.email, signature.postcode_district) == (
        "Bob",
        "bob@example.org",
        "SE15",
    )
    assert signature.verified_at is not None and count_of(petition) == 1
    # No confirmation email, no job: the commit only renews the kept copies that show the count,
    # the first page's and the campaign page's.
    renewed = [getattr(callback, "func", callback) for callback in callbacks]
    assert renewed == [LANDING.forget, CAMPAIGN_PAGES.forget] and mailoutbox == []
    assert AuditEntry.objects.filter(verb="petition.signed").count() == 1


def test_without_a_district_on_the_profile_the_member_gives_only_a_postcode(bob, petition):
    page = client_for(bob).get(petition.get_absolute_url()).content.decode()
    assert 'name="postcode"' in page and 'name="email"' not in page
    refused = client_for(bob).post(sign_url(petition), {"postcode": "not one"})
    assert refused.status_code == 400 and count_of(petition) == 0
    assert client_for(bob).post(sign_url(petition), {"postcode": "SE15 4AB"}).status_code == 302
    assert Signature.objects.get(petition=petition).postcode_district == "SE15"
    assert count_of(petition) == 1


def test_after_signing_the_member_sees_that_they_signed_and_a_link_to_share(bob, petition):
    client = client_for(bob)
    client.post(sign_url(petition), {"postcode": "SE15 4AB"})
    signed = client.get(reverse("campaigns:signed", args=[petition.pk])).content.decode()
    assert f"You signed “{petition.title}”" in signed
    assert "check your email" not in signed.lower()
    share_url = f"http://127.0.0.1:8000{petition.get_absolute_url()}"
    assert f'value="{share_url}"' in signed and "readonly" in signed
    assert 'href="mailto:?subject=' in signed
    assert "<script src=" in signed and "://" not in signed.split("<script src=")[1][:10]
    again = client.get(petition.get_absolute_url()).content.decode()
    assert "You signed this petition on" in again and "Sign as Bob" not in again


def test_signing_twice_counts_once(bob, petition):
    client_for(bob).post(sign_url(petition), {"postcode": "SE15 4AB"})
    second = client_for(bob).post(sign_url(petition), {"postcode": "SE15 4AB"})
    assert second.status_code == 302
    assert Signature.objects.filter(petition=petition).count() == 1 and count_of(petition) == 1


def test_an_unconfirmed_signature_from_before_is_counted_when_the_member_signs(bob, petition):
    sign(petition, email="Bob@example.org")
    assert count_of(petition) == 0
    client_for(bob).post(sign_url(petition), {"postcode": "SE15 4AB"})
    assert Signature.objects.get(petition=petition).verified_at is not None
    assert count_of(petition) == 1


def test_a_member_whose_email_is_not_verified_confirms_by_email_as_before(
    bob, petition, django_capture_on_commit_callbacks
):
    EmailAddress.objects.filter(user=bob).update(verified=False)
    page = client_for(bob).get(petition.get_absolute_url()).content.decode()
    assert 'name="email"' in page and "Sign as Bob" not in page
    form = {"name": "Bob", "email": "bob@example.org", "postcode": "SE15 4AB"}
    with django_capture_on_commit_callbacks(execute=True):
        client_for(bob).post(sign_url(petition), form)
    assert Signature.objects.get(petition=petition).verified_at is None
    assert count_of(petition) == 0


def test_a_closed_petition_refuses_the_one_step_signature(bob, petition):
    petition.status = Petition.Status.CLOSED
    petition.save()
    response = client_for(bob).post(sign_url(petition), {"postcode": "SE15 4AB"})
    assert response.status_code in (400, 404)
    assert count_of(petition) == 0
