"""Projects of groups (mutual aid, workers' co-operatives, community arts, radio and culture):
their coordinators, formation steps, needs and offers, people asking for help, volunteer rotas,
and the partner organisations groups and projects work with."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.aims.models import Objective
from groundwork.core.models import TimeStampedModel
from groundwork.groups.models import Group
from groundwork.members.models import User, postcode_district_validator

# The checklist a workers' co-operative works through to be formed, in order. Stored as the
# project's steps in the language of whoever started it.
COOPERATIVE_STEPS = [
    _("Founding members agreed"),
    _("Business plan written"),
    _("Rules adopted"),
    _("Registered with the FCA"),
    _("Bank account opened"),
    _("First general meeting held"),
]


class Project(TimeStampedModel):
    """A group's project: self-help and mutual aid, a workers' co-operative, or culture."""

    class Kind(models.TextChoices):
        MUTUAL_AID = "mutual_aid", _("Self-help and mutual aid")
        COOPERATIVE = "cooperative", _("Workers' co-operative")
        CULTURE = "culture", _("Community arts, radio and culture")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    focus = models.CharField(
        max_length=80,
        blank=True,
        help_text=_("Such as “food”, “housing advice”, “community kitchen” or “radio”."),
    )
    summary = models.CharField(max_length=240)
    description = models.TextField(blank=True, help_text=_("Markdown."))
    where = models.CharField(_("Where it happens"), max_length=200, blank=True)
    objectives = models.ManyToManyField(
        Objective,
        blank=True,
        related_name="projects",
        help_text=_("The objectives of the platform this project works towards."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ProjectCoordinator",
        related_name="coordinated_projects",
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="unique_project_name_in_group")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"pk": self.pk})

    @property
    def takes_requests(self) -> bool:
        """Only mutual-aid projects take requests for help from the public."""
        return self.kind == self.Kind.MUTUAL_AID


class ProjectCoordinator(models.Model):
    """A member of the project's group named to coordinate it (with the group's organisers)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_coordinator_row")
        ]

    def __str__(self) -> str:
        return f"{self.user} coordinates {self.project}"


class FormationStep(models.Model):
    """A step on a co-operative's way to being formed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="one_step_per_position")
        ]

    def __str__(self) -> str:
        return self.title


class Listing(TimeStampedModel):
    """Something a project needs (volunteers, a van, a kitchen) or offers (food parcels, advice).

    The area letters and local authority are copied from the postcode district and the group so
    that matching across nearby groups is an indexed lookup.
    """

    class Kind(models.TextChoices):
        NEED = "need", _("Needs")
        OFFER = "offer", _("Offers")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True, max_length=2000)
    postcode_district = models.CharField(
        max_length=4, blank=True, validators=[postcode_district_validator]
    )
    postcode_area = models.CharField(max_length=2, blank=True)
    ons_code = models.CharField(max_length=9, blank=True)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "is_open", "postcode_area"], name="listing_area"),
            models.Index(fields=["kind", "is_open", "ons_code"], name="listing_authority"),
        ]

    def __str__(self) -> str:
        return self.title


class AidRequest(TimeStampedModel):
    """A person asking a mutual-aid project for help; seen only by the project's coordinators."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        HELPED = "helped", _("Helped")
        CLOSED = "closed", _("Closed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="aid_requests")
    name = models.CharField(_("Your name"), max_length=120)
    contact = models.CharField(
        _("How to reach you"), max_length=200, help_text=_("A phone number or an email address.")
    )
    need = models.TextField(_("What you need"), max_length=2000)
    postcode_district = models.CharField(
        max_length=4,
        validators=[postcode_district_validator],
        help_text=_("The first half of your postcode, such as SE15."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NEW)

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return f"Request to {self.project}"


class Shift(models.Model):
    """A slot on a project's volunteer rota, with a number of places."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="shifts")
    title = models.CharField(max_length=120)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    places = models.PositiveSmallIntegerField()
    # Kept by the sign-up actions in the same statement that checks it, so two people can never
    # take the last place; the check constraint is the database's own guard.
    signup_count = models.PositiveSmallIntegerField(default=0)
    # Not a column: the project page sets who volunteered, or None if the viewer may not see it.
    volunteer_list: list[User] | None

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signup_count__lte=models.F("places")),
                name="shift_not_over_capacity",
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="shift_has_places"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int:
        return self.places - self.signup_count


class ShiftSignup(models.Model):
    """A member's place on a shift: one per member per shift."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shift_signups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "user"], name="one_signup_per_member_per_shift"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.shift}"


class Partner(TimeStampedModel):
    """An organisation the alliance works with: a trade union, a co-operative, a community body."""

    class Kind(models.TextChoices):
        TRADE_UNION = "trade_union", _("Trade union")
        COOPERATIVE = "cooperative", _("Co-operative")
        COMMUNITY = "community", _("Community organisation")

    name = models.CharField(max_length=160, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partnership(TimeStampedModel):
    """How a group (and maybe one of its projects) works with a partner, and since when."""

    class Kind(models.TextChoices):
        AFFILIATED = "affiliated", _("Affiliated")
        SUPPORTS = "supports", _("Supports us")
        FUNDS = "funds", _("Funds us")
        PREMISES = "premises", _("Shares premises")
        JOINT = "joint", _("Joint campaign or project")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="partnerships")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="partnerships")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="partnerships"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    since = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["partner__name", "id"]

    def __str__(self) -> str:
        return f"{self.group} and {self.partner}"
