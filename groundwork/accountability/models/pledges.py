"""Pledges a campaign asks representatives to sign, and each representative's answer: signed,
declined or no answer, with its date and the evidence for it (a link or a note).

A pledge may name a policy: the divisions in which a representative keeps or breaks it. A
representative who signed and afterwards voted against the policy's side is flagged (pledging.py).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.models.representatives import Person
from groundwork.accountability.models.votes import Policy


class Pledge(models.Model):
    """What a campaign asks representatives to commit to."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="pledges"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what they pledge"), max_length=4000)
    policy = models.ForeignKey(
        Policy,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
        verbose_name=_("policy"),
        help_text=_("The divisions in which a representative keeps or breaks the pledge."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A second press of "Create" finds the first pledge instead of making another.
            models.UniqueConstraint(fields=["campaign", "title"], name="pledge_title_once"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("accountability:pledge", kwargs={"pk": self.pk})


class PledgeAnswer(models.Model):
    """One representative's answer to a pledge, as the campaign's organisers recorded it."""

    class Status(models.TextChoices):
        SIGNED = "signed", _("Signed")
        DECLINED = "declined", _("Declined")
        NO_ANSWER = "no_answer", _("No answer")

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pledge_answers")
    status = models.CharField(_("answer"), max_length=10, choices=Status.choices)
    # The day they signed or declined; for no answer, the day the organisers last asked.
    answered_on = models.DateField(_("date"))
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_note = models.TextField(_("evidence note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "person"], name="one_answer_per_pledge"),
            # Signed or declined must show how we know: a link or a note.
            models.CheckConstraint(
                condition=models.Q(status="no_answer")
                | ~models.Q(evidence_url="")
                | ~models.Q(evidence_note=""),
                name="pledge_answer_has_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.status} ({self.pledge})"
