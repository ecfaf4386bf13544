"""Forms for a group's targets and the areas it works in."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.aims.models import Objective
from groundwork.core.errors import ActionError
from groundwork.outcomes.models import Area, Indicator


class ActionErrors:
    """Shows an action's refusal next to the field it names (`change_percent` is `percent`)."""

    renamed: dict[str, str] = {}

    def add_action_error(self, error: ActionError) -> None:
        field = self.renamed.get(error.field or "", error.field)
        assert isinstance(self, forms.Form)
        self.add_error(field if field in self.fields else None, error.message)


def objective_choices(adopted_ids: set[int]) -> list[Any]:
    """The platform's objectives, those the group adopted into its action plan first."""
    objectives = list(Objective.objects.order_by("number"))
    adopted = [(o.pk, f"{o.number}. {o.title}") for o in objectives if o.pk in adopted_ids]
    others = [(o.pk, f"{o.number}. {o.title}") for o in objectives if o.pk not in adopted_ids]
    if not adopted:
        return [("", "---------"), *others]
    return [
        ("", "---------"),
        (_("In the group's action plan"), adopted),
        (_("Other objectives of the platform"), others),
    ]


class TargetAimFields(ActionErrors, forms.Form):
    """What a target aims at: a change in per cent or a figure, by a period, for an objective."""

    renamed = {"change_percent": "percent"}

    objective = forms.TypedChoiceField(
        label=_("Objective of the platform it works towards"), coerce=int
    )
    change = forms.ChoiceField(
        label=_("Change"),
        choices=[("down", _("Down by")), ("up", _("Up by"))],
        initial="down",
        required=False,
    )
    percent = forms.DecimalField(
        label=_("Per cent"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        required=False,
        help_text=_("Of the latest figure: 10 for “down 10%”."),
    )
    target_value = forms.DecimalField(
        label=_("Or the figure to reach"),
        max_digits=20,
        decimal_places=8,
        required=False,
        help_text=_("Leave the per cent empty to give the figure itself."),
    )
    by_period = forms.CharField(
        label=_("By"),
        max_length=40,
        help_text=_("The period whose figure should meet it: 2028/29, or a year such as 2028."),
    )
    note = forms.CharField(
        label=_("Why this target (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, adopted_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["objective"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = objective_choices(adopted_ids)

    def clean_objective(self) -> Objective:
        objective = Objective.objects.filter(pk=self.cleaned_data["objective"]).first()
        if objective is None:
            raise forms.ValidationError(_("Choose an objective of the platform."))
        return objective

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        percent, value = data.get("percent"), data.get("target_value")
        if percent is not None and value is not None:
            self.add_error("target_value", _("Give a change in per cent or a figure, not both."))
        elif percent is None and value is None and not self.has_error("percent"):
            self.add_error("percent", _("Give a change in per cent, or a figure to reach."))
        return data

    def aim(self) -> dict[str, Any]:
        """The cleaned aim as the actions take it."""
        data = self.cleaned_data
        percent: Decimal | None = data["percent"]
        change = None if percent is None else (-percent if data["change"] != "up" else percent)
        return {
            "objective": data["objective"],
            "by_period": data["by_period"],
            "target_value": data["target_value"],
            "change_percent": change,
            "note": data["note"],
        }


class TargetForm(TargetAimFields):
    """A new target: the area and indicator too."""

    area = forms.ModelChoiceField(queryset=Area.objects.none(), label=_("Area"))
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.none(), label=_("Indicator"))
    field_order = [
        "area",
        "indicator",
        "objective",
        "change",
        "percent",
        "target_value",
        "by_period",
    ]

    def __init__(self, *args: Any, areas: list[Area], indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ModelChoiceField)
        area_field.queryset = Area.objects.filter(pk__in=[area.pk for area in areas])
        if len(areas) == 1:
            area_field.initial = areas[0].pk
        indicator_field = self.fields["indicator"]
        assert isinstance(indicator_field, forms.ModelChoiceField)
        indicator_field.queryset = indicators


class TargetEditForm(TargetAimFields):
    """A target changed: the area and indicator stay (a new one measures others)."""

    field_order = ["objective", "change", "percent", "target_value", "by_period"]


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_level_display()})"


class GroupAreasForm(ActionErrors, forms.Form):
    areas = AreaChoiceField(
        queryset=Area.objects.none(),
        label=_("Areas the group works in"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["areas"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = choices
