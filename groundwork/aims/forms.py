from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.aims.models import Objective, Task
from groundwork.members.forms import PersonByNameField, PersonChoiceField
from groundwork.members.models import User

# Past this many members, a list of every one of them (6,492 in the biggest group of the scale
# dataset) made the task form a page nobody could use: the owner's name is typed instead.
OWNER_CHOICES_UP_TO = 100


class PlankForm(forms.Form):
    """An aim or objective's text, for a coordinator to edit."""

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown."),
    )
    points = forms.CharField(
        label=_("Points"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One point per line."),
    )
    note = forms.CharField(
        label=_("What changed and why"),
        max_length=200,
        required=False,
        help_text=_("Kept in the platform's history, such as “Conference motion 12 of 2026”."),
    )

    def plank_values(self) -> dict:
        points = "\n".join(
            line.strip() for line in self.cleaned_data["points"].splitlines() if line.strip()
        )
        return {
            "title": self.cleaned_data["title"],
            "text": self.cleaned_data["text"],
            "points": points,
        }


class AdoptObjectiveForm(forms.Form):
    objective = forms.ModelChoiceField(
        label=_("Objective"), queryset=Objective.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("Why it matters here (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, objectives, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["objective"]).queryset = objectives


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("What the group means to achieve.")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    owner: "forms.ModelChoiceField[User]" = PersonChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("A member of the group."),
    )
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Such as 2026-12-31."),
    )

    def __init__(self, *args, owners, member_count: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if member_count > OWNER_CHOICES_UP_TO:
            self.fields["owner"] = PersonByNameField(
                label=_("Owner"),
                queryset=owners,
                required=False,
                help_text=_("A member of the group: type their name, or leave it empty."),
            )
        else:
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owners


class TaskEditForm(TaskForm):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
