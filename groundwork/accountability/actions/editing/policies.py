"""Correcting and removing policies written here and the statements organisers recorded.

Public Whip's policies are theirs: the rule refuses to change them. A policy's divisions, sides
and strengths feed the cached scorecards, so a change moves the record's version on commit.
Statements are not part of any cached figure (the representative's page reads them each time), so
correcting or removing one moves nothing."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.accountability.actions.editing.common import (
    lock,
    lock_to_change,
    require,
    snapshot,
)
from groundwork.accountability.actions.policies import PolicyLine, divisions_for
from groundwork.accountability.models import Body, Policy, PolicyDivision, Statement
from groundwork.accountability.queries import forget_scorecards
from groundwork.aims.models import Objective
from groundwork.core.audit import changes, record
from groundwork.core.errors import ActionError
from groundwork.members.models import User

STATEMENT_FIELDS = ("kind", "date", "summary", "source_url", "objective", "stance")


def _line_text(line: PolicyDivision) -> str:
    """A policy's division as its form writes it, for the audit log."""
    return (
        f"{line.division.date.isoformat()} {line.division.number} {line.position} {line.strength}"
    )


def _lines_of(policy: Policy) -> list[str]:
    return [
        _line_text(line)
        for line in PolicyDivision.objects.filter(policy=policy).select_related("division")
    ]


@transaction.atomic
def check_update_policy(
    policy: Policy,
    *,
    body: Body,
    title: str,
    description: str,
    lines: list[PolicyLine],
    acting_user: User,
) -> Policy:
    """Correct a policy written here: its title, description and divisions (the list given
    replaces the one on file); the scorecards are recomputed after."""
    policy = lock_to_change(Policy.objects.all(), policy.pk)
    require(
        acting_user,
        "accountability.correct_policy",
        policy,
        _(
            "Only the organisers who wrote this policy may change it; imported ones stay as published."
        ),
    )
    if not title.strip():
        raise ActionError(_("Give the policy a title."), field="title")
    found = divisions_for(body, lines)
    old = {"title": policy.title, "description": policy.description, "divisions": _lines_of(policy)}
    policy.title, policy.description = title.strip(), description
    policy.save(update_fields=["title", "description"])
    PolicyDivision.objects.filter(policy=policy).delete()
    PolicyDivision.objects.bulk_create(
        PolicyDivision(
            policy=policy,
            division=found[(line.date, line.number)],
            position=line.position,
            strength=line.strength,
        )
        for line in lines
    )
    new = {"title": policy.title, "description": policy.description, "divisions": _lines_of(policy)}
    before, after = changes(old, new)
    record(
        actor=acting_user,
        verb="policy.updated",
        target=policy,
        group_id=policy.group_id,
        old=before,
        new=after,
    )
    forget_scorecards()
    return policy


@transaction.atomic
def check_delete_policy(policy: Policy, *, acting_user: User) -> None:
    """Remove a policy written here, with its divisions and its links to objectives; pledges
    measured by it keep their text and lose the link. The scorecards are recomputed after."""
    locked = lock(Policy.objects.all(), policy.pk)
    if locked is None:
        return  # removed meanwhile (a second press): nothing more to do
    policy = locked
    require(
        acting_user,
        "accountability.remove_policy",
        policy,
        _(
            "Only the organisers who wrote this policy may remove it; imported ones stay as published."
        ),
    )
    record(
        actor=acting_user,
        verb="policy.deleted",
        target=policy,
        group_id=policy.group_id,
        old={
            "title": policy.title,
            "description": policy.description,
            "divisions": _lines_of(policy),
            "objectives": sorted(policy.objective_links.values_list("objective_id", flat=True)),
            "pledges": sorted(policy.pledges.values_list("pk", flat=True)),
        },
    )
    policy.delete()
    forget_scorecards()


@transaction.atomic
def check_update_statement(
    statement: Statement,
    *,
    kind: str,
    day: date,
    summary: str,
    source_url: str,
    objective: Objective,
    stance: str,
    acting_user: User,
) -> Statement:
    """Correct a statement or council decision; the group that recorded it stays its owner."""
    statement = lock_to_change(Statement.objects.all(), statement.pk)
    require(
        acting_user,
        "accountability.correct_statement",
        statement,
        _("Only the organisers of the group that recorded it may change it."),
    )
    if kind not in Statement.Kind.values:
        raise ActionError(_("Choose a statement or a council decision."), field="kind")
    if stance not in Statement.Stance.values:
        raise ActionError(_("Choose for or against."), field="stance")
    if day > date.today():
        raise ActionError(_("The date cannot be in the future."), field="date")
    if not summary.strip():
        raise ActionError(_("Say what was said or decided."), field="summary")
    old = snapshot(statement, STATEMENT_FIELDS)
    statement.kind, statement.date, statement.summary = kind, day, summary.strip()
    statement.source_url, statement.objective, statement.stance = source_url, objective, stance
    statement.save(update_fields=list(STATEMENT_FIELDS))
    before, after = changes(old, snapshot(statement, STATEMENT_FIELDS))
    record(
        actor=acting_user,
        verb="statement.updated",
        target=statement,
        group_id=statement.group_id,
        old=before,
        new=after,
    )
    return statement


@transaction.atomic
def check_delete_statement(statement: Statement, *, acting_user: User) -> None:
    """Remove a statement recorded in error; the audit entry keeps what it said."""
    locked = lock(Statement.objects.all(), statement.pk)
    if locked is None:
        return  # removed meanwhile (a second press): nothing more to do
    statement = locked
    require(
        acting_user,
        "accountability.remove_statement",
        statement,
        _("Only the organisers of the group that recorded it may remove it."),
    )
    record(
        actor=acting_user,
        verb="statement.deleted",
        target=statement,
        group_id=statement.group_id,
        old=snapshot(statement, STATEMENT_FIELDS) | {"person": statement.person_id},
    )
    statement.delete()
