"""Jobs of the outcomes app: importing a file of statistics a coordinator uploaded. The job finds
the import its argument names and calls the action that does the work, which does nothing for
an import already finished, so a retried job does no harm."""

from django.tasks import task

from groundwork.outcomes.models import IndicatorImport


@task()
def run_indicator_import(indicator_import_id: int) -> str:
    """Dry-run or apply an uploaded file (do_run_indicator_import)."""
    from groundwork.outcomes.actions import do_run_indicator_import

    indicator_import = IndicatorImport.objects.filter(pk=indicator_import_id).first()
    return do_run_indicator_import(indicator_import) if indicator_import else "nothing to do"
