"""Jobs of the members app: building a member's data download, and deleting it when it expires.

Each job finds the export its argument names and calls the action that does the work; a job for
an export that is gone (replaced, or its member erased) does nothing.
"""

from django.tasks import task
from django.utils import timezone

from groundwork.core.hooks import RetentionRule, add_retention_rule
from groundwork.members.models import PersonalDataExport


@task()
def build_personal_data_export(export_id: int) -> str:
    """Build the member's zip (do_build_data_export)."""
    from groundwork.members.actions.rights import do_build_data_export

    export = PersonalDataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None:
        return "gone"
    try:
        return do_build_data_export(export).status
    except Exception:
        # The page then says so and offers to ask again, instead of "being prepared" for ever.
        PersonalDataExport.objects.filter(pk=export_id).update(
            status=PersonalDataExport.Status.FAILED
        )
        raise


@task()
def delete_personal_data_export(export_id: int) -> str:
    """Delete the download once it has expired (run at its expiry; early, it does nothing)."""
    from groundwork.members.actions.rights import do_delete_data_export

    export = PersonalDataExport.objects.filter(pk=export_id).first()
    if export is None:
        return "gone"
    if export.expires_at is not None and export.expires_at > timezone.now():
        return "not yet"
    do_delete_data_export(export)
    return "deleted"


# --- Retention (core.hooks.retention_rules) ---------------------------------------------------


def _delete_expired_exports(now) -> int:
    """The sweep behind each download's own deleting job (a job lost, a worker down that day)."""
    from groundwork.members.actions.rights import do_delete_data_export

    expired = list(PersonalDataExport.objects.filter(expires_at__lt=now))
    for export in expired:
        do_delete_data_export(export)
    return len(expired)


add_retention_rule(
    RetentionRule(
        "Downloads of a member's data (the zip file)",
        "GROUNDWORK_DATA_EXPORT_DAYS (7) days after it was made",
        _delete_expired_exports,
    )
)
