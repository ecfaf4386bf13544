"""Jobs of the accountability app. Each finds what its arguments name and calls the action that
does the work; the actions are idempotent, so a retried job does no harm."""

from django.tasks import task

from groundwork.accountability.models import RegisterImport


@task()
def run_register_import(register_import_id: int) -> str:
    """Import a file a coordinator uploaded (do_run_register_import)."""
    from groundwork.accountability.actions import do_run_register_import

    register_import = RegisterImport.objects.filter(pk=register_import_id).first()
    return do_run_register_import(register_import) if register_import else "nothing to do"
