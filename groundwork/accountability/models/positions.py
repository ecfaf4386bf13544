"""The movement's own representatives: positions in a group or the alliance (secretary, treasurer,
delegate to a conference...), the terms of those who hold them, the ballots that fill them, their
mandates, the meetings they attend and report back from, and recall petitions against them.

A term is never rewritten: a holder who steps down, is recalled or reaches the end of their term
has their term ended, and the position's history keeps it. Who may take part is the position's
electorate, as for a ballot of the democracy app."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel
from groundwork.democracy.models import Ballot, Decision, Option
from groundwork.groups.models import Group

# The alliance has no settings row of its own: its positions follow these.
DEFAULT_REPORT_DUE_DAYS = 14
DEFAULT_RECALL_SHARE = Decimal("0.20")
DEFAULT_RECALL_WINDOW_DAYS = 28


class AccountabilitySettings(models.Model):
    """A group's rules for holding its representatives to account."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="accountability_settings"
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("report-backs due after (days)"),
        default=DEFAULT_REPORT_DUE_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_("How many days after a meeting its report-back is overdue."),
    )
    recall_share = models.DecimalField(
        _("share of the electorate to open a recall ballot"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_RECALL_SHARE,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_("0.20 means one in five of those who elect the position."),
    )
    recall_window_days = models.PositiveSmallIntegerField(
        _("days to gather a recall petition's signatures"),
        default=DEFAULT_RECALL_WINDOW_DAYS,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name_plural = _("accountability settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(report_due_days__gte=1), name="report_due_a_day_or_more"
            ),
            models.CheckConstraint(
                condition=Q(recall_share__gt=0) & Q(recall_share__lte=1),
                name="recall_share_is_a_share",
            ),
            models.CheckConstraint(
                condition=Q(recall_window_days__gte=1), name="recall_window_a_day_or_more"
            ),
        ]

    def __str__(self) -> str:
        return f"Accountability settings of {self.group}"


class Position(TimeStampedModel):
    """An office of a group, or of the alliance when `group` is empty, held for a term."""

    class Kind(models.TextChoices):
        OFFICER = "officer", _("Officer")
        DELEGATE = "delegate", _("Delegate")

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OFFICER)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the holder does. Markdown is allowed.")
    )
    seats = models.PositiveSmallIntegerField(
        _("holders"), default=1, validators=[MinValueValidator(1)]
    )
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"), default=12, validators=[MinValueValidator(1)]
    )
    # Who elects the holders, and so who may sign a recall petition against them.
    electorate = models.CharField(
        _("electorate"),
        max_length=12,
        choices=Ballot.Electorate.choices,
        default=Ballot.Electorate.GROUP,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "title"], name="one_position_per_title"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="position_has_a_seat"),
            models.CheckConstraint(condition=Q(term_months__gte=1), name="term_a_month_or_more"),
        ]

    def __str__(self) -> str:
        return self.title


class Term(models.Model):
    """One holder's time in a position: from taking office to its end, kept when it ends."""

    class How(models.TextChoices):
        ELECTED = "elected", _("Elected")
        APPOINTED = "appointed", _("Appointed")

    class EndReason(models.TextChoices):
        TERM_ENDED = "term_ended", _("The term ended")
        STEPPED_DOWN = "stepped_down", _("Stepped down")
        RECALLED = "recalled", _("Recalled")
        LEFT_THE_GROUP = "left_the_group", _("Left the group")

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="terms")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_of_office"
    )
    how = models.CharField(max_length=12, choices=How.choices)
    # The ballot that elected them; for an appointment, the decision that recorded it.
    ballot = models.ForeignKey(
        Ballot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointment = models.TextField(
        _("how the appointment was decided"),
        blank=True,
        help_text=_("Such as “Appointed by the general meeting of 3 March, minute 4”."),
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "holder"],
                condition=Q(ended_on__isnull=True),
                name="one_current_term_per_holder",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} as {self.position}"


class Election(models.Model):
    """A ballot that fills a position: its candidates take office when it closes, from its
    result, once (`taken_up_at`)."""

    class Kind(models.TextChoices):
        ELECTION = "election", _("Election")
        BY_ELECTION = "by_election", _("By-election")

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="elections")
    ballot = models.OneToOneField(Ballot, on_delete=models.CASCADE, related_name="election")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ELECTION)
    taken_up_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.position}"


class Candidate(models.Model):
    """A member standing in an election, as one option of its ballot."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    option = models.OneToOneField(Option, on_delete=models.CASCADE, related_name="candidate")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "user"], name="one_candidacy_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.election}"


class Meeting(TimeStampedModel):
    """A meeting or conference that a position's holders attend for those who elected them."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("meeting"), max_length=200)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Mandate(TimeStampedModel):
    """What those who elected a position ask its holders to do: for one meeting, or in general."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="mandates")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="mandates"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("mandate"), help_text=_("How to vote, what to raise. Markdown is allowed.")
    )
    # The decision that gave the mandate (a ballot's, or one logged without a ballot).
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReportBack(TimeStampedModel):
    """A holder's report from a meeting they attended: what happened, how they voted, and
    whether that followed the mandate."""

    class Followed(models.TextChoices):
        YES = "yes", _("Followed the mandate")
        PARTLY = "partly", _("Followed it in part")
        NO = "no", _("Did not follow it")
        NO_MANDATE = "no_mandate", _("There was no mandate")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="report_backs")
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="report_backs")
    what_happened = models.TextField(_("what happened"))
    how_voted = models.TextField(_("how I voted"), blank=True)
    followed_mandate = models.CharField(_("the mandate"), max_length=12, choices=Followed.choices)
    explanation = models.TextField(
        _("why"), blank=True, help_text=_("Where the mandate was not followed, why.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "term"], name="one_report_per_meeting")
        ]

    def __str__(self) -> str:
        return f"Report from {self.meeting}"


class RecallPetition(TimeStampedModel):
    """Members of a position's electorate asking for a holder to be recalled. At the threshold,
    within the window, a recall ballot opens by itself, once (`ballot` is one-to-one)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Gathering signatures")
        BALLOT = "ballot", _("Recall ballot")
        EXPIRED = "expired", _("Not enough signatures in time")
        CARRIED = "carried", _("Recall carried")
        NOT_CARRIED = "not_carried", _("Recall not carried")

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="recall_petitions")
    reason = models.TextField(_("reason"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closes_at = models.DateTimeField()
    # Fixed as the petition opens, from the group's rules and the electorate's size then.
    electorate_size = models.PositiveIntegerField()
    signatures_needed = models.PositiveIntegerField()
    signature_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    ballot = models.OneToOneField(
        Ballot, null=True, blank=True, on_delete=models.SET_NULL, related_name="recall_petition"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term"], condition=Q(status="open"), name="one_open_recall_per_term"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="recall_has_a_reason"),
            models.CheckConstraint(
                condition=Q(signatures_needed__gte=1), name="recall_needs_a_signature"
            ),
        ]

    def __str__(self) -> str:
        return f"Recall of {self.term}"


class RecallSignature(models.Model):
    """One member's signature on a recall petition: one per member, enforced here."""

    petition = models.ForeignKey(
        RecallPetition, on_delete=models.CASCADE, related_name="signatures"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "user"], name="one_signature_per_member")
        ]

    def __str__(self) -> str:
        return f"Signature on {self.petition}"
