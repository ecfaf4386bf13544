"""A member's data rights: a copy of everything held about them, and erasure of their account.

The apps to the right answer through the hooks in `members.hooks` (`personal_data_exporters`
and `member_erased`); this module does the members app's own part and the platform-wide part
(the audit log, account email addresses, waiting jobs).
"""

import io
import json
import secrets
import zipfile
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.csv import SafeWriter
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.members.hooks import member_erased, personal_data_exporters
from groundwork.members.models import ConsentRecord, PersonalDataExport, Profile, User

# What an erased name, email or postcode becomes wherever the group keeps the record.
ERASED = "[erased]"

README = """This is a copy of everything {site} holds about you, made on {made}.

Each part is in two files with the same content: <part>.json (for programs) and <part>.csv
(for spreadsheets). How you voted in a secret ballot is not here: nobody can link a secret
vote to the person who cast it, not even the platform, so only the fact that you voted is.

The privacy notice says why each part is held and for how long: {privacy_url}
"""


def export_days() -> int:
    """How long a built download stays available (GROUNDWORK_DATA_EXPORT_DAYS)."""
    return settings.GROUNDWORK_DATA_EXPORT_DAYS


# --- Members' own part of the download ---------------------------------------------------------


def iso(moment: Any) -> str | None:
    """A date or time as ISO text for the download (None stays None)."""
    return moment.isoformat() if moment is not None else None


def members_personal_data(user: User) -> dict[str, list[dict[str, Any]]]:
    """The account, profile and consents of `user` (three queries)."""
    profile = Profile.objects.filter(user=user).first()
    account = {
        "email": user.email,
        "display_name": user.display_name,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
    }
    profile_rows = []
    if profile is not None:
        profile_rows.append(
            {
                "pronouns": profile.pronouns,
                "postcode_district": profile.postcode_district,
                "skills": profile.skills,
                "interests": profile.interests,
                "share_skills": profile.share_skills,
                "show_pronouns": profile.show_pronouns,
                "allow_organiser_contact": profile.allow_organiser_contact,
            }
        )
    consents = [
        {
            "purpose": consent.get_purpose_display(),
            "policy_version": consent.policy_version,
            "given_at": iso(consent.given_at),
            "withdrawn_at": iso(consent.withdrawn_at),
        }
        for consent in ConsentRecord.objects.filter(user=user)
    ]
    return {"account": [account], "profile": profile_rows, "consents": consents}


def collect_personal_data(user: User) -> dict[str, list[dict[str, Any]]]:
    """Every app's part of `user`'s data, by section name, members' own first."""
    sections = members_personal_data(user)
    for exporter in personal_data_exporters:
        sections.update(exporter(user))
    return sections


def build_zip(sections: dict[str, list[dict[str, Any]]]) -> bytes:
    """The download: README.txt, and each section as JSON and as CSV (safe in spreadsheets)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            README.format(
                site=settings.SITE_NAME,
                made=timezone.now().date().isoformat(),
                privacy_url=f"{settings.SITE_URL.rstrip('/')}/privacy/",
            ),
        )
        for name, rows in sections.items():
            archive.writestr(f"{name}.json", json.dumps(rows, indent=2, ensure_ascii=False))
            columns: list[str] = []
            for row in rows:
                columns += [column for column in row if column not in columns]
            text = io.StringIO()
            writer = SafeWriter(text)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([row.get(column) for column in columns])
            archive.writestr(f"{name}.csv", text.getvalue())
    return buffer.getvalue()


# --- The download ------------------------------------------------------------------------------


@transaction.atomic
def do_request_data_export(user: User, *, acting_user: User) -> PersonalDataExport:
    """Ask the job worker for a fresh copy of `user`'s data (once while one is being made)."""
    from groundwork.members.tasks import build_personal_data_export

    waiting = PersonalDataExport.objects.filter(
        user=user, status=PersonalDataExport.Status.PREPARING
    ).first()
    if waiting is not None:
        return waiting
    export = PersonalDataExport.objects.create(user=user)
    record(actor=acting_user, verb="member.data_export_requested", target=export)
    transaction.on_commit(lambda: build_personal_data_export.enqueue(export.pk))
    return export


def do_build_data_export(export: PersonalDataExport) -> PersonalDataExport:
    """The job's work: gather every app's part, store the zip, and schedule its deletion.
    Earlier downloads of the same member go: only the newest is kept."""
    from groundwork.members.tasks import delete_personal_data_export

    if export.status != PersonalDataExport.Status.PREPARING:
        return export  # a retried job: already built
    content = build_zip(collect_personal_data(export.user))
    with transaction.atomic():
        for older in PersonalDataExport.objects.filter(user=export.user).exclude(pk=export.pk):
            do_delete_data_export(older)
        export.file.save(f"{secrets.token_urlsafe(24)}.zip", ContentFile(content), save=False)
        export.status = PersonalDataExport.Status.READY
        export.ready_at = timezone.now()
        export.expires_at = export.ready_at + timedelta(days=export_days())
        export.save(update_fields=["file", "status", "ready_at", "expires_at"])
        record(actor=None, verb="member.data_export_ready", target=export)
        expires_at = export.expires_at
        transaction.on_commit(
            lambda: delete_personal_data_export.using(run_after=expires_at).enqueue(export.pk)
        )
    return export


def do_delete_data_export(export: PersonalDataExport) -> None:
    """Delete a download and its file (when it expires, is replaced, or its member is erased)."""
    name = export.file.name
    if name:
        storage = export.file.storage
        # The file goes only once the row has: a rolled-back erasure keeps both.
        transaction.on_commit(lambda: storage.delete(name))
    export.delete()


# --- Erasure -----------------------------------------------------------------------------------


def _scrub_text(text: str, needles: list[str]) -> str:
    """`text` with every needle (case-insensitive) replaced by ERASED."""
    lowered = text.lower()
    for needle in needles:
        start = lowered.find(needle)
        while start != -1:
            text = text[:start] + ERASED + text[start + len(needle) :]
            lowered = text.lower()
            start = lowered.find(needle, start + len(ERASED))
    return text


def scrub_value(value: Any, needles: list[str]) -> Any:
    """A JSON value with every needle replaced inside its strings (keys too)."""
    if isinstance(value, str):
        return _scrub_text(value, needles)
    if isinstance(value, list):
        return [scrub_value(item, needles) for item in value]
    if isinstance(value, dict):
        return {_scrub_text(k, needles): scrub_value(v, needles) for k, v in value.items()}
    return value


def _mentions(needles: list[str], *fields: str) -> models.Q:
    """Rows where any of `fields` (text, or JSON read as text) contains a needle, as stored
    (JSON may keep accents as \\u escapes)."""
    condition = models.Q()
    for needle in needles:
        for form in {needle, json.dumps(needle)[1:-1]}:
            for field in fields:
                condition |= models.Q(**{f"{field}__icontains": form})
    return condition


def identifying_strings(user: User) -> list[str]:
    """What names `user` in text: their name, email and profile postcode, lower-case."""
    profile = Profile.objects.filter(user=user).first()
    candidates = [user.display_name, user.email]
    if profile is not None:
        candidates.append(profile.postcode_district)
    # Too short to be theirs alone (a two-letter name would scrub half the log).
    return sorted({c.strip().lower() for c in candidates if len(c.strip()) >= 3}, key=len)[::-1]


def scrub_audit_log(user: User, needles: list[str]) -> int:
    """Strip `user` from the audit log: the entries they made stay (a decision must stay
    reconstructable), but no entry names them any more. Returns how many entries changed."""
    entries = AuditEntry.objects.annotate(
        old_text=Cast("old", models.TextField()), new_text=Cast("new", models.TextField())
    ).filter(
        models.Q(target_type=User._meta.label_lower, target_id=str(user.pk))
        | _mentions(needles, "target_label", "old_text", "new_text")
    )
    changed = 0
    for entry in entries:
        if entry.target_type == User._meta.label_lower and entry.target_id == str(user.pk):
            entry.target_label = str(_("a former member"))
        entry.target_label = _scrub_text(entry.target_label, needles)
        entry.old = scrub_value(entry.old, needles)
        entry.new = scrub_value(entry.new, needles)
        entry.save(update_fields=["target_label", "old", "new"])
        changed += 1
    return changed


def scrub_platform_records(user: User, needles: list[str]) -> None:
    """The records of the frameworks under the apps: account addresses, two-factor keys, the
    admin's own log, and jobs (emails waiting or sent) that name the member."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry
    from django_tasks_db.models import DBTaskResult

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for entry in LogEntry.objects.filter(_mentions(needles, "object_repr", "change_message")):
        entry.object_repr = _scrub_text(entry.object_repr, needles)
        entry.change_message = _scrub_text(entry.change_message, needles)
        entry.save(update_fields=["object_repr", "change_message"])
    jobs = DBTaskResult.objects.annotate(
        arguments=Cast("args_kwargs", models.TextField()),
        returned=Cast("return_value", models.TextField()),
    ).filter(_mentions(needles, "arguments", "returned"))
    # A job naming the member is an email to or about them: it is theirs, and goes.
    DBTaskResult.objects.filter(pk__in=[job.pk for job in jobs]).delete()


@transaction.atomic
def check_erase_member(user: User, *, password: str, acting_user: User) -> None:
    """Delete the member's account for good, once they confirm with their password.

    Every app forgets them (`member_erased`); the user row stays as "a former member" with no
    name, email, password or profile, so the votes, signatures and decisions they took part in
    still count. One audit entry records that an account was erased, and names nobody.
    """
    if acting_user.pk != user.pk or not user.check_password(password):
        raise ActionError(_("That is not your password."), field="password")
    user = User.objects.select_for_update().get(pk=user.pk)
    needles = identifying_strings(user)
    member_erased.send(sender=User, user=user)
    for export in PersonalDataExport.objects.filter(user=user):
        do_delete_data_export(export)
    ConsentRecord.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    scrub_platform_records(user, needles)
    scrub_audit_log(user, needles)
    user.email = f"erased-{user.pk}-{secrets.token_hex(4)}@erased.invalid"
    user.display_name = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.erased_at = timezone.now()
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    record(actor=None, verb="member.erased", target=user)
