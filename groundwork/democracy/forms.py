"""Forms of the democracy pages: they parse and validate input; the actions decide."""

from datetime import timedelta
from decimal import Decimal
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundwork.core.errors import ActionError
from groundwork.democracy.actions import BallotSpec
from groundwork.democracy.actions.settings import LONGEST_DISCUSSION_DAYS
from groundwork.democracy.models import Ballot, Delegate, TellingPanel
from groundwork.members.forms import people_choices

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class ClosingTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=DATETIME_LOCAL)


def a_week_from_now() -> str:
    moment = timezone.localtime() + timedelta(days=7)
    return moment.replace(second=0, microsecond=0).strftime(DATETIME_LOCAL)


def closing_field() -> forms.DateTimeField:
    return forms.DateTimeField(
        label=_("Voting closes at"),
        widget=ClosingTimeInput(),
        initial=a_week_from_now,
        help_text=_("Date and time, UK time."),
    )


def quorum_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Quorum"),
        min_value=Decimal("0"),
        max_value=Decimal("1"),
        max_digits=4,
        decimal_places=3,
        initial=Decimal("0"),
        help_text=_(
            "The share of the electorate that must take part, from 0 to 1 (0.25 is a quarter)."
        ),
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("What the proposal asks for"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown is allowed: *emphasis*, lists, links."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def full_clean(self) -> None:
        super().full_clean()
        if self.errors:  # the page comes back at the form, with the cursor in the comment
            self.fields["body"].widget.attrs["autofocus"] = True


class AmendmentForm(forms.Form):
    summary = forms.CharField(
        label=_("What the amendment changes"), max_length=200, help_text=_("In a line.")
    )
    new_body = forms.CharField(
        label=_("The proposal's full text as amended"),
        widget=forms.Textarea(attrs={"rows": 10}),
    )


def close_when_all_voted_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Close as soon as everyone has voted"),
        required=False,
        initial=False,
        help_text=_(
            "Voting stops when the last elector votes, before the closing time if that comes "
            "first; nobody can change their vote after that."
        ),
    )


class OpenBallotForm(forms.Form):
    """An organiser opens a draft ballot: the one choice left is whether it closes early."""

    close_when_all_voted = close_when_all_voted_field()


class OpenVoteForm(forms.Form):
    """An organiser puts a proposal to a yes / no vote."""

    closes_at = closing_field()
    quorum = quorum_field()
    threshold = forms.ChoiceField(
        label=_("Threshold"), choices=Ballot.Threshold.choices, initial=Ballot.Threshold.SIMPLE
    )
    secret = forms.BooleanField(
        label=_("Secret ballot"),
        required=False,
        initial=True,
        help_text=_("Untick for an open (roll-call) vote, where each voter's name is published."),
    )
    close_when_all_voted = close_when_all_voted_field()

    def spec(self, *, title: str, alliance: bool) -> BallotSpec:
        data = self.cleaned_data
        return BallotSpec(
            title=title,
            closes_at=data["closes_at"],
            quorum=data["quorum"],
            threshold=data["threshold"],
            secret=data["secret"],
            electorate=Ballot.Electorate.ALLIANCE if alliance else Ballot.Electorate.GROUP,
        )


class AmendmentVoteForm(forms.Form):
    """An organiser puts an amendment to a vote: when it closes is theirs to choose, and the
    action sets every other rule (`amendment_ballot_spec`), so no posted field can change them."""

    closes_at = closing_field()


class BallotForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    method = forms.ChoiceField(label=_("Counting method"), choices=Ballot.Method.choices)
    options = forms.CharField(
        label=_("Options or candidates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line. Leave empty for a yes / no vote."),
    )
    seats = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        initial=1,
        help_text=_("Places to fill (STV and approval only)."),
    )
    quorum = quorum_field()
    threshold = forms.ChoiceField(
        label=_("Threshold"),
        choices=Ballot.Threshold.choices,
        initial=Ballot.Threshold.SIMPLE,
        help_text=_("For yes / no votes: the share of yes among yes and no needed to carry."),
    )
    electorate = forms.ChoiceField(label=_("Electorate"), choices=Ballot.Electorate.choices)
    secret = forms.BooleanField(
        label=_("Secret ballot"),
        required=False,
        initial=True,
        help_text=_("Untick for an open (roll-call) vote, where each voter's name is published."),
    )
    allow_change = forms.BooleanField(
        label=_("Voters may change their vote until the close"), required=False, initial=True
    )
    none_of_the_above = forms.BooleanField(
        label=_("Add “None of the above”"), required=False, initial=False
    )
    closes_at = closing_field()

    def __init__(self, *args, alliance: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        electorates = Ballot.Electorate
        if alliance:
            choices = [(electorates.ALLIANCE, electorates.ALLIANCE.label)]
            choices.append((electorates.DELEGATES, electorates.DELEGATES.label))
        else:
            choices = [(electorates.GROUP, electorates.GROUP.label)]
        electorate = cast(forms.ChoiceField, self.fields["electorate"])
        electorate.choices = choices
        electorate.initial = choices[0][0]

    @staticmethod
    def initial_for(spec: BallotSpec) -> dict:
        """The form's initial values for a ballot's spec (a draft being edited)."""
        initial = dict(spec.__dict__)
        initial["options"] = "\n".join(spec.options)
        return initial

    def clean_options(self) -> list[str]:
        lines = self.cleaned_data["options"].splitlines()
        return [line.strip() for line in lines if line.strip()]

    def spec(self) -> BallotSpec:
        return BallotSpec(**self.cleaned_data)


class DemocracySettingsForm(forms.Form):
    """How the group runs its proposals; the action checks the ranges again."""

    supporters_to_vote = forms.IntegerField(
        label=_("Supporters that put a proposal to a vote"),
        min_value=0,
        help_text=_(
            "When this many members support a proposal in discussion, it goes to a vote "
            "by itself. 0: an organiser puts proposals to a vote."
        ),
    )
    discussion_days = forms.IntegerField(
        label=_("Discussion period, in days"),
        min_value=1,
        max_value=LONGEST_DISCUSSION_DAYS,
        help_text=format_lazy(
            _(
                "How long members discuss a proposal before its vote, from 1 to {days} days. A "
                "proposal still without a vote 28 days later lapses."
            ),
            days=LONGEST_DISCUSSION_DAYS,
        ),
    )


class DelegatesForm(forms.Form):
    delegates = forms.TypedMultipleChoiceField(
        label=_("The group's conference delegates"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, group, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["delegates"])
        field.choices = people_choices(m.user for m in members)
        # A query of the form's own: democracy.queries has no `delegates_of(group)` yet.
        field.initial = list(Delegate.objects.filter(group=group).values_list("user_id", flat=True))


class TellersForm(forms.Form):
    custody = forms.ChoiceField(
        label=_("Who holds the key to secret ballots"),
        choices=TellingPanel.Custody.choices,
        initial=TellingPanel.Custody.TELLERS,
        widget=forms.RadioSelect,
    )
    tellers = forms.TypedMultipleChoiceField(
        label=_("The tellers (or the returning officer)"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose people who would not open the box together behind the members' backs."),
    )
    needed = forms.IntegerField(
        label=_("Tellers needed to open a ballot box"),
        min_value=1,
        max_value=255,
        initial=2,
        help_text=_(
            "Fewer than this many tellers together cannot read any vote. More than one protects "
            "the secret ballot; fewer than all lets the count go ahead if a teller is away."
        ),
    )

    def __init__(self, *args, candidates: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["tellers"]).choices = candidates


class ShareForm(forms.Form):
    code = forms.CharField(
        label=_("Your teller key"),
        max_length=64,
        help_text=_("The key you saved when you took it, like ABCD-EFGH-…: 8 groups of 4."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def vote_content(ballot: Ballot, data) -> dict:
    """The vote a submitted form asks for, in the actions' terms; ActionError if unreadable.

    Ranked ballots come as one `rank-<position>` select per candidate (ranking.js fills the same
    selects), approval as `approved` checkboxes, yes / no as a `choice` radio. Positions are passed
    on as given, so an unknown candidate is refused by the action with its own message.
    """
    if ballot.method == Ballot.Method.MAJORITY:
        return {"choice": data.get("choice")}
    if ballot.method == Ballot.Method.APPROVAL:
        return {"approved": [_number(value, "approved") for value in data.getlist("approved")]}
    ranks: dict[int, int] = {}
    for key, value in data.items():
        if not key.startswith("rank-") or not value:
            continue
        position = _number(key.removeprefix("rank-"), "ranking")
        rank = _number(value, "ranking")
        if rank in ranks:
            raise ActionError(
                gettext("Each candidate can have only one rank, and each rank only one candidate."),
                field="ranking",
            )
        ranks[rank] = position
    return {"ranking": [ranks[rank] for rank in sorted(ranks)]}


def _number(value: str, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ActionError(
            gettext("That is not one of the ballot's options."), field=field
        ) from None


def submitted_ranks(data) -> dict[int, str]:
    """{position: rank} as submitted, to show a refused ranked ballot back to its voter."""
    ranks = {}
    for key, value in data.items():
        if key.startswith("rank-") and key.removeprefix("rank-").isdigit():
            ranks[int(key.removeprefix("rank-"))] = value
    return ranks


def confirmed_groups_without_delegates(data) -> list[int] | None:
    """The group ids the coordinator was shown and confirmed opening without, or None if they
    confirmed nothing."""
    # One field of ids, not one field per group: an alliance of 2,000 groups would pass Django's
    # limit on the number of fields in a request.
    value = data.get("without_delegates_from")
    if value is None:
        return None
    return [int(token) for token in value.split() if token.isdigit()]
