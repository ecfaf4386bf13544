"""Forms for writing a policy, linking objectives to it, and recording a statement."""

import re
from datetime import date
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.actions import PolicyLine
from groundwork.accountability.models import Body, PolicyDivision, Statement
from groundwork.aims.models import Objective
from groundwork.groups.models import Group

ALLIANCE = "alliance"
LINE = re.compile(
    r"\s*(?P<date>\d{4}-\d{2}-\d{2})\s+#?(?P<number>\d+)\s+(?P<position>aye|no)"
    r"(?:\s+(?P<strength>strong|normal))?\s*",
    re.IGNORECASE,
)


def parse_division_lines(text: str) -> tuple[list[PolicyLine], list[str]]:
    """Lines such as `2010-07-13 17 no strong` read into PolicyLines; and the lines not
    understood, quoted, for the error message."""
    lines, bad = [], []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        match = LINE.fullmatch(raw)
        try:
            day = date.fromisoformat(match["date"]) if match else None
        except ValueError:
            day = None
        if match is None or day is None:
            bad.append(raw.strip())
            continue
        strength = (match["strength"] or PolicyDivision.Strength.NORMAL).lower()
        lines.append(PolicyLine(day, int(match["number"]), match["position"].lower(), strength))
    return lines, bad


def _for_choices(groups, may_use_alliance: bool) -> list[tuple[str, str]]:
    choices = [(str(group.pk), str(group)) for group in groups]
    if may_use_alliance:
        choices.append((ALLIANCE, str(_("The alliance"))))
    return choices


class OnBehalfOf(forms.Form):
    """A form written for one of the groups the person organises, or for the alliance."""

    on_behalf_of = forms.ChoiceField(label=_("For"))

    def __init__(self, *args, groups=(), may_use_alliance: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {str(group.pk): group for group in groups}
        field = cast(forms.ChoiceField, self.fields["on_behalf_of"])
        field.choices = _for_choices(groups, may_use_alliance)

    def clean_on_behalf_of(self) -> Group | None:
        value = self.cleaned_data["on_behalf_of"]
        return None if value == ALLIANCE else self.groups[value]


class PolicyForm(OnBehalfOf):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What a representative who agrees would want"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), label=_("Council or parliament"), empty_label=None
    )
    divisions = forms.CharField(
        label=_("Divisions"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One per line: the date, the division's number that day, the side a supporter takes "
            "(aye or no) and, if it weighs more, strong. For example: 2010-07-13 17 no strong"
        ),
    )

    def __init__(self, *args, bodies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        body = cast(forms.ModelChoiceField, self.fields["body"])
        body.queryset = bodies if bodies is not None else Body.objects.none()

    def clean_divisions(self) -> list[PolicyLine]:
        lines, bad = parse_division_lines(self.cleaned_data["divisions"])
        if bad:
            raise forms.ValidationError(
                _("These lines are not “date number aye|no [strong]”: %(lines)s"),
                params={"lines": "; ".join(bad)},
            )
        return lines


class ObjectiveLinkForm(forms.Form):
    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.order_by("number"),
        label=_("Objectives this policy measures"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class StatementForm(OnBehalfOf):
    kind = forms.ChoiceField(label=_("Kind"), choices=Statement.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    objective = forms.ModelChoiceField(
        queryset=Objective.objects.order_by("number"), label=_("Objective")
    )
    stance = forms.ChoiceField(
        label=_("For or against the objective"), choices=Statement.Stance.choices
    )
    summary = forms.CharField(
        label=_("What was said or decided"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source_url = forms.URLField(label=_("Source link"), max_length=500, assume_scheme="https")
