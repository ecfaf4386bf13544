"""Terms of office outside elections: a member appointed by a decision the decision log records,
a holder stepping down, an organiser ending a term."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.actions.positions import (
    add_months,
    current_terms,
    keep_delegates_in_step,
    members_among,
    position_url,
    tell_holders,
)
from groundwork.accountability.models import Position, Term
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy import actions as democracy
from groundwork.groups.models import Membership
from groundwork.members.models import User


@transaction.atomic
def check_appoint(
    position: Position,
    *,
    holder_id: int,
    appointment: str,
    starts_on: date | None = None,
    acting_user: User,
) -> Term:
    """Appoint a member to a vacant seat by a decision taken outside a ballot (`appointment`
    says which), logged in the decision log with a link to the position."""
    position = (
        Position.objects.select_for_update(of=("self",)).select_related("group").get(pk=position.pk)
    )
    if not appointment.strip():
        raise ActionError(_("Say how the appointment was decided."), field="appointment")
    if not members_among(position.group_id, [holder_id]):
        raise ActionError(
            _("The holder must be a member of those the position answers to."), field="holder"
        )
    holders = current_terms(position)
    if any(term.holder_id == holder_id for term in holders):
        raise ActionError(_("They already hold this position."), field="holder")
    if len(holders) >= position.seats:
        raise ActionError(_("Every seat is filled: end a term before appointing someone."))
    holder = User.objects.get(pk=holder_id)
    starts_on = starts_on or timezone.localdate()
    decision = democracy.do_log_decision(
        group=position.group,
        summary=_("%(name)s appointed %(title)s: %(appointment)s")
        % {"name": holder.name, "title": position.title, "appointment": appointment},
        link=position_url(position),
        acting_user=acting_user,
    )
    term = Term.objects.create(
        position=position,
        holder=holder,
        how=Term.How.APPOINTED,
        decision=decision,
        appointment=appointment.strip(),
        starts_on=starts_on,
        ends_on=add_months(starts_on, position.term_months),
    )
    record(
        actor=acting_user,
        verb="position.appointed",
        target=position,
        group_id=position.group_id,
        new={"holder": holder_id, "decision": decision.pk, "starts_on": starts_on.isoformat()},
    )
    keep_delegates_in_step(position, added={holder_id}, removed=set(), acting_user=acting_user)
    tell_holders(position, elected={holder_id}, ended=set(), key=f"term-{term.pk}")
    return term


def end_term(term: Term, *, reason: str, on: date | None = None) -> Term:
    """End a current term (the caller holds the transaction and writes the audit entry)."""
    term.ended_on = on or timezone.localdate()
    if term.ended_on < term.starts_on:
        term.ended_on = term.starts_on
    term.end_reason = reason
    term.save(update_fields=["ended_on", "end_reason"])
    return term


@transaction.atomic
def check_step_down(position: Position, *, acting_user: User) -> Term:
    """The holder steps down from the position today; their term ends and the history keeps it."""
    term = (
        Term.objects.select_for_update()
        .filter(position=position, holder=acting_user, ended_on__isnull=True)
        .first()
    )
    if term is None:
        raise ActionError(_("You do not hold this position."))
    end_term(term, reason=Term.EndReason.STEPPED_DOWN)
    record(
        actor=acting_user,
        verb="term.stepped_down",
        target=term,
        group_id=position.group_id,
        new={"ended_on": str(term.ended_on)},
    )
    keep_delegates_in_step(position, added=set(), removed={acting_user.pk}, acting_user=acting_user)
    return term


# An organiser ends a term for these reasons; a recall ends it through the recall ballot.
ORGANISER_END_REASONS = (
    Term.EndReason.TERM_ENDED,
    Term.EndReason.STEPPED_DOWN,
    Term.EndReason.LEFT_THE_GROUP,
)


@transaction.atomic
def check_end_term(term: Term, *, reason: str, acting_user: User) -> Term:
    """An organiser ends a holder's current term (its end reached, they stepped down, or they
    left the group); the holder is told."""
    term = Term.objects.select_for_update(of=("self",)).select_related("position").get(pk=term.pk)
    if term.ended_on is not None:
        raise ActionError(_("This term has already ended."))
    if reason not in ORGANISER_END_REASONS:
        raise ActionError(_("Choose why the term ends."), field="reason")
    end_term(term, reason=reason)
    position = term.position
    record(
        actor=acting_user,
        verb="term.ended",
        target=term,
        group_id=position.group_id,
        new={"reason": reason, "ended_on": str(term.ended_on)},
    )
    keep_delegates_in_step(position, added=set(), removed={term.holder_id}, acting_user=acting_user)
    tell_holders(position, elected=set(), ended={term.holder_id}, key=f"term-{term.pk}")
    return term


def do_end_terms_of_leaver(membership: Membership, *, acting_user: User | None) -> list[Term]:
    """A member who leaves a group (or is removed) stops holding its positions: their current
    terms end today, for that reason, and the history keeps them."""
    terms = list(
        Term.objects.select_for_update(of=("self",))
        .filter(
            position__group_id=membership.group_id,
            holder_id=membership.user_id,
            ended_on__isnull=True,
        )
        .select_related("position")
    )
    for term in terms:
        end_term(term, reason=Term.EndReason.LEFT_THE_GROUP)
        record(
            actor=acting_user,
            verb="term.ended",
            target=term,
            group_id=membership.group_id,
            new={"reason": Term.EndReason.LEFT_THE_GROUP, "ended_on": str(term.ended_on)},
        )
        keep_delegates_in_step(
            term.position, added=set(), removed={membership.user_id}, acting_user=acting_user
        )
    return terms
