"""Proposals and their deliberation, ballots and their electorates, secret votes, decisions.

Secrecy: in a secret ballot, `Elector` records *that* a member voted (with only the day), and
`CastVote` records *what* was voted, with a random id, no foreign key to anyone, no timestamp and
no sequence. Nothing in the schema links the two. At the close the ballot box is re-sealed (every
cast vote is rewritten in random order in the closing transaction), so even PostgreSQL's row
positions and transaction ids no longer tell which vote arrived with which elector.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel
from groundwork.groups.models import Group


class GroupDemocracySettings(models.Model):
    """How a group runs its proposals."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="democracy_settings")
    supporters_to_vote = models.PositiveIntegerField(
        default=0,
        help_text=_(
            "Supporters that move a proposal to a vote by themselves (0: organisers open votes)."
        ),
    )
    discussion_days = models.PositiveIntegerField(default=7, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name_plural = _("group democracy settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discussion_days__gte=1), name="discussion_lasts_a_day_or_more"
            )
        ]

    def __str__(self) -> str:
        return f"Democracy settings of {self.group}"


class Delegate(models.Model):
    """A member who represents their group at conference, casting a share of its weight."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="delegates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_delegate_seat")]

    def __str__(self) -> str:
        return f"{self.user} for {self.group}"


class Proposal(TimeStampedModel):
    """A motion put to a group, or to the whole alliance when `group` is empty."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DISCUSSION = "discussion", _("In discussion")
        VOTING = "voting", _("Being voted on")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LAPSED = "lapsed", _("Lapsed")

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("What the proposal asks for. Markdown is allowed."))
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    discussion_closes_at = models.DateTimeField(null=True, blank=True)
    supporters_to_vote = models.PositiveIntegerField(default=0)
    support_count = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "status"], name="proposal_group_status")]

    def __str__(self) -> str:
        return self.title


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="support_once")]

    def __str__(self) -> str:
        return f"{self.user} supports {self.proposal}"


class Comment(TimeStampedModel):
    """Deliberation: a comment on a proposal, or a reply to another comment."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=5000)
    # The replies in order, set on comments read through queries.discussion_of (not a column).
    children: list["Comment"]

    class Meta:
        ordering = ["created_at", "id"]


class Amendment(TimeStampedModel):
    """A change to a proposal's text, accepted by the proposer or put to a vote."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted by the proposer")
        PUT_TO_VOTE = "put_to_vote", _("Put to a vote")
        CARRIED = "carried", _("Carried by vote")
        FALLEN = "fallen", _("Fell")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="amendments")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(
        max_length=200, help_text=_("What the amendment changes, in a line.")
    )
    new_body = models.TextField(help_text=_("The proposal's full text as amended."))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.summary


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
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
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


def new_receipt() -> str:
    """A receipt code a voter can read out: four groups of four letters and digits."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


class CastVote(models.Model):
    """What was voted. In a secret ballot nothing here says who voted it, or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="cast_votes")
    receipt = models.CharField(max_length=19, default=new_receipt)
    content = models.JSONField()
    weight = models.PositiveIntegerField(default=1)
    # Only for open (roll-call) ballots; always empty in a secret ballot.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["receipt"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "receipt"], name="receipt_unique_in_ballot"),
            models.UniqueConstraint(
                fields=["ballot", "voter"],
                condition=models.Q(voter__isnull=False),
                name="one_open_vote_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"Vote {self.receipt} in {self.ballot}"


class Decision(models.Model):
    """The decision log: what a body decided, when, and with which result."""

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    # Decisions go with their group: deleting a group (an administrator's act) removes its record.
    ballot = models.OneToOneField(Ballot, on_delete=models.CASCADE, related_name="decision")
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    summary = models.CharField(max_length=300)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return self.summary
