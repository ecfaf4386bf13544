"""A campaign's letter to each writer's own MP or ward councillors: the campaigns app asks its
hook, the register answers from the writer's postcode, and the letter goes to the address the
register holds for the representative found."""

import re
from datetime import date

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.accountability import reactions
from groundwork.accountability.models import Area
from groundwork.accountability.tests.factories import (
    commons,
    council,
    elect,
    locate,
    publish_contact,
    ward,
)
from groundwork.campaigns.hooks import letter_target_finders
from groundwork.campaigns.models import Campaign, LetterSent, Target
from groundwork.campaigns.tests.factories import add_target, offer_letter, start_campaign
from groundwork.core.models import AuditEntry
from groundwork.members.models import Profile

pytestmark = pytest.mark.django_db

PECKHAM, RYE_LANE, CONSTITUENCY, SOUTHWARK = "E05011111", "E05011112", "E14000615", "E09000028"


@pytest.fixture
def register():
    """Southwark: two wards of SE15 in one constituency; Peckham has a councillor with an email
    address and one whose file says "NA", Rye Lane one with; the MP publishes hers."""
    southwark = council("Southwark Council", gss_code=SOUTHWARK)
    peckham = ward(southwark, "Peckham", PECKHAM)
    rye_lane = ward(southwark, "Rye Lane", RYE_LANE)
    house = commons()
    seat = Area.objects.create(
        body=house,
        kind=Area.Kind.CONSTITUENCY,
        name="Camberwell and Peckham",
        gss_code=CONSTITUENCY,
    )
    mp = elect("Harriet Example", house, seat, "Labour", start=date(2015, 5, 7))
    publish_contact(mp.person, "email", "harriet.example@parliament.uk")
    ann = elect("Ann Councillor", southwark, peckham, "Green Party", start=date(2022, 5, 5))
    publish_contact(ann.person, "email", "ann@southwark.gov.uk")
    ben = elect("Ben Noemail", southwark, peckham, "Labour", start=date(2022, 5, 5))
    publish_contact(ben.person, "email", "NA")  # as a council's file can have it
    cat = elect("Cat Councillor", southwark, rye_lane, "Labour", start=date(2022, 5, 5))
    publish_contact(cat.person, "email", "cat@southwark.gov.uk")
    for postcode, ward_code in [("SE15 4AB", PECKHAM), ("SE15 5XY", RYE_LANE)]:
        locate(postcode, ward=ward_code, constituency=CONSTITUENCY, authority=SOUTHWARK)
    return {"mp": mp, "ann": ann, "cat": cat}


def campaign_writing_to(group, *kinds, status=Campaign.Status.ACTIVE) -> Campaign:
    campaign = start_campaign(group, status=status)
    offer_letter(campaign)
    names = {Target.Kind.OWN_MP: "Your MP", Target.Kind.OWN_COUNCILLORS: "Your councillors"}
    for kind in kinds:
        add_target(campaign, name=names[kind], email="", kind=kind)
    return Campaign.objects.select_related("letter_template").get(pk=campaign.pk)


@pytest.fixture
def to_mp(riverside, register):
    return campaign_writing_to(riverside, Target.Kind.OWN_MP)


def letter_url(campaign) -> str:
    return reverse("campaigns:letter", args=[campaign.pk])


def checked(page: str) -> list[str]:
    """The labels of the checked radio buttons on the page."""
    return re.findall(
        r'<input type="radio" name="recipient" value="[^"]+"[^>]*checked[^>]*>\s*([^<]+)', page
    )


def test_bob_is_asked_his_postcode_before_the_letter(bob, to_mp):
    page = client_for(bob).get(letter_url(to_mp)).content.decode()
    assert "Find my representative" in page and 'name="postcode"' in page
    assert "Please keep the library open." not in page


def test_bobs_whole_postcode_preselects_his_mp(bob, to_mp, register):
    response = client_for(bob).get(letter_url(to_mp), {"postcode": "se154ab"})
    page = response.content.decode()
    assert response.status_code == 200
    assert checked(page) == ["Harriet Example: MP for Camberwell and Peckham, Labour"]
    assert "Your postcode: <strong>SE15 4AB</strong>" in page
    assert "Please keep the library open." in page
    assert "may cover several wards" not in page


def test_the_letter_goes_to_the_address_the_register_holds_for_bobs_mp(
    bob, to_mp, register, mailoutbox, run_jobs, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    key = f"{to_mp.targets.get().pk}-{register['mp'].pk}"
    typed = {"postcode_district": "SE15 4AB", "recipient": key, "subject": "Hi", "body": "Words"}
    preview = client.post(letter_url(to_mp), typed).content.decode()
    assert "Harriet Example &lt;harriet.example@parliament.uk&gt;" in preview
    [token] = re.findall(r'name="confirmation" value="([0-9a-f-]+)"', preview)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            letter_url(to_mp), typed | {"confirmation": token, "send": "1"}, follow=True
        )
    run_jobs()
    assert "Your letter is on its way to Harriet Example" in sent.content.decode()
    [message] = mailoutbox
    assert message.to == ["harriet.example@parliament.uk"]
    assert message.body.startswith("Dear Harriet Example,")
    letter = LetterSent.objects.get()
    assert letter.recipient == "Harriet Example" and letter.postcode_district == "SE15"
    entry = AuditEntry.objects.get(verb="campaign.letter_sent")
    assert entry.new["recipient"] == "Harriet Example"


def test_a_district_from_the_profile_lets_bob_choose_among_its_wards(bob, riverside, register):
    campaign = campaign_writing_to(riverside, Target.Kind.OWN_COUNCILLORS)
    Profile.objects.update_or_create(user=bob, defaults={"postcode_district": "SE15"})
    page = client_for(bob).get(letter_url(campaign)).content.decode()
    assert "may cover several wards" in page
    assert "Ann Councillor: councillor for Peckham, Green Party" in page
    assert "Cat Councillor: councillor for Rye Lane, Labour" in page
    assert checked(page) == [], "nobody is chosen for him where the district spans wards"
    assert "Not listed, as the register holds no email address for them: Ben Noemail." in page
    again = client_for(bob).get(letter_url(campaign), {"change": "1"}).content.decode()
    assert "Find my representative" in again and 'value="SE15"' in again


def test_the_whole_postcode_offers_only_the_councillors_of_bobs_ward(bob, riverside, register):
    campaign = campaign_writing_to(riverside, Target.Kind.OWN_COUNCILLORS)
    page = client_for(bob).get(letter_url(campaign), {"postcode": "SE15 5XY"}).content.decode()
    assert checked(page) == ["Cat Councillor: councillor for Rye Lane, Labour"]
    assert "Ann Councillor" not in page


def test_a_councillor_of_another_ward_cannot_be_posted_for_bobs_postcode(
    bob, riverside, register, mailoutbox, run_jobs
):
    campaign = campaign_writing_to(riverside, Target.Kind.OWN_COUNCILLORS)
    key = f"{campaign.targets.get().pk}-{register['ann'].pk}"  # Peckham's, not Rye Lane's
    typed = {"postcode_district": "SE15 5XY", "recipient": key, "subject": "Hi", "body": "Kept"}
    response = client_for(bob).post(letter_url(campaign), typed | {"send": "1"})
    page = response.content.decode()
    assert response.status_code == 400 and "Kept" in page
    assert "Select a valid choice" in page
    run_jobs()
    assert mailoutbox == [] and LetterSent.objects.count() == 0


def test_a_representative_no_longer_serving_is_not_offered(bob, to_mp, register):
    register["mp"].end_date = date(2024, 5, 30)
    register["mp"].save()
    response = client_for(bob).get(letter_url(to_mp), {"postcode": "SE15 4AB"})
    page = response.content.decode()
    assert response.status_code == 400 and "Harriet Example" not in page
    assert "We know of no representative for SE15 4AB" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ZZ9 9ZZ", "We do not know the postcode ZZ9 9ZZ"),
        ("not a postcode", "Enter a UK postcode, such as SE15 4AB"),
    ],
)
def test_a_postcode_that_finds_nobody_is_told_beside_the_field_as_typed(bob, to_mp, typed, message):
    response = client_for(bob).get(letter_url(to_mp), {"postcode": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and f'value="{typed}"' in page and 'aria-invalid="true"' in page


def test_a_private_campaigns_letter_is_404_for_outsiders(request, riverside, register, bob):
    campaign = campaign_writing_to(riverside, Target.Kind.OWN_MP, status=Campaign.Status.PLANNING)
    for outsider in ["carol", "dan"]:
        client = client_for(request.getfixturevalue(outsider))
        assert client.get(letter_url(campaign), {"postcode": "SE15 4AB"}).status_code == 404
    anonymous = request.getfixturevalue("anon").get(letter_url(campaign))
    assert anonymous.status_code == 302


def test_the_register_answers_only_for_the_kinds_it_knows(riverside, register):
    assert reactions.own_representatives in letter_target_finders
    campaign = start_campaign(riverside)
    council_target = add_target(campaign)
    answer = reactions.own_representatives([council_target], postcode="SE15 4AB", district="SE15")
    assert answer is None
    mp_target = add_target(campaign, name="Your MP", email="", kind=Target.Kind.OWN_MP)
    found = reactions.own_representatives([mp_target], postcode="", district="SE15")
    assert found is not None and found.known and not found.several_areas
    assert [recipient.email for recipient in found.recipients] == ["harriet.example@parliament.uk"]
    unknown = reactions.own_representatives([mp_target], postcode="", district="ZZ9")
    assert unknown is not None and not unknown.known


@pytest.mark.parametrize("wards", [1, 10, 100])
def test_the_letter_page_asks_a_fixed_number_of_queries(
    bob, riverside, wards, django_assert_max_num_queries
):
    southwark = council("Southwark Council", gss_code=SOUTHWARK)
    for number in range(wards):
        code = f"E0509{number:04d}"
        area = ward(southwark, f"Ward {number}", code)
        member = elect(f"Councillor {number}", southwark, area, "Labour")
        publish_contact(member.person, "email", f"councillor{number}@southwark.gov.uk")
        locate(f"SE15 {number % 10}{chr(65 + number // 26 % 26)}{chr(65 + number % 26)}", ward=code)
    campaign = campaign_writing_to(riverside, Target.Kind.OWN_COUNCILLORS)
    client = client_for(bob)
    # 15: the page's 14 and the bell's unread count in the navigation.
    with django_assert_max_num_queries(15):
        page = client.get(letter_url(campaign), {"postcode": "SE15"}).content.decode()
    assert page.count('name="recipient"') == wards


def test_a_campaign_with_a_council_too_offers_it_after_the_mp(
    bob, to_mp, register, mailoutbox, run_jobs, django_capture_on_commit_callbacks
):
    council_target = add_target(to_mp, name="Southwark Council", postcode_districts="SE15")
    client = client_for(bob)
    page = client.get(letter_url(to_mp), {"postcode": "SE15 4AB"}).content.decode()
    assert checked(page) == ["Harriet Example: MP for Camberwell and Peckham, Labour"]
    assert "Southwark Council: Council" in page
    typed = {
        "postcode_district": "SE15 4AB",
        "recipient": f"target-{council_target.pk}",
        "subject": "Hi",
        "body": "Words",
    }
    preview = client.post(letter_url(to_mp), typed).content.decode()
    [token] = re.findall(r'name="confirmation" value="([0-9a-f-]+)"', preview)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(letter_url(to_mp), typed | {"confirmation": token, "send": "1"})
    run_jobs()
    [message] = mailoutbox
    assert message.to == ["council@example.gov.uk"]
    letter = LetterSent.objects.get()
    assert letter.target == council_target and letter.recipient == ""
