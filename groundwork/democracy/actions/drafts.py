"""Editing drafts: a proposal by its proposer, a ballot by the organisers, until it is submitted
or opened. Each change is audited with what it was and what it became."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy.actions.ballots import BallotSpec, _write_options, check_ballot_spec
from groundwork.democracy.models import Ballot, Option, Proposal
from groundwork.members.models import User


@transaction.atomic
def check_edit_draft_proposal(
    proposal: Proposal, *, title: str, body: str, acting_user: User
) -> Proposal:
    """The proposer rewrites their draft; once submitted, its text changes only by amendment."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.DRAFT:
        raise ActionError(_("Only a draft can be edited: amend a submitted proposal instead."))
    old = {"title": proposal.title, "body": proposal.body}
    new = {"title": title, "body": body}
    changed = [name for name in new if old[name] != new[name]]
    if not changed:
        return proposal
    proposal.title, proposal.body = title, body
    proposal.save(update_fields=[*changed, "updated_at"])
    record(
        actor=acting_user,
        verb="proposal.edited",
        target=proposal,
        group_id=proposal.group_id,
        old={name: old[name] for name in changed},
        new={name: new[name] for name in changed},
    )
    return proposal


# The fields of a ballot that its spec sets, compared and logged when a draft is edited.
SPEC_FIELDS = (
    "title",
    "description",
    "method",
    "seats",
    "quorum",
    "threshold",
    "electorate",
    "secret",
    "allow_change",
    "none_of_the_above",
    "closes_at",
)


def spec_of(ballot: Ballot) -> BallotSpec:
    """The spec a draft ballot was made from, to fill the form that edits it."""
    options = [option.label for option in ballot.options.all() if not option.is_none_of_the_above]
    return BallotSpec(**{name: getattr(ballot, name) for name in SPEC_FIELDS}, options=options)


def _loggable(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def check_edit_draft_ballot(ballot: Ballot, *, spec: BallotSpec, acting_user: User) -> Ballot:
    """An organiser changes a ballot still in draft, options included; once open it is fixed."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != Ballot.Status.DRAFT:
        raise ActionError(_("Only a draft ballot can be edited: this one has been opened."))
    if ballot.proposal_id:
        raise ActionError(_("A proposal's vote is set when it is put to the vote."))
    check_ballot_spec(spec, group=ballot.group)
    before = spec_of(ballot)
    changed = [name for name in SPEC_FIELDS if getattr(before, name) != getattr(spec, name)]
    for name in changed:
        setattr(ballot, name, getattr(spec, name))
    if changed:
        ballot.save(update_fields=[*changed, "updated_at"])
    options_changed = before.options != [o.strip() for o in spec.options] or (
        "none_of_the_above" in changed or "method" in changed
    )
    if options_changed:
        Option.objects.filter(ballot=ballot).delete()
        _write_options(ballot, spec)
        changed.append("options")
    if changed:
        record(
            actor=acting_user,
            verb="ballot.edited",
            target=ballot,
            group_id=ballot.group_id,
            old={name: _loggable(getattr(before, name)) for name in changed},
            new={name: _loggable(getattr(spec, name)) for name in changed},
        )
    return ballot
