"""Reading recall petitions (pages check accountability.see_recall_petition first)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from groundwork.accountability.models import (
    Position,
    RecallPetition,
    RecallSignature,
    Term,
)
from groundwork.core.models import AuditEntry


def get_recall_position(pk: int) -> Position:
    """The position with its group, or 404; who may see its recalls is for the rules to say."""
    return get_object_or_404(Position.objects.select_related("group"), pk=pk)


def get_recall_petition(pk: int) -> RecallPetition:
    """The petition with its term, holder, position, group and ballot, or 404; who may see it
    is for the rules to say."""
    return get_object_or_404(
        RecallPetition.objects.select_related(
            "term__holder", "term__position__group", "ballot", "opened_by"
        ),
        pk=pk,
    )


def recall_petitions_of(position: Position) -> QuerySet[RecallPetition]:
    """Every recall petition against the position's holders, latest first, with holder and
    ballot. Counts only: who signed is shown to nobody but the signer."""
    return RecallPetition.objects.filter(term__position=position).select_related(
        "term__holder", "ballot"
    )


def current_terms_of(position: Position) -> QuerySet[Term]:
    """The position's current holders' terms, with the holder."""
    return Term.objects.filter(position=position, ended_on__isnull=True).select_related("holder")


def recall_petitions_signed_by(user, petitions: list[RecallPetition]) -> set[int]:
    """The ids of those of `petitions` that the user signed."""
    if not user.is_authenticated or not petitions:
        return set()
    return set(
        RecallSignature.objects.filter(
            user=user, petition_id__in=[petition.pk for petition in petitions]
        ).values_list("petition_id", flat=True)
    )


def why_recall_ballot_waits(petition: RecallPetition) -> str:
    """What kept the recall ballot from opening, as last recorded: read through the audit's
    index on (group, time), from the moment the petition last changed (its threshold)."""
    entry = (
        AuditEntry.objects.filter(
            group_id=petition.term.position.group_id,
            acted_at__gte=petition.updated_at,
            verb="recall.ballot_waiting",
            target_type=RecallPetition._meta.label_lower,
            target_id=str(petition.pk),
        )
        .order_by("-id")
        .first()
    )
    return str((entry.new or {}).get("why", "")) if entry else ""
