"""Reading the audit logs: a group's, for its organisers, and the whole alliance's, for
coordinators, and narrowing either by person, kind of action and days."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from groundwork.core.audit.sentences import verbs_of_kind
from groundwork.core.models import AuditEntry
from groundwork.groups.models import Group


def group_audit_visible_to(user, group: Group) -> QuerySet[AuditEntry]:
    """The group's audit log for its organisers (twin of view_group_audit)."""
    if not user.has_perm("groups.view_group_audit", group):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(group_id=group.pk).select_related("actor")


def alliance_audit_visible_to(user) -> QuerySet[AuditEntry]:
    """The whole alliance's audit log, for coordinators only."""
    if not user.has_perm("groups.view_alliance"):
        return AuditEntry.objects.none()
    return AuditEntry.objects.select_related("actor")


def filter_audit(
    entries: QuerySet[AuditEntry],
    *,
    person: str = "",
    kind: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """The entries by someone whose name holds `person`, of a kind of action (see
    core.audit.sentences.KINDS), made on or after the day `since` and on or before `until`
    (days in the site's time zone)."""
    if person:
        shown_as = Q(actor__display_name__icontains=person)
        if "@" not in person:  # a name taken from an address is its part before the @, no more
            shown_as |= Q(actor__display_name="", actor__email__istartswith=person)
        entries = entries.filter(shown_as)
    if kind:
        entries = entries.filter(verb__in=verbs_of_kind(kind))
    if since:
        entries = entries.filter(acted_at__gte=_start_of(since))
    if until:
        entries = entries.filter(acted_at__lt=_start_of(until + timedelta(days=1)))
    return entries


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
