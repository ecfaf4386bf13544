"""Voting records and what they are measured against: divisions of a body and how each
representative voted, policies (sets of divisions, each with a side and a strength, as
TheyWorkForYou models them), the platform's objectives each policy measures, and statements and
council decisions that organisers record against an objective.

A division is keyed by its body, date and number, never by its title: some published titles are
wrong. No Vote is stored for "no vote recorded": whether that was an absence or a seat not yet
held is for the membership dates to tell (scoring.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.models.representatives import Body, Person, Source


class Division(models.Model):
    """One vote of a body (a "division" of the Commons), by date and number that day."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="divisions")
    date = models.DateField(_("date"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    # Whether every member's vote in it is on file (a policy may name a division whose votes
    # were not published with the matrix): a missing vote then means an absence.
    recorded = models.BooleanField(default=False)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "date", "number"], name="division_once"),
        ]

    def __str__(self) -> str:
        return f"{self.date} #{self.number}"


class Vote(models.Model):
    """How one person voted in one division, as the record shows it."""

    class How(models.TextChoices):
        TELLAYE = "tellaye", _("Aye (teller)")
        AYE = "aye", _("Aye")
        BOTH = "both", _("Both (an active abstention)")
        NO = "no", _("No")
        TELLNO = "tellno", _("No (teller)")

    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="votes")
    how = models.CharField(_("vote"), max_length=8, choices=How.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["division", "person"], name="one_vote_per_division"),
        ]
        indexes = [models.Index(fields=["person", "division"], name="vote_by_person")]

    def __str__(self) -> str:
        return f"{self.person} {self.how} in {self.division}"


class Policy(models.Model):
    """A set of divisions with the side a supporter of the policy would take in each.

    Imported policies (Public Whip's) carry their source and `external_id`; a policy written here
    belongs to a group (its organisers keep it) or to the alliance (no group; its coordinators)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What a representative who agrees would want.")
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policies",
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The publisher's id (Public Whip's dream_id); blank for a policy written here.
    external_id = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    divisions = models.ManyToManyField(
        Division, through="PolicyDivision", related_name="policies", blank=True
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = _("policies")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="policy_external_id_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("accountability:policy", kwargs={"pk": self.pk})


class PolicyDivision(models.Model):
    """The side a policy takes in one division, and how much it weighs."""

    class Position(models.TextChoices):
        AYE = "aye", _("Aye")
        NO = "no", _("No")
        BOTH = "both", _("Listed, not scored")

    class Strength(models.TextChoices):
        NORMAL = "normal", _("Normal")
        STRONG = "strong", _("Strong")

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="policy_divisions")
    division = models.ForeignKey(
        Division, on_delete=models.CASCADE, related_name="policy_divisions"
    )
    position = models.CharField(_("position"), max_length=4, choices=Position.choices)
    strength = models.CharField(
        _("strength"), max_length=6, choices=Strength.choices, default=Strength.NORMAL
    )

    class Meta:
        ordering = ["division__date", "division__number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "division"], name="policy_division_once"),
        ]

    def __str__(self) -> str:
        return f"{self.policy}: {self.position} ({self.strength}) in {self.division}"


class ObjectivePolicy(models.Model):
    """The alliance's link between one objective of its platform and a policy that measures
    representatives against it."""

    objective = models.ForeignKey(
        "aims.Objective", on_delete=models.CASCADE, related_name="policy_links"
    )
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="objective_links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["objective", "policy"], name="objective_policy_once"),
        ]

    def __str__(self) -> str:
        return f"{self.objective} ← {self.policy}"


class Statement(models.Model):
    """Something a representative said or a council decided, with its date and a source link,
    recorded by organisers as for or against one of the platform's objectives."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        COUNCIL_DECISION = "council_decision", _("Council decision")

    class Stance(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    summary = models.TextField(_("what was said or decided"), max_length=2000)
    source_url = models.URLField(_("source link"), max_length=500)
    objective = models.ForeignKey(
        "aims.Objective",
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("objective"),
    )
    stance = models.CharField(_("for or against"), max_length=8, choices=Stance.choices)
    # The group whose organisers recorded it; none when coordinators did, for the alliance.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.person}, {self.date}: {self.get_stance_display()} {self.objective}"
