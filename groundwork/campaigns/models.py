"""Campaigns with demands and targets, their milestones and updates, petitions and letters."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel
from groundwork.groups.models import Group


class Campaign(TimeStampedModel):
    """A campaign of a group, or of the whole alliance when `group` is empty."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="campaigns"
    )
    title = models.CharField(max_length=160)
    summary = models.CharField(max_length=300, help_text=_("One or two sentences for the list."))
    description = models.TextField(blank=True, help_text=_("Markdown: the story of the campaign."))
    demands = models.TextField(help_text=_("What the campaign asks for, one demand per line."))
    objectives = models.ManyToManyField(
        "aims.Objective",
        blank=True,
        related_name="campaigns",
        help_text=_("The objectives of the platform this campaign works towards."),
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "status"], name="campaign_group_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", args=[self.pk])

    @property
    def demand_list(self) -> list[str]:
        return [line.strip() for line in self.demands.splitlines() if line.strip()]

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.PLANNING


class Target(models.Model):
    """Who the campaign asks to act: a council, a public body or a named representative.

    The area it answers for is a list of ONS codes and/or postcode districts (spaces between);
    a target with neither answers for everyone (a minister, a national body).

    A target of a representative's kind ("the writer's MP", "the writer's ward councillors") names
    no one: each writer's own representative is found from their postcode, in the register of an
    app further right (hooks.letter_target_finders), and the letter goes to the email address it
    publishes, so targets do not go stale after an election.
    """

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        BODY = "body", _("Public body")
        REPRESENTATIVE = "representative", _("Named representative")
        OWN_MP = "own_mp", _("Each writer's own MP")
        OWN_COUNCILLORS = "own_councillors", _("Each writer's own ward councillors")

    # Kinds whose recipient is found from each writer's postcode.
    FOUND_FROM_POSTCODE = (Kind.OWN_MP, Kind.OWN_COUNCILLORS)

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.COUNCIL)
    name = models.CharField(max_length=160, help_text=_("Such as “Southwark Council”."))
    role = models.CharField(
        max_length=160, blank=True, help_text=_("Such as “Cabinet member for housing”.")
    )
    email = models.EmailField(blank=True, help_text=_("Where letters to this target are sent."))
    ons_codes = models.CharField(
        _("ONS codes"),
        max_length=400,
        blank=True,
        help_text=_("Such as E09000028, spaces between."),
    )
    postcode_districts = models.CharField(
        max_length=400, blank=True, help_text=_("Such as SE15 SE5, spaces between.")
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    @property
    def is_found_from_postcode(self) -> bool:
        return self.kind in self.FOUND_FROM_POSTCODE

    @property
    def district_list(self) -> list[str]:
        return self.postcode_districts.split()

    @property
    def ons_code_list(self) -> list[str]:
        return self.ons_codes.split()


class Milestone(models.Model):
    """A step along the way; a win is one the campaign can celebrate."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    happened_on = models.DateField()
    is_win = models.BooleanField(_("This is a win"), default=False)
    description = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CampaignUpdate(TimeStampedModel):
    """News from the campaign, written in markdown (sanitised when shown)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("Markdown."))

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Petition(TimeStampedModel):
    """A petition of a campaign; anyone may sign, and a signature counts once its email is verified."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for signatures")
        CLOSED = "closed", _("Closed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="petitions")
    title = models.CharField(max_length=200)
    statement = models.TextField(help_text=_("Markdown: what the signers ask for."))
    target = models.ForeignKey(
        Target,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
        help_text=_("Who the petition is addressed to."),
    )
    goal = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text=_("Optional.")
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    # Denormalised so the public page never counts rows; only do_verify_signature changes it.
    signature_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:petition", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


def new_signature_token() -> str:
    return secrets.token_urlsafe(32)


class Signature(models.Model):
    """One person's signature; counted once `verified_at` is set by the link sent to the email.

    `email` is stored normalised (trimmed, lower-case), so the database itself refuses a second
    signature from the same address.
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    postcode_district = models.CharField(max_length=4)
    token = models.CharField(max_length=64, unique=True, default=new_signature_token)
    created_at = models.DateTimeField(auto_now_add=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "email"], name="one_signature_per_email_per_petition"
            )
        ]
        indexes = [
            models.Index(
                fields=["petition", "postcode_district"],
                condition=models.Q(verified_at__isnull=False),
                name="verified_signature_district",
            )
        ]

    def __str__(self) -> str:
        # Never the name or the email: this string lands in logs and the audit trail.
        return f"Signature {self.pk} of petition {self.petition_id}"


class LetterTemplate(TimeStampedModel):
    """The letter a campaign offers its supporters to personalise and send to their target."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="letter_template"
    )
    subject = models.CharField(max_length=160)
    body = models.TextField(
        help_text=_(
            "The letter without greeting or signature: “Dear …” and the member's name "
            "and postcode district are added when it is sent."
        )
    )
    is_open = models.BooleanField(_("Members can send this letter"), default=True)

    def __str__(self) -> str:
        return f"Letter of {self.campaign}"


class LetterSent(models.Model):
    """That a member sent the campaign's letter to a target: metadata only, never the letter.

    `confirmation` is the random token of the preview the member confirmed (see
    actions.check_send_letter): unique per sender, so confirming the same preview twice sends once.
    It is drawn at random, so it tells nothing of what the letter said.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="letters_sent")
    target = models.ForeignKey(Target, null=True, on_delete=models.SET_NULL, related_name="+")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    postcode_district = models.CharField(max_length=4)
    # Who it went to, for a target found from the writer's postcode (their MP's name); blank else.
    recipient = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    # Null for letters sent before confirmations were kept.
    confirmation = models.UUIDField(null=True, editable=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["sender", "sent_at"], name="letter_sender_time"),
            models.Index(fields=["campaign", "sender"], name="letter_campaign_sender"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "confirmation"], name="letter_sent_once_per_confirmation"
            )
        ]

    def __str__(self) -> str:
        return f"Letter {self.pk} of campaign {self.campaign_id}"
