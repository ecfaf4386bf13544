"""Every change to a member's account, profile and consents; their data rights (a download of
everything held, erasure) are in `rights.py`."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from groundwork.core.audit import changes, record, values_of
from groundwork.members.hooks import member_renamed
from groundwork.members.models import ConsentRecord, Profile, User

PROFILE_FIELDS = [
    "pronouns",
    "postcode_district",
    "skills",
    "interests",
    "share_skills",
    "show_pronouns",
    "allow_organiser_contact",
]
# Privacy settings that are also consents: switching one on records a consent, off withdraws it.
CONSENT_SETTINGS = {
    "share_skills": ConsentRecord.Purpose.SHARE_SKILLS,
    "allow_organiser_contact": ConsentRecord.Purpose.ORGANISER_CONTACT,
}


def profile_of(user: User) -> Profile:
    """The member's profile, created empty the first time it is asked for."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def _save_name(user: User, *, display_name: str) -> None:
    """Save the member's name and tell the apps that keep a copy of it (`member_renamed`; sent
    even when the name looks unchanged, as `user` may be older than its row); the calling action
    is atomic and writes the audit entry."""
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    member_renamed.send(sender=User, user=user)


@transaction.atomic
def do_sign_up_member(
    user: User, *, display_name: str, organiser_contact: bool = False, acting_user: User
) -> None:
    """Complete a new account: its name, an empty profile and the privacy-policy consent, and
    consent to contact by organisers only if the person ticked it (it is never ticked for them)."""
    _save_name(user, display_name=display_name)
    profile = profile_of(user)
    if profile.allow_organiser_contact != organiser_contact:
        profile.allow_organiser_contact = organiser_contact
        profile.save(update_fields=["allow_organiser_contact"])
    do_give_consent(user, purpose=ConsentRecord.Purpose.PRIVACY_POLICY, acting_user=acting_user)
    if organiser_contact:
        do_give_consent(
            user, purpose=ConsentRecord.Purpose.ORGANISER_CONTACT, acting_user=acting_user
        )
    record(actor=acting_user, verb="member.signed_up", target=user)


@transaction.atomic
def do_update_profile(user: User, *, display_name: str, values: dict, acting_user: User) -> Profile:
    """Save the member's name, profile and privacy settings; consents follow the settings."""
    profile = profile_of(user)
    old = values_of(profile, PROFILE_FIELDS) | {"display_name": user.display_name}
    for field in PROFILE_FIELDS:
        setattr(profile, field, values[field])
    profile.save()
    _save_name(user, display_name=display_name)
    for setting, purpose in CONSENT_SETTINGS.items():
        if values[setting] and not old[setting]:
            do_give_consent(user, purpose=purpose, acting_user=acting_user)
        elif old[setting] and not values[setting]:
            do_withdraw_consent(user, purpose=purpose, acting_user=acting_user)
    new = {field: values[field] for field in PROFILE_FIELDS} | {"display_name": display_name}
    old, new = changes(old, new)
    record(actor=acting_user, verb="profile.updated", target=user, old=old, new=new)
    return profile


@transaction.atomic
def do_give_consent(user: User, *, purpose: str, acting_user: User) -> ConsentRecord:
    """Record the member's consent to `purpose` under the current policy (once while active)."""
    existing = ConsentRecord.objects.filter(user=user, purpose=purpose, withdrawn_at=None).first()
    if existing:
        return existing
    consent = ConsentRecord.objects.create(
        user=user, purpose=purpose, policy_version=settings.GROUNDWORK_PRIVACY_POLICY_VERSION
    )
    record(actor=acting_user, verb="consent.given", target=consent, new={"purpose": purpose})
    return consent


@transaction.atomic
def do_withdraw_consent(user: User, *, purpose: str, acting_user: User) -> None:
    """Withdraw the member's active consent to `purpose`, keeping the record of when."""
    consent = ConsentRecord.objects.filter(user=user, purpose=purpose, withdrawn_at=None).first()
    if consent is None:
        return
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    record(actor=acting_user, verb="consent.withdrawn", target=consent, old={"purpose": purpose})
    profile = profile_of(user)
    for setting, setting_purpose in CONSENT_SETTINGS.items():
        if setting_purpose == purpose and getattr(profile, setting):
            setattr(profile, setting, False)
            profile.save(update_fields=[setting])
