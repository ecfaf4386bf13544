import csv
import io
import re
import zlib

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import client_for
from groundwork.campaigns import actions
from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.campaigns.tests.factories import (
    add_target,
    fast_forward_past_expiry,
    open_petition,
    sign,
    sign_and_verify,
    start_campaign,
)
from groundwork.core.errors import ActionError, RateLimited
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(riverside):
    campaign = start_campaign(riverside)
    return open_petition(campaign, target=add_target(campaign))


def count_of(petition) -> int:
    return Petition.objects.get(pk=petition.pk).signature_count


def sign_as_sam(petition, email="signer@example.net") -> actions.Signed:
    return actions.check_sign_petition(
        petition, name="Sam", email=email, postcode_district="SE15", client_key=None
    )


# --- actions --------------------------------------------------------------------------------


def test_a_signature_counts_only_once_verified(petition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signature = sign(petition, "Sam@Example.NET ")
    assert signature.email == "sam@example.net"
    assert count_of(petition) == 0
    assert actions.check_verify_signature(signature) is True
    assert count_of(petition) == 1


def test_verifying_twice_counts_once(petition):
    signature = sign_and_verify(petition)
    assert actions.check_verify_signature(signature) is False
    assert count_of(petition) == 1


def test_the_same_email_signing_twice_counts_once(petition):
    sign_and_verify(petition, "sam@example.net")
    outcome = sign_as_sam(petition, "SAM@example.net")
    assert outcome == actions.Signed.UNCHANGED
    assert Signature.objects.filter(petition=petition).count() == 1
    assert count_of(petition) == 1


def test_signing_again_soon_does_not_resend_but_later_it_does(
    petition, django_capture_on_commit_callbacks
):
    emails = DBTaskResult.objects.filter(task_path__endswith="send_email")
    with django_capture_on_commit_callbacks(execute=True):
        sign(petition)
    assert emails.count() == 1
    with django_capture_on_commit_callbacks(execute=True) as second:
        assert sign_as_sam(petition) == actions.Signed.UNCHANGED
    assert len(second) == 0 and emails.count() == 1
    Signature.objects.update(email_sent_at=None)
    assert sign_as_sam(petition) == actions.Signed.RESENT


def test_an_expired_link_is_refused_and_signing_again_gives_a_new_one(petition):
    signature = sign(petition)
    fast_forward_past_expiry(signature)
    with pytest.raises(ActionError, match="expired"):
        actions.check_verify_signature(signature)
    assert sign_as_sam(petition) == actions.Signed.RESENT
    fresh = Signature.objects.get(pk=signature.pk)
    assert fresh.token != signature.token
    assert actions.check_verify_signature(fresh) is True


def test_unverified_signatures_past_their_time_are_pruned(petition):
    kept = sign_and_verify(petition, "kept@example.net")
    stale = sign(petition, "stale@example.net")
    fast_forward_past_expiry(stale)
    assert actions.do_prune_unverified_signatures() == 1
    assert list(Signature.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_closed_petition_refuses_signatures(petition):
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.CLOSED)
    petition.refresh_from_db()
    with pytest.raises(ActionError, match="closed"):
        sign(petition)


def test_the_audit_log_never_holds_a_signers_email_or_name(petition):
    sign_and_verify(petition, "private.person@example.net", name="Private Person")
    entries = list(AuditEntry.objects.values_list("target_label", "old", "new"))
    assert entries and "private" not in repr(entries).lower()


# --- pages ----------------------------------------------------------------------------------


def test_anyone_can_sign_without_an_account_and_is_told_to_check_their_email(anon, petition):
    response = anon.post(
        reverse("campaigns:sign", args=[petition.pk]),
        {"name": "Sam", "email": "sam@example.net", "postcode": "se15 4ab"},
    )
    assert response.status_code == 302
    assert response.url == reverse("campaigns:signed", args=[petition.pk])
    signature = Signature.objects.get()
    assert (signature.postcode_district, signature.verified_at) == ("SE15", None)
    assert "check your email" in anon.get(response.url).content.decode().lower()


def test_signing_twice_on_the_page_is_harmless(anon, petition):
    data = {"name": "Sam", "email": "sam@example.net", "postcode": "SE15"}
    url = reverse("campaigns:sign", args=[petition.pk])
    assert anon.post(url, data).status_code == 302
    assert anon.post(url, data).status_code == 302
    assert Signature.objects.count() == 1


def test_a_bad_signature_form_says_why_beside_the_field_and_keeps_what_was_typed(anon, petition):
    response = anon.post(
        reverse("campaigns:sign", args=[petition.pk]),
        {"name": "Sam Signer", "email": "not-an-email", "postcode": "nowhere"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address" in html and "such as SE15" in html
    assert 'value="Sam Signer"' in html and 'value="not-an-email"' in html


@pytest.fixture
def fresh_cache():
    """Rate limits count in the cache, which outlives a test's database transaction."""
    cache.clear()
    yield
    cache.clear()


# A day's window: the count cannot roll over to a new window while the test runs.
@override_settings(GROUNDWORK_PETITION_SIGNING_LIMIT="3/86400")
def test_signing_is_rate_limited_per_address(anon, petition, fresh_cache):
    url = reverse("campaigns:sign", args=[petition.pk])
    responses = [
        anon.post(url, {"name": "X", "email": f"x{n}@example.net", "postcode": "SE15"})
        for n in range(4)
    ]
    assert [response.status_code for response in responses] == [302, 302, 302, 429]
    assert "Too many signatures from your connection" in responses[-1].content.decode()
    assert int(responses[-1].headers["Retry-After"]) > 0
    assert Signature.objects.count() == 3
    other = anon.post(
        url, {"name": "Y", "email": "y@example.net", "postcode": "SE15"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def sign_from(petition, client_key: str, email: str) -> actions.Signed:
    return actions.check_sign_petition(
        petition, name="Sam", email=email, postcode_district="SE15", client_key=client_key
    )


@override_settings(GROUNDWORK_PETITION_SIGNING_LIMIT="2/86400")
def test_the_signing_action_refuses_a_client_past_the_limit_without_any_page(petition, fresh_cache):
    sign_from(petition, "203.0.113.7", "one@example.net")
    sign_from(petition, "203.0.113.7", "two@example.net")
    with pytest.raises(RateLimited, match="Too many signatures from your connection"):
        sign_from(petition, "203.0.113.7", "three@example.net")
    assert sorted(Signature.objects.values_list("email", flat=True)) == [
        "one@example.net",
        "two@example.net",
    ]


@override_settings(GROUNDWORK_PETITION_SIGNING_LIMIT="1/86400")
def test_the_signing_limit_is_counted_per_client(petition, fresh_cache):
    sign_from(petition, "203.0.113.7", "one@example.net")
    with pytest.raises(RateLimited):
        sign_from(petition, "203.0.113.7", "two@example.net")
    assert sign_from(petition, "198.51.100.2", "two@example.net") == actions.Signed.NEW
    assert Signature.objects.count() == 2


@override_settings(GROUNDWORK_PETITION_SIGNING_LIMIT="0/60")
def test_a_signing_limit_of_nought_is_no_limit(petition, fresh_cache):
    assert sign_from(petition, "203.0.113.7", "one@example.net") == actions.Signed.NEW
    assert sign_from(petition, "203.0.113.7", "two@example.net") == actions.Signed.NEW


def test_the_verification_link_counts_on_post_not_on_get(anon, petition):
    signature = sign(petition)
    url = reverse("campaigns:verify", args=[signature.token])
    assert anon.get(url).status_code == 200
    assert count_of(petition) == 0
    response = anon.post(url)
    assert response.status_code == 302 and response.url == petition.get_absolute_url()
    assert count_of(petition) == 1
    assert "already confirmed" in anon.get(url).content.decode()


def test_a_made_up_verification_token_is_404(anon):
    assert anon.get(reverse("campaigns:verify", args=["nope"])).status_code == 404


def test_the_public_page_shows_the_verified_count_and_no_signer(anon, petition):
    sign_and_verify(petition, "secret.signer@example.net", name="Secret Signer")
    sign(petition, "pending@example.net")
    html = anon.get(petition.get_absolute_url()).content.decode()
    assert "<strong>1</strong> verified signature" in html
    assert "Secret" not in html and "secret.signer" not in html


def test_a_petition_of_a_campaign_in_planning_is_hidden_like_a_missing_one(
    anon, carol, bob, riverside
):
    petition = open_petition(start_campaign(riverside, status=Campaign.Status.PLANNING))
    assert anon.get(petition.get_absolute_url()).status_code == 404
    assert client_for(carol).get(petition.get_absolute_url()).status_code == 404
    assert client_for(bob).get(petition.get_absolute_url()).status_code == 200


# --- organisers' exports --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 404), ("carol", 404), ("dan", 404), ("admin", 404), ("alice", 200)]
)
def test_only_the_campaigns_organisers_download_signatures(request, petition, who, status):
    user = request.getfixturevalue(who)
    for name in ("campaigns:signatures_csv", "campaigns:delivery_sheet"):
        response = client_for(user).get(reverse(name, args=[petition.pk]))
        assert response.status_code == status, name


def test_the_csv_export_neutralises_formulas_and_holds_only_verified_signatures(alice, petition):
    sign_and_verify(petition, "eve@example.net", name='=HYPERLINK("http://evil.example","x")')
    sign_and_verify(petition, "sam@example.net", name="+Sam")
    sign(petition, "unverified@example.net")
    response = client_for(alice).get(reverse("campaigns:signatures_csv", args=[petition.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == ["name", "email", "postcode_district", "verified_at"]
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://evil.example","x")', "'+Sam"]
    assert AuditEntry.objects.filter(verb="petition.signatures_exported", new__count=2).exists()


def pdf_text(data: bytes) -> str:
    """The text drawn in a PDF's content streams (fpdf2 compresses them with zlib)."""
    texts = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            texts.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            texts.append(stream.decode("latin-1"))
    return "".join(texts).replace("\\(", "(").replace("\\)", ")")


def test_the_delivery_sheet_is_a_pdf_with_counts_by_area(alice, petition, riverside):
    from groundwork.groups.models import PostcodeDistrict

    PostcodeDistrict.objects.create(group=riverside, district="SE15")
    for number in range(3):
        sign_and_verify(petition, f"se15-{number}@example.net", district="SE15")
    sign_and_verify(petition, "m1@example.net", district="M1")
    response = client_for(alice).get(reverse("campaigns:delivery_sheet", args=[petition.pk]))
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    text = pdf_text(data)
    assert "4 verified signatures" in text
    assert "Southwark (E09000028)" in text and "Not known" in text
    assert "SE15" in text and "M1" in text
    assert "se15-0@example.net" not in text
