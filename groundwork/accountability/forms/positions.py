"""Forms of positions: creating and editing them, elections, appointments, terms, mandates,
meetings and report-backs, and the group's accountability settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.actions import ORGANISER_END_REASONS
from groundwork.accountability.models import (
    AccountabilitySettings,
    Election,
    Meeting,
    Position,
    ReportBack,
)
from groundwork.democracy.forms import closing_field
from groundwork.democracy.models import Ballot, Decision
from groundwork.members.forms import PeopleChoiceField, PersonChoiceField
from groundwork.members.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=Position.Kind.choices)
    description = forms.CharField(
        label=_("What the holder does"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown is allowed."),
    )
    seats = forms.IntegerField(label=_("Number of holders"), min_value=1, max_value=100, initial=1)
    term_months = forms.IntegerField(
        label=_("Term (months)"), min_value=1, max_value=120, initial=12
    )
    electorate = forms.ChoiceField(label=_("Elected by"), choices=Ballot.Electorate.choices)

    def __init__(self, *args, group=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        electorate = self.fields["electorate"]
        assert isinstance(electorate, forms.ChoiceField)
        if group is not None:
            # A group's positions are elected by its members: nothing to choose.
            electorate.choices = [(Ballot.Electorate.GROUP, Ballot.Electorate.GROUP.label)]
            electorate.initial = Ballot.Electorate.GROUP
        else:
            electorate.choices = [
                c for c in Ballot.Electorate.choices if c[0] != Ballot.Electorate.GROUP
            ]


# People who share a name are told apart by when they joined (members.pickers).
CandidatesField = PeopleChoiceField
MemberField = PersonChoiceField


class ElectionForm(forms.Form):
    """Candidates are picked from the group's members, or (alliance) named by email address."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Election.Kind.choices)
    method = forms.ChoiceField(
        label=_("Counting method"),
        choices=[
            (Ballot.Method.IRV.value, Ballot.Method.IRV.label),
            (Ballot.Method.STV_SCOTTISH.value, Ballot.Method.STV_SCOTTISH.label),
            (Ballot.Method.STV_MEEK.value, Ballot.Method.STV_MEEK.label),
            (Ballot.Method.APPROVAL.value, Ballot.Method.APPROVAL.label),
        ],
        help_text=_("The alternative vote fills one seat; STV or approval fill several."),
    )
    closes_at = closing_field()

    def __init__(self, *args, position: Position, members=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].initial = (
            Ballot.Method.STV_SCOTTISH if position.seats > 1 else Ballot.Method.IRV
        )
        if members is not None:
            self.fields["candidates"] = CandidatesField(
                label=_("Candidates"),
                queryset=members,
                widget=forms.CheckboxSelectMultiple,
            )
        else:
            self.fields["candidates"] = forms.CharField(
                label=_("Candidates"),
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Their email addresses, one a line."),
            )

    def clean_candidates(self) -> list[int]:
        value = self.cleaned_data["candidates"]
        if not isinstance(value, str):
            return [user.pk for user in value]
        emails = [line.strip().lower() for line in value.splitlines() if line.strip()]
        found = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
        found = {email.lower(): pk for email, pk in found.items()}
        missing = [email for email in emails if email not in found]
        if missing:
            raise forms.ValidationError(
                _("No member has the address %(emails)s."), params={"emails": ", ".join(missing)}
            )
        return [found[email] for email in emails]


class AppointForm(forms.Form):
    appointment = forms.CharField(
        label=_("How the appointment was decided"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Such as “Appointed by the general meeting of 3 March, minute 4”."),
    )
    starts_on = forms.DateField(label=_("Term starts on"), widget=DateInput(), required=False)

    def __init__(self, *args, members=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["holder"] = MemberField(label=_("Member"), queryset=members)
        else:
            self.fields["holder"] = forms.EmailField(
                label=_("Member's email address"), max_length=254
            )
        self.order_fields(["holder", "appointment", "starts_on"])

    def clean_holder(self) -> int:
        value = self.cleaned_data["holder"]
        if isinstance(value, str):
            pk = User.objects.filter(email__iexact=value).values_list("pk", flat=True).first()
            if pk is None:
                raise forms.ValidationError(_("No member has this address."))
            return pk
        return value.pk


class EndTermForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the term ends"),
        choices=[(r.value, r.label) for r in ORGANISER_END_REASONS],
    )


class StepDownForm(forms.Form):
    confirm = forms.BooleanField(label=_("I step down from this position today."))


class MandateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The mandate"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How to vote, what to raise. Markdown is allowed."),
    )
    meeting = forms.ModelChoiceField(
        label=_("For the meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Every meeting"),
    )
    decision = forms.ModelChoiceField(
        label=_("Given by the decision"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("None recorded"),
    )

    def __init__(self, *args, meetings, decisions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        decision = self.fields["decision"]
        assert isinstance(meeting, forms.ModelChoiceField)
        assert isinstance(decision, forms.ModelChoiceField)
        meeting.queryset = meetings
        decision.queryset = decisions


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Meeting or conference"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class ReportBackForm(forms.Form):
    what_happened = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6})
    )
    how_voted = forms.CharField(
        label=_("How I voted"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    followed_mandate = forms.ChoiceField(
        label=_("The mandate"),
        choices=ReportBack.Followed.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where you did not follow the mandate in full, say why."),
    )


class AccountabilitySettingsForm(forms.ModelForm):
    class Meta:
        model = AccountabilitySettings
        fields = ["report_due_days", "recall_share", "recall_window_days"]
