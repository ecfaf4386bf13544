"""Proposals and their deliberation, groups' democracy settings and delegates."""

from django.conf import settings
from django.core.validators import MinValueValidator
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
    # The replies in order, set on comments read through queries.discussion_page (not a column).
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
