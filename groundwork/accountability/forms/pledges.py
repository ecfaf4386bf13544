"""Forms for writing a campaign's pledge and recording a representative's answer to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.forms.positions import DateInput
from groundwork.accountability.models import Person, PledgeAnswer, Policy


class PledgeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("What they pledge"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    policy = forms.ModelChoiceField(
        queryset=Policy.objects.order_by("title", "id"),
        label=_("Policy"),
        required=False,
        help_text=_(
            "The divisions in which a representative keeps or breaks the pledge: a signer who "
            "later votes against the policy's side is flagged."
        ),
    )


class PledgeAnswerForm(forms.Form):
    representative = forms.IntegerField(
        label=_("Representative's number in the register"),
        min_value=1,
        help_text=_("Search by name above, or see the number in the address of their page."),
    )
    status = forms.ChoiceField(
        label=_("Answer"), choices=PledgeAnswer.Status.choices, widget=forms.RadioSelect
    )
    answered_on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        help_text=_("The day they signed or declined; for no answer, the day they were asked."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"), max_length=500, required=False, assume_scheme="https"
    )
    evidence_note = forms.CharField(
        label=_("Evidence note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A signed or declined answer needs a link or a note."),
    )

    def clean_representative(self) -> Person:
        person = Person.objects.filter(pk=self.cleaned_data["representative"]).first()
        if person is None:
            raise forms.ValidationError(_("No representative in the register has this number."))
        return person
