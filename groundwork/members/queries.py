"""Reads of a member's own records: their data downloads."""

from django.db.models import QuerySet
from django.http import Http404

from groundwork.members.models import PersonalDataExport


def data_exports_of(user) -> QuerySet[PersonalDataExport]:
    """The member's data downloads, newest first (only ever their own)."""
    return PersonalDataExport.objects.filter(user=user).order_by("-requested_at", "-id")


def get_data_export_for(user, pk: int) -> PersonalDataExport:
    """The member's own download while it can be downloaded; 404 alike for missing, expired and
    someone else's."""
    export = data_exports_of(user).filter(pk=pk).first() if user.is_authenticated else None
    if export is None or not export.is_downloadable:
        raise Http404("No such download.")
    return export
