"""Forms of recall: a petition, and the by-election after a recall carried."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.models import (
    Term,
)
from groundwork.democracy.forms import closing_field
from groundwork.members.models import User


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
