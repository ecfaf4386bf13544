"""Rows of the permission matrix: members' own pages (each person's own)."""

from tests.permissions.cells import LOGIN, MEMBER_HOME, PUBLIC, Row, signed_in

# Bob's data download: his alone (everyone else gets 404, as for a download that does not exist).
BOBS_OWN = (LOGIN, 404, 200, 404, 404, 404)


def bobs_export(world) -> dict:
    """A ready download of Bob's, its zip stored once under MEDIA_ROOT and reused."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from groundwork.members.models import PersonalDataExport

    name = "var/exports/permission-matrix.zip"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    export = PersonalDataExport.objects.create(
        user=world.users["bob"],
        status=PersonalDataExport.Status.READY,
        ready_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=1),
        file=name,
    )
    return {"pk": export.pk}


ROWS: dict[str, Row] = {
    "members:landing": Row(PUBLIC),
    "members:home": Row(MEMBER_HOME),
    "members:privacy": Row(PUBLIC),
    "members:profile": Row(MEMBER_HOME),
    "members:consents": Row(MEMBER_HOME),
    "members:withdraw_consent": Row(
        signed_in("→/profile/consents/"),
        method="post",
        kwargs=lambda world: {"purpose": "organiser_contact"},
    ),
    "members:data": Row(MEMBER_HOME),
    "members:request_export": Row(signed_in("→/profile/data/"), method="post"),
    "members:download_export": Row(BOBS_OWN, kwargs=bobs_export),
    # The confirmation form; its POST (password and tick) is tested in tests/test_data_rights.py.
    "members:delete_account": Row(MEMBER_HOME),
}
