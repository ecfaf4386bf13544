"""Forms of the accountability pages: the register's import page, finding one's
representatives from a postcode, and positions; they parse and validate input, the actions
decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.actions import ORGANISER_END_REASONS, ImportFiles
from groundwork.accountability.importing.formats import decode
from groundwork.accountability.models import (
    AccountabilitySettings,
    Election,
    Meeting,
    Position,
    RegisterImport,
    ReportBack,
    Term,
)
from groundwork.core.postcodes import normalised_postcode, postcode_district
from groundwork.democracy.forms import closing_field
from groundwork.democracy.models import Ballot, Decision
from groundwork.members.models import User

# The whole 2010-15 Commons in Popolo is about 2 MB; a council's list a few kilobytes.
IMPORT_MAX_BYTES = 20 * 1024 * 1024


def _read(upload: UploadedFile | None) -> str:
    if upload is None:
        return ""
    size = upload.size or 0
    if size > IMPORT_MAX_BYTES:
        raise forms.ValidationError(
            _("This file is %(size)s; the largest the import takes is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(IMPORT_MAX_BYTES)},
        )
    return decode(upload.read())


class RegisterImportForm(forms.Form):
    """A published file of representatives to import, as `import_representatives` takes it."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("As published: Popolo JSON, the YourNextMP winners CSV, or a council's CSV."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=RegisterImport.Format.choices)
    council = forms.CharField(
        label=_("Council's GSS code"),
        max_length=9,
        required=False,
        help_text=_("For a council's list only, such as E08000009 for Trafford."),
    )
    lookup = forms.FileField(
        label=_("Ward lookup"),
        required=False,
        help_text=_(
            "For a council's list only: the ONS ward to local authority lookup of the list's year."
        ),
    )
    as_of = forms.DateField(
        label=_("The date the file describes"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Changes (a new party, someone no longer serving) take effect on this date."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would change, change nothing"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()

    def clean_file(self) -> str:
        return _read(self.cleaned_data.get("file"))

    def clean_lookup(self) -> str:
        return _read(self.cleaned_data.get("lookup"))

    def clean_council(self) -> str:
        return self.cleaned_data["council"].strip().upper()

    def files_to_import(self) -> ImportFiles:
        data = self.cleaned_data
        lookup = self.files.get("lookup")
        return ImportFiles(
            format=data["format"],
            file_name=str(getattr(self.files.get("file"), "name", ""))[:200],
            text=data["file"],
            as_of=data["as_of"],
            dry_run=data["dry_run"],
            council=data["council"],
            lookup_name=str(getattr(lookup, "name", ""))[:200] if lookup else "",
            lookup_text=data["lookup"],
        )


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


class CandidatesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class MemberField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


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


class FindRepresentativesForm(forms.Form):
    """A whole postcode, or only its district (what a member's profile keeps)."""

    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=16,
        help_text=_("A whole postcode, such as SE15 4AB, or its first half, such as SE15."),
    )

    def clean_postcode(self) -> str:
        """The postcode as Royal Mail writes it ("AL1 1AA"), or the district alone ("AL1")."""
        typed = self.cleaned_data["postcode"]
        found = normalised_postcode(typed) or postcode_district(typed)
        if found is None:
            raise ValidationError(
                _("Enter a UK postcode, such as SE15 4AB, or its first half, such as SE15."),
                code="not_a_postcode",
            )
        return found

    @property
    def whole_postcode(self) -> str:
        """The whole postcode asked about, or "" if only a district was given."""
        value = self.cleaned_data["postcode"]
        return value if " " in value else ""

    @property
    def district(self) -> str:
        return self.cleaned_data["postcode"].split(" ")[0]


# Recall


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return obj.holder.name


class RecallPetitionForm(forms.Form):
    """A recall petition: against which holder (when the position has several), and why."""

    term = TermChoiceField(queryset=Term.objects.none(), label=_("Holder to recall"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "Why the holder should be recalled. Everyone who may sign will read it, and so will "
            "the holder."
        ),
        error_messages={"required": _("Say why the holder should be recalled.")},
    )

    def __init__(self, *args, terms, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["term"]
        field.queryset = terms  # type: ignore[attr-defined]
        choices = list(terms)
        if len(choices) == 1:
            field.initial = choices[0].pk
            field.widget = forms.HiddenInput()


class ByElectionForm(forms.Form):
    """The candidates standing in a by-election, by email address, and when voting closes."""

    candidates = forms.CharField(
        label=_("Candidates"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The email address of each candidate, one a line: at least two."),
    )
    closes_at = closing_field()

    def clean_candidates(self) -> list[User]:
        emails = [line.strip().lower() for line in self.cleaned_data["candidates"].splitlines()]
        emails = list(dict.fromkeys(email for email in emails if email))
        if len(emails) < 2:
            raise forms.ValidationError(_("Name at least two candidates."))
        found = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
        missing = [email for email in emails if email not in found]
        if missing:
            raise forms.ValidationError(
                _("Nobody has signed up with %(emails)s.") % {"emails": ", ".join(missing)}
            )
        return [found[email] for email in emails]
