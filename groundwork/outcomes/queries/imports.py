"""Imports of files of statistics, as the coordinators' page lists them."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from groundwork.outcomes.models import IndicatorImport


def indicator_imports() -> QuerySet[IndicatorImport]:
    """Imports, newest first, with who started them, without their previews and reports."""
    return IndicatorImport.objects.defer("preview", "report").select_related("started_by")


def get_indicator_import(pk: int) -> IndicatorImport:
    """The import, or 404 (the rule decides who may see it)."""
    return get_object_or_404(IndicatorImport.objects.select_related("started_by"), pk=pk)
