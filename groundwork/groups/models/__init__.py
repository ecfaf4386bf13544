"""Groups of the alliance, their areas and membership, join requests, invitations, coordinators."""

import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel, latitude_field, longitude_field

ons_code_validator = RegexValidator(
    r"^[EWSN][0-9]{8}$", _("Enter a nine-character ONS code, such as E09000028.")
)


class Group(TimeStampedModel):
    """A local action group, a working group or a region of the alliance."""

    class Kind(models.TextChoices):
        LOCAL = "local", _("Local action group")
        WORKING = "working", _("Working group")
        REGION = "region", _("Region")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Anyone can join")
        APPROVAL = "approval", _("Organisers approve requests to join")
        INVITATION = "invitation", _("By invitation only")

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.LOCAL)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(blank=True)
    join_policy = models.CharField(
        max_length=12, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    area_name = models.CharField(max_length=120, blank=True, help_text=_("Such as “Southwark”."))
    ons_code = models.CharField(
        _("ONS local-authority code"), max_length=9, blank=True, validators=[ons_code_validator]
    )
    latitude = latitude_field()
    longitude = longitude_field()
    contact_email = models.EmailField(blank=True)
    # Denormalised so the directory and the group page never count rows; kept by the actions.
    member_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(latitude__isnull=True) & models.Q(longitude__isnull=True))
                | (models.Q(latitude__isnull=False) & models.Q(longitude__isnull=False)),
                name="group_point_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("groups:detail", kwargs={"slug": self.slug})


class PostcodeDistrict(models.Model):
    """A postcode district a group covers; one row each, so searching by district is an index hit."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="postcode_districts")
    district = models.CharField(
        max_length=4, validators=[RegexValidator(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")], db_index=True
    )

    class Meta:
        ordering = ["district"]
        constraints = [
            models.UniqueConstraint(fields=["group", "district"], name="unique_group_district")
        ]

    def __str__(self) -> str:
        return self.district


class Membership(models.Model):
    """A member of a group, with their role in it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ORGANISER = "organiser", _("Organiser")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)
    # The member's name (User.display_name) kept here, so that the member list reads a page in
    # its order from one index instead of sorting the whole group joined with its users. The
    # actions that make a member or rename one keep it in step (groups.reactions.keep_member_name).
    member_name = models.CharField(max_length=80, blank=True, default="", db_default="")

    class Meta:
        ordering = ["group__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")
        ]
        indexes = [
            models.Index(fields=["group", "role"], name="membership_group_role"),
            # The API's member list walks a group's memberships in id order (keyset pagination).
            models.Index(fields=["group", "id"], name="membership_group_then_id"),
            # The member list's order (queries.MEMBER_LIST_ORDER): organisers first, then by name.
            models.Index(
                fields=["group", "-role", "member_name", "id"], name="membership_list_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"


class JoinRequest(TimeStampedModel):
    """A request to join a group whose organisers approve new members."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an organiser")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.group}"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(TimeStampedModel):
    """An invitation by email to join a group; the token in its link is the only key."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "email"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.group} for {self.email}"


class Coordinator(models.Model):
    """An alliance coordinator: sees the alliance as a whole, not any group's private pages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator"
    )
    appointed_at = models.DateTimeField(auto_now_add=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Coordinator {self.user}"


class DistrictCentroid(models.Model):
    """The middle of a postcode district, to tell a known district and measure how far groups are.

    Groups sits left of accountability, whose postcode directory holds the points; the
    `load_district_centroids` command (in accountability) derives this table from it, and the
    demo fills it from its groups' districts. `source` says where each row came from.
    """

    district = models.CharField(
        max_length=4, unique=True, validators=[RegexValidator(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")]
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    source = models.CharField(max_length=120)

    class Meta:
        ordering = ["district"]

    def __str__(self) -> str:
        return self.district


class GroupRequest(TimeStampedModel):
    """Someone asks for a group where none is near: one per person (or email) per district."""

    district = models.CharField(
        max_length=4, validators=[RegexValidator(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")], db_index=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_requests",
    )
    # For visitors without an account, who consented to be contacted about a new group.
    email = models.EmailField(blank=True)
    note = models.TextField(blank=True, max_length=1000)
    # Set when a coordinator answers the district's requests with a group (new or existing); the
    # people who asked were told. Answered requests leave the coordinators' count.
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_with = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="answered_requests"
    )

    class Meta:
        ordering = ["district", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "district"],
                condition=models.Q(user__isnull=False),
                name="one_group_request_per_member_and_district",
            ),
            models.UniqueConstraint(
                fields=["email", "district"],
                condition=models.Q(user__isnull=True),
                name="one_group_request_per_email_and_district",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="group_request_has_member_or_email",
            ),
        ]

    def __str__(self) -> str:
        return f"A group for {self.district}"


# Mailings and members' lists imported from other tools (modules of their own: this one passed
# 400 lines).
from groundwork.groups.models.mailings import Mailing, MailingRecipient  # noqa: E402
from groundwork.groups.models.member_imports import (  # noqa: E402
    ImportedContact,
    MemberImport,
    MemberImportEmail,
    MemberImportProblem,
    member_import_path,
)

__all__ = [
    "Coordinator",
    "DistrictCentroid",
    "Group",
    "GroupRequest",
    "ImportedContact",
    "Invitation",
    "JoinRequest",
    "Mailing",
    "MailingRecipient",
    "MemberImport",
    "MemberImportEmail",
    "MemberImportProblem",
    "Membership",
    "PostcodeDistrict",
    "member_import_path",
    "new_invitation_token",
    "ons_code_validator",
]
