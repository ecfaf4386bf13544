"""The national-scale dataset generator, run small: its data keeps the invariants the actions keep."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from groundwork.aims.models import ObjectiveAdoption
from groundwork.campaigns.models import Signature
from groundwork.core.models import AuditEntry
from groundwork.democracy.models import Ballot, CastVote
from groundwork.events.models import Event
from groundwork.groups.models import Group, JoinRequest, Membership
from groundwork.members.models import ConsentRecord, Profile, User

pytestmark = pytest.mark.django_db

MEMBERS, GROUPS = 300, 12


def generate(*extra: str) -> str:
    out = StringIO()
    sizes = [
        "--members",
        str(MEMBERS),
        "--groups",
        str(GROUPS),
        "--events",
        "0",
        "--signatures",
        "0",
        "--ballots",
        "0",
        "--proposals",
        "40",
        "--comments",
        "200",
    ]
    call_command("generate_scale", *sizes, *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def generated(db) -> str:
    return generate()


def test_it_makes_the_members_and_groups_asked_for(generated):
    assert User.objects.count() == MEMBERS
    assert Group.objects.count() == GROUPS
    assert set(Group.objects.values_list("kind", flat=True)) == set(Group.Kind.values)
    assert len(set(Group.objects.values_list("join_policy", flat=True))) >= 2
    assert "Generated 300 members and 12 groups" in generated


def test_member_count_is_the_number_of_real_memberships(generated):
    wrong = Group.objects.annotate(real=Count("memberships")).exclude(member_count=F("real"))
    assert list(wrong.values_list("name", "member_count", "real")) == []
    assert Membership.objects.count() == sum(Group.objects.values_list("member_count", flat=True))


def test_every_group_has_an_organiser(generated):
    organised = Group.objects.filter(memberships__role=Membership.Role.ORGANISER).distinct()
    assert organised.count() == GROUPS


def test_every_member_is_in_one_to_three_groups(generated):
    counts = User.objects.annotate(in_groups=Count("memberships")).values_list(
        "in_groups", flat=True
    )
    assert set(counts) <= {1, 2, 3}
    assert 1 in set(counts) and len(set(counts)) > 1


def test_emails_are_unique_verified_and_primary(generated):
    emails = list(User.objects.values_list("email", flat=True))
    assert len(set(emails)) == MEMBERS
    assert all(
        email == email.lower() and email.split("@")[1].startswith("example.") for email in emails
    )
    addresses = EmailAddress.objects.filter(verified=True, primary=True, email=F("user__email"))
    assert addresses.count() == MEMBERS == EmailAddress.objects.count()


def test_every_member_has_a_profile_and_consents_matching_their_settings(generated):
    assert Profile.objects.count() == MEMBERS
    active = ConsentRecord.objects.filter(withdrawn_at=None)
    assert active.filter(purpose=ConsentRecord.Purpose.PRIVACY_POLICY).count() == MEMBERS
    contact = active.filter(purpose=ConsentRecord.Purpose.ORGANISER_CONTACT)
    assert contact.count() == Profile.objects.filter(allow_organiser_contact=True).count()
    sharing = active.filter(purpose=ConsentRecord.Purpose.SHARE_SKILLS)
    assert sharing.count() == Profile.objects.filter(share_skills=True).count()


def test_groups_sit_in_real_areas(generated):
    local = Group.objects.filter(kind=Group.Kind.LOCAL)
    assert local.exists()
    for group in local.prefetch_related("postcode_districts"):
        assert group.ons_code[0] in "EWSN" and len(group.ons_code) == 9
        assert group.latitude is not None and 49 < group.latitude < 61
        assert group.postcode_districts.all()
        group.full_clean()


def test_pending_join_requests_are_for_approval_groups_the_member_is_not_in(generated):
    pending = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING)
    assert pending.exists()
    assert not pending.exclude(group__join_policy=Group.JoinPolicy.APPROVAL).exists()
    assert not pending.filter(group__memberships__user=F("user")).exists()


def test_there_is_an_audit_log_long_enough_for_the_benchmark_ceiling(generated):
    assert AuditEntry.objects.count() >= 50
    assert AuditEntry.objects.filter(verb="group.created").count() == GROUPS
    appointed = AuditEntry.objects.filter(verb="membership.appointed").count()
    assert appointed == Membership.objects.filter(role=Membership.Role.ORGANISER).count()
    # Historical times, not the moment the command ran.
    assert AuditEntry.objects.dates("acted_at", "year").count() > 1


def test_members_sign_in_with_the_shared_password(generated):
    email = User.objects.order_by("pk").values_list("email", flat=True)[10]
    assert authenticate(email=email, password="groundwork-scale-2026") is not None


def test_it_refuses_a_database_that_already_has_people(generated):
    with pytest.raises(CommandError, match="already has 300 members"):
        generate()
    assert User.objects.count() == MEMBERS


def test_force_adds_a_second_population_without_collisions(generated):
    generate("--force", "--seed", "7")
    assert User.objects.count() == 2 * MEMBERS
    assert Group.objects.count() == 2 * GROUPS
    assert (
        not Group.objects.annotate(real=Count("memberships"))
        .filter(~Q(member_count=F("real")))
        .exists()
    )


def test_each_app_adds_its_rows_over_the_generated_groups(db):
    output = generate("--events", "30", "--signatures", "40", "--ballots", "4", "--votes", "60")
    groups = set(Group.objects.values_list("pk", flat=True))
    assert set(ObjectiveAdoption.objects.values_list("group_id", flat=True)) == groups
    assert Ballot.objects.count() == 4 and CastVote.objects.exists()
    assert Signature.objects.filter(verified_at__isnull=False).count() == 40
    assert Event.objects.count() == 30
    assert set(Event.objects.values_list("group_id", flat=True)) <= groups
    for bar in ("action plans", "ballots", "signatures", "events"):
        assert bar in output
