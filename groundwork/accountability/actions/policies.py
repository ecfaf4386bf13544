"""Writing policies, linking the platform's objectives to them, and recording what a
representative said or a council decided. Each checks the acting person may, writes one audit
entry, and changes nothing when refused."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.accountability.models import (
    Body,
    Division,
    ObjectivePolicy,
    Person,
    Policy,
    PolicyDivision,
    Statement,
)
from groundwork.accountability.queries import forget_scorecards
from groundwork.aims.models import Objective
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.models import Group
from groundwork.groups.rules import organises_scope
from groundwork.members.models import User


@dataclass(frozen=True)
class PolicyLine:
    """One division a new policy takes a side in, as the organiser wrote it."""

    date: date
    number: int
    position: str  # PolicyDivision.Position
    strength: str  # PolicyDivision.Strength


def _check_scope(user: User, group: Group | None, field: str) -> None:
    if not organises_scope(user, group.pk if group is not None else None):
        raise ActionError(
            _("Only the group's organisers, or coordinators for the alliance, may do this."),
            field=field,
        )


def check_create_policy(
    *,
    group: Group | None,
    body: Body,
    title: str,
    description: str,
    lines: list[PolicyLine],
    acting_user: User,
) -> Policy:
    """Write a policy for the group (None: the alliance) from divisions of `body` on file."""
    _check_scope(acting_user, group, "group")
    found = divisions_for(body, lines)
    with transaction.atomic():
        policy = Policy.objects.create(
            title=title, description=description, group=group, created_by=acting_user
        )
        PolicyDivision.objects.bulk_create(
            PolicyDivision(
                policy=policy,
                division=found[(line.date, line.number)],
                position=line.position,
                strength=line.strength,
            )
            for line in lines
        )
        record(
            actor=acting_user,
            verb="policy.created",
            target=policy,
            group_id=group.pk if group else None,
            new={"title": title, "divisions": len(lines)},
        )
        forget_scorecards()
    return policy


def check_link_policy_objectives(
    policy: Policy, *, objectives: list[Objective], acting_user: User
) -> None:
    """Make the objectives linked to the policy exactly `objectives` (coordinators only)."""
    _check_scope(acting_user, None, "objectives")
    with transaction.atomic():
        held = {link.objective_id: link for link in ObjectivePolicy.objects.filter(policy=policy)}
        wanted = {objective.pk for objective in objectives}
        ObjectivePolicy.objects.filter(
            policy=policy, objective_id__in=held.keys() - wanted
        ).delete()
        ObjectivePolicy.objects.bulk_create(
            ObjectivePolicy(objective_id=pk, policy=policy, linked_by=acting_user)
            for pk in sorted(wanted - held.keys())
        )
        record(
            actor=acting_user,
            verb="policy.objectives_linked",
            target=policy,
            old={"objectives": sorted(held)},
            new={"objectives": sorted(wanted)},
        )
        forget_scorecards()


def check_add_statement(
    person: Person,
    *,
    group: Group | None,
    kind: str,
    day: date,
    summary: str,
    source_url: str,
    objective: Objective,
    stance: str,
    acting_user: User,
) -> Statement:
    """Record a statement or council decision about the person, for or against an objective,
    on behalf of a group the acting person organises (None: the alliance, for coordinators)."""
    _check_scope(acting_user, group, "group")
    if day > date.today():
        raise ActionError(_("The date cannot be in the future."), field="date")
    with transaction.atomic():
        statement = Statement.objects.create(
            person=person,
            kind=kind,
            date=day,
            summary=summary,
            source_url=source_url,
            objective=objective,
            stance=stance,
            group=group,
            recorded_by=acting_user,
        )
        record(
            actor=acting_user,
            verb="statement.recorded",
            target=statement,
            group_id=group.pk if group else None,
            new={"person": person.pk, "kind": kind, "stance": stance, "objective": objective.pk},
        )
    return statement


def divisions_for(body: Body, lines: list[PolicyLine]) -> dict[tuple[date, int], Division]:
    """The body's divisions the lines name, or a refusal naming those not on file."""
    if not lines:
        raise ActionError(_("Pick at least one division."), field="divisions")
    keys = {(line.date, line.number) for line in lines}
    if len(keys) != len(lines):
        raise ActionError(_("A division is listed twice."), field="divisions")
    found = {
        (division.date, division.number): division
        for division in Division.objects.filter(body=body, date__in={line.date for line in lines})
    }
    missing = sorted(keys - found.keys())
    if missing:
        names = ", ".join(f"{day.isoformat()} #{number}" for day, number in missing)
        raise ActionError(
            _("No division of %(body)s on file for: %(names)s.") % {"body": body, "names": names},
            field="divisions",
        )
    return found
