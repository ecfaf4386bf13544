"""The member: an email account, their profile, privacy settings and consent records."""

from datetime import datetime
from typing import ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Identified by email; shown by their display name."""

    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=80, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text=_("Can use the Django admin (alliance coordinators).")
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when the member deleted their account: the row stays, without anything that names them,
    # so their anonymous part in the movement's records (a vote, a signature, a proposal) holds.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["display_name", "email"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """What others see: the display name, or the part of the email before the @."""
        return shown_name(self.display_name, self.email, self.erased_at)


def shown_name(display_name: str, email: str, erased_at: datetime | None) -> str:
    """`User.name` from the user's columns, for lists read as values rather than as users."""
    if erased_at is not None:
        return str(_("a former member"))
    return display_name or email.split("@")[0]


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind `core.access.access` gets when it requires sign-in (the default):
    its `user` is a member, never AnonymousUser. A type for the checker; Django builds the request."""

    user: User


postcode_district_validator = RegexValidator(
    r"^[A-Z]{1,2}[0-9][0-9A-Z]?$",
    _("Enter the first half of a UK postcode, such as SE15 or M1."),
)


class Profile(TimeStampedModel):
    """What a member tells the movement about themselves; shared only as their settings allow."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    pronouns = models.CharField(max_length=40, blank=True)
    postcode_district = models.CharField(
        max_length=4, blank=True, validators=[postcode_district_validator]
    )
    skills = models.TextField(blank=True, help_text=_("One per line."))
    interests = models.TextField(blank=True, help_text=_("One per line."))
    # Privacy settings: everything is private until the member says otherwise.
    share_skills = models.BooleanField(
        default=False,
        help_text=_("Organisers across the alliance may see my skills and interests."),
    )
    show_pronouns = models.BooleanField(
        default=True, help_text=_("Show my pronouns beside my name.")
    )
    # Consent to contact is opt-in: never ticked for the person.
    allow_organiser_contact = models.BooleanField(
        default=False, help_text=_("Organisers of my groups may email me about the group's work.")
    )

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class ConsentRecord(models.Model):
    """A consent the member gave, to which version of which policy, and its withdrawal."""

    class Purpose(models.TextChoices):
        PRIVACY_POLICY = "privacy_policy", _("Privacy policy and membership records")
        SHARE_SKILLS = "share_skills", _("Share my skills with organisers across the alliance")
        ORGANISER_CONTACT = "organiser_contact", _("Organisers may contact me by email")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=40, choices=Purpose.choices)
    policy_version = models.CharField(max_length=20)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.policy_version})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


def export_file_path(export: "PersonalDataExport", filename: str) -> str:
    """Where a built export is stored under MEDIA_ROOT: a random name, not the member's."""
    return f"var/exports/{filename}"


class PersonalDataExport(models.Model):
    """A member's request for a copy of everything the platform holds about them: built by the
    job worker, downloadable by them alone until `expires_at`, then deleted."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Could not be prepared")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREPARING)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to=export_file_path, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Data export {self.pk}"

    @property
    def is_downloadable(self) -> bool:
        return (
            self.status == self.Status.READY
            and bool(self.file)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
