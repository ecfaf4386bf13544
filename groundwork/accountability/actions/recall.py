"""Recall petitions: members of a position's electorate open one against a holder and sign it,
once each; at the threshold the recall ballot is called (recall_ballot.py); past its window
without enough signatures, a petition expires. The holder is told at each step; each step is
audited and in the decision log."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.actions.recall_ballot import call_recall_ballot
from groundwork.accountability.actions.recall_common import (
    electorate_size_of,
    is_in_electorate,
    log_step,
    names_of,
    recall_rules_of,
    signatures_needed,
    tell_holder,
)
from groundwork.accountability.models import (
    RecallPetition,
    RecallSignature,
    Term,
)
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.members.models import User


@transaction.atomic
def check_open_recall_petition(term: Term, *, reason: str, acting_user: User) -> RecallPetition:
    """A member of the position's electorate opens a recall petition against a current holder,
    with a reason, and signs it; the threshold and window are fixed now."""
    from groundwork.accountability import tasks

    term = Term.objects.select_for_update().select_related("position", "holder").get(pk=term.pk)
    position = term.position
    if term.ended_on is not None:
        raise ActionError(_("This term has ended: there is nobody to recall."))
    if not is_in_electorate(acting_user, position):
        raise ActionError(_("Only those who elect this position can petition to recall it."))
    if term.holder_id == acting_user.pk:
        raise ActionError(_("You cannot petition to recall yourself: you may step down instead."))
    reason = reason.strip()
    if not reason:
        raise ActionError(_("Say why the holder should be recalled."), field="reason")
    if RecallPetition.objects.filter(
        term=term, status__in=[RecallPetition.Status.OPEN, RecallPetition.Status.BALLOT]
    ).exists():
        raise ActionError(_("A recall petition against this holder is already under way."))
    share, window_days = recall_rules_of(position)
    size = electorate_size_of(position)
    try:
        with transaction.atomic():
            petition = RecallPetition.objects.create(
                term=term,
                reason=reason,
                opened_by=acting_user,
                closes_at=timezone.now() + timedelta(days=window_days),
                electorate_size=size,
                signatures_needed=signatures_needed(electorate_size=size, share=share),
            )
    except IntegrityError as error:  # another member opened one at the same moment
        raise ActionError(
            _("A recall petition against this holder is already under way.")
        ) from error
    record(
        actor=acting_user,
        verb="recall.opened",
        target=petition,
        group_id=position.group_id,
        new={
            "term": term.pk,
            "electorate": size,
            "share": str(share),
            "needed": petition.signatures_needed,
            "closes_at": petition.closes_at.isoformat(),
        },
    )
    names = names_of(petition)
    log_step(
        petition,
        _("A recall petition was opened against %(holder)s as %(position)s.") % names,
        acting_user,
    )
    tell_holder(
        petition,
        "opened",
        _("A recall petition has been opened against you as %(position)s.") % names,
    )
    closes_at, pk = petition.closes_at, petition.pk
    transaction.on_commit(lambda: tasks.schedule_recall_expiry(pk, closes_at))
    _sign(petition, acting_user)
    return petition


@transaction.atomic
def check_sign_recall_petition(petition: RecallPetition, *, acting_user: User) -> bool:
    """Sign the petition, once per member (the database refuses a second signature: signing
    again changes nothing and returns False). At the threshold the recall ballot is called."""
    petition = (
        RecallPetition.objects.select_for_update(of=("self",))
        .select_related("term__position__group", "term__holder")
        .get(pk=petition.pk)
    )
    if petition.status != RecallPetition.Status.OPEN or petition.closes_at <= timezone.now():
        raise ActionError(_("This petition is no longer gathering signatures."))
    if petition.term.ended_on is not None:
        raise ActionError(_("This term has ended: there is nobody to recall."))
    if petition.term.holder_id == acting_user.pk:
        raise ActionError(_("You cannot sign a petition to recall yourself."))
    if not is_in_electorate(acting_user, petition.term.position):
        raise ActionError(_("Only those who elect this position can sign."))
    return _sign(petition, acting_user)


def _sign(petition: RecallPetition, acting_user: User) -> bool:
    """Add the signature under the petition's row lock and count from the table, so a count is
    never added twice; call the ballot when the count first reaches the threshold."""
    try:
        with transaction.atomic():
            RecallSignature.objects.create(petition=petition, user=acting_user)
    except IntegrityError:
        return False
    petition.signature_count = RecallSignature.objects.filter(petition=petition).count()
    petition.save(update_fields=["signature_count", "updated_at"])
    # Who signed stays in the signatures table alone: the group's organisers read its audit log,
    # and signing against your own officer is sensitive, so the entry names nobody.
    record(
        actor=None,
        verb="recall.signed",
        target=petition,
        group_id=petition.term.position.group_id,
        new={"signatures": petition.signature_count, "needed": petition.signatures_needed},
    )
    if petition.signature_count >= petition.signatures_needed:
        call_recall_ballot(petition, acting_user=acting_user)
    return True


@transaction.atomic
def do_expire_recall_petition(petition: RecallPetition, *, now: datetime | None = None) -> bool:
    """Past its window without enough signatures, the petition expires (the holder is told).
    Returns whether it did; safe to run again."""
    now = now or timezone.now()
    petition = (
        RecallPetition.objects.select_for_update(of=("self",))
        .select_related("term__position", "term__holder")
        .get(pk=petition.pk)
    )
    if petition.status != RecallPetition.Status.OPEN or petition.closes_at > now:
        return False
    petition.status = RecallPetition.Status.EXPIRED
    petition.save(update_fields=["status", "updated_at"])
    record(
        actor=None,
        verb="recall.expired",
        target=petition,
        group_id=petition.term.position.group_id,
        new={"signatures": petition.signature_count, "needed": petition.signatures_needed},
    )
    names = names_of(petition)
    log_step(
        petition,
        _(
            "The recall petition against %(holder)s as %(position)s expired without enough "
            "signatures."
        )
        % names,
        None,
    )
    tell_holder(
        petition,
        "expired",
        _("The recall petition against you as %(position)s has expired.") % names,
    )
    return True
