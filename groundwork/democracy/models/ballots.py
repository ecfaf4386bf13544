"""Ballots, their options and electorates, the plaintext votes, and the decision log."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel
from groundwork.democracy.models.proposals import Amendment, Proposal
from groundwork.groups.models import Group


class Ballot(TimeStampedModel):
    """A vote: on a proposal or an amendment, or standing alone (an election, a referendum)."""

    class Method(models.TextChoices):
        MAJORITY = "majority", _("Yes / no / abstain")
        APPROVAL = "approval", _("Approval (any number of choices)")
        IRV = "irv", _("Alternative vote (instant runoff)")
        STV_SCOTTISH = "stv-scottish", _("Single transferable vote (Scottish rules)")
        STV_MEEK = "stv-meek", _("Single transferable vote (Meek)")
        SCHULZE = "schulze", _("Condorcet (Schulze)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        # Voting has stopped; a secret ballot waits here for its tellers to open the box.
        COUNTING = "counting", _("Closed, being counted")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class Electorate(models.TextChoices):
        GROUP = "group", _("The group's members")
        ALLIANCE = "alliance", _("Every member of the alliance")
        DELEGATES = "delegates", _("Delegates of the groups (each group's weight)")

    class Threshold(models.TextChoices):
        SIMPLE = "1/2", _("More than half")
        TWO_THIRDS = "2/3", _("Two thirds")
        THREE_QUARTERS = "3/4", _("Three quarters")

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="ballots"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="ballots"
    )
    amendment = models.OneToOneField(
        Amendment, null=True, blank=True, on_delete=models.CASCADE, related_name="ballot"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.MAJORITY)
    seats = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    quorum = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Share of the electorate that must take part, e.g. 0.25."),
    )
    threshold = models.CharField(max_length=4, choices=Threshold.choices, default=Threshold.SIMPLE)
    electorate = models.CharField(
        max_length=12, choices=Electorate.choices, default=Electorate.GROUP
    )
    secret = models.BooleanField(default=True)
    allow_change = models.BooleanField(
        default=True, help_text=_("Voters may change their vote until the close.")
    )
    none_of_the_above = models.BooleanField(default=False)
    # Chosen when the ballot opens: voting stops as soon as every elector has voted, through the
    # same close as at the deadline (so a secret ballot then waits for its tellers).
    close_when_all_voted = models.BooleanField(
        default=False, help_text=_("Voting closes as soon as every elector has voted.")
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A secret ballot's sealed box: the public key votes are sealed to, and how many of the
    # tellers' shares rebuild its private key (which is never stored). Set when the ballot opens.
    box_public_key = models.BinaryField(max_length=32, null=True, blank=True)
    shares_needed = models.PositiveSmallIntegerField(default=0)
    electorate_size = models.PositiveIntegerField(default=0)
    electorate_weight = models.PositiveIntegerField(default=0)
    votes_cast = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-closes_at"]
        indexes = [models.Index(fields=["status", "closes_at"], name="ballot_status_closes")]
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="ballot_seats_positive"),
            models.CheckConstraint(
                condition=models.Q(quorum__gte=0) & models.Q(quorum__lte=1),
                name="ballot_quorum_share",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ranked(self) -> bool:
        return self.method in {
            self.Method.IRV,
            self.Method.STV_SCOTTISH,
            self.Method.STV_MEEK,
            self.Method.SCHULZE,
        }


class Option(models.Model):
    """A choice on a ballot: a candidate, or an option of a referendum."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField()
    is_none_of_the_above = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "position"], name="option_position_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Elector(models.Model):
    """A member entitled to vote in a ballot (fixed when it opens), and whether they have voted."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="electors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveIntegerField(default=1)
    # Only the day: a fine timestamp could be matched against anything else that was logged.
    voted_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "user"], name="one_elector_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.ballot}"


class CastVote(models.Model):
    """A vote as counted. In a roll-call ballot, written as it is cast, with the voter. In a secret
    ballot, written only at the count, from the opened box, shuffled, with no voter, no time and a
    random id; nothing here or in the order of the rows tells who cast it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="cast_votes")
    content = models.JSONField()
    weight = models.PositiveIntegerField(default=1)
    # Only for open (roll-call) ballots; always empty in a secret ballot.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        # The random id: the published list comes in an order that says nothing.
        ordering = ["id"]
        # The published list is read a page at a time by key within its ballot (keyed_page).
        indexes = [models.Index(fields=["ballot", "id"], name="cast_vote_ballot_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "voter"],
                condition=models.Q(voter__isnull=False),
                name="one_open_vote_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"Vote in {self.ballot}"


class Decision(models.Model):
    """The decision log: what a body decided, when, and with which result: by a ballot, or by a
    step that the body's rules make a decision (an officer appointed, a recall petition that
    reached its threshold), which then links to where it is recorded."""

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    # Decisions go with their group: deleting a group (an administrator's act) removes its record.
    ballot = models.OneToOneField(
        Ballot, null=True, blank=True, on_delete=models.CASCADE, related_name="decision"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    summary = models.CharField(max_length=300)
    # Where a decision taken without a ballot is recorded (a path on this site).
    link = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return self.summary
