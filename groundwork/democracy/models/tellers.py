"""The sealed ballot box: who holds its keys, the tellers' shares, the sealed votes, and the only
record of voting kept over time, a count per day.

Secrecy rests on cryptography, not on the schema (`groundwork.democracy.ballot_box`): a sealed
vote names its elector, but it can be read only with the ballot's private key, which is never
stored. Any row, transaction id, order or log that links an elector to a ciphertext links them to
nothing readable. The readable votes (`CastVote`) are written only at the count, shuffled, in one
transaction that touches no elector.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from groundwork.democracy.models.ballots import Ballot, Elector
from groundwork.groups.models import Group


class TellingPanel(models.Model):
    """Who holds the keys to a body's secret ballots: a group's tellers, or (no group) the
    alliance's."""

    class Custody(models.TextChoices):
        TELLERS = "tellers", _("Tellers, a number of whom open the box together")
        RETURNING_OFFICER = "officer", _("The returning officer alone")

    group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="telling_panel"
    )
    custody = models.CharField(max_length=8, choices=Custody.choices, default=Custody.TELLERS)
    needed = models.PositiveSmallIntegerField(
        default=1, help_text=_("How many tellers must give their share to open a ballot box.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(Coalesce("group", 0), name="one_telling_panel_per_body"),
            models.CheckConstraint(condition=models.Q(needed__gte=1), name="panel_needs_one"),
        ]

    def __str__(self) -> str:
        return f"Tellers of {self.group or 'the alliance'}"


class Teller(models.Model):
    """A member trusted with a share of the key to every secret ballot of their body."""

    panel = models.ForeignKey(TellingPanel, on_delete=models.CASCADE, related_name="tellers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The public half of the teller's key; the private half is a code only the teller holds.
    public_key = models.BinaryField(max_length=32, null=True, blank=True)
    key_taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="one_teller_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.panel}"


class KeyShare(models.Model):
    """One teller's share of a secret ballot's key, sealed to the teller's own key."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="key_shares")
    teller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    sealed_share = models.BinaryField()
    # Once given at the count: sealed with the server's key until enough shares are in.
    given_share = models.BinaryField(null=True, blank=True)
    given_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "teller"], name="one_share_per_teller"),
            models.UniqueConstraint(fields=["ballot", "number"], name="share_numbers_unique"),
        ]

    def __str__(self) -> str:
        return f"Share {self.number} of {self.ballot}"


class SealedVote(models.Model):
    """A secret vote as cast: sealed to the ballot's public key, one per elector."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="sealed_votes")
    # One sealed vote per elector, enforced here. An erased member's vote stays in the box.
    elector = models.OneToOneField(
        Elector, null=True, on_delete=models.SET_NULL, related_name="sealed_vote"
    )
    ciphertext = models.BinaryField()
    tracker = models.CharField(max_length=39)

    class Meta:
        ordering = ["tracker"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "tracker"], name="tracker_unique_in_ballot"),
        ]

    def __str__(self) -> str:
        return f"Sealed vote {self.tracker}"


class VotingDay(models.Model):
    """How many votes a ballot received on a day, and how many were changed: all that is kept of
    when people voted."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="voting_days")
    day = models.DateField()
    votes = models.PositiveIntegerField(default=0)
    changes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "day"], name="one_count_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.votes} votes on {self.day}"
