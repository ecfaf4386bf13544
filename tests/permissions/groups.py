"""Rows of the permission matrix: groups (public pages; run by their organisers)."""

from tests.permissions.cells import (
    COORDINATOR,
    LOGIN,
    MEMBER_HOME,
    PUBLIC,
    RIVERSIDE,
    RIVERSIDE_ORGANISER,
    Row,
    everyone,
    riverside_slug,
    signed_in,
)

# A draft email to Riverside's members, made the first time a cell asks for it (the same one for
# the rest of that cell).
DRAFT_MAILING_TOKEN = "0b7c7a52-3f0e-4c43-8d5e-5a2f4e0f7a01"


def draft_mailing(world):
    from groundwork.groups.models import Mailing

    mailing, _created = Mailing.objects.get_or_create(
        token=DRAFT_MAILING_TOKEN,
        defaults={
            "group": world.riverside,
            "author": world.users["alice"],
            "subject": "Saturday",
            "body": "See you there.",
            "segment": "everyone",
            "segment_label": "Everyone in the group",
        },
    )
    return mailing


def draft_mailing_of_riverside(world):
    return {"slug": "riverside", "pk": draft_mailing(world).pk}


def member_import(world):
    """A members' list uploaded to Riverside by alice, made the first time a cell asks for it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from groundwork.groups.actions.member_imports import check_upload_member_import
    from groundwork.groups.models import MemberImport

    found = MemberImport.objects.filter(group=world.riverside, file_name="matrix.csv").first()
    if found is not None:
        return found
    return check_upload_member_import(
        world.riverside,
        upload=SimpleUploadedFile("matrix.csv", b"email,name\nnew@example.org,New\n"),
        file_name="matrix.csv",
        lawful_basis="consent",
        acting_user=world.users["alice"],
    )


def member_import_of_riverside(world):
    return {"slug": "riverside", "pk": member_import(world).pk}


def to_member_import(world) -> str:
    from django.urls import reverse

    return "→" + reverse("groups:member_import", kwargs=member_import_of_riverside(world))


ROWS: dict[str, Row] = {
    "groups:directory": Row(PUBLIC),
    "groups:detail": Row(PUBLIC, kwargs=riverside_slug),
    # Anyone may write to the organisers (a visitor gives an address); the mail goes by a job.
    "groups:contact": Row(
        everyone(RIVERSIDE),
        method="post",
        kwargs=riverside_slug,
        data={
            "name": "Sam",
            "email": "someone@example.net",
            "message": "Hello",
            "token": "6f1c2b1e-2d4e-4a43-9b9f-2f0c9c1a0e11",
        },
    ),
    "groups:join": Row(signed_in(RIVERSIDE), method="post", kwargs=riverside_slug),
    # Only members may leave: dan, carol and the coordinator are not in Riverside.
    "groups:leave": Row((LOGIN, 404, 200, 404, 200, 404), kwargs=riverside_slug),
    "groups:withdraw_request": Row(signed_in(RIVERSIDE), method="post", kwargs=riverside_slug),
    "groups:members": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:remove_member": Row(
        (LOGIN, 404, 404, 404, "→/groups/riverside/members/", 404),
        method="post",
        kwargs=lambda world: {"slug": "riverside", "pk": world.bobs_membership.pk},
    ),
    "groups:change_role": Row(
        (LOGIN, 404, 404, 404, "→/groups/riverside/members/", 404),
        method="post",
        kwargs=lambda world: {"slug": "riverside", "pk": world.bobs_membership.pk},
        data={"role": "organiser"},
    ),
    "groups:requests": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:decide_request": Row(
        (LOGIN, 404, 404, 404, "→/groups/riverside/requests/", 404),
        method="post",
        kwargs=lambda world: {"slug": "riverside", "pk": world.erins_request.pk},
        data={"decision": "approve"},
    ),
    "groups:invitations": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:revoke_invitation": Row(
        (LOGIN, 404, 404, 404, "→/groups/riverside/invitations/", 404),
        method="post",
        kwargs=lambda world: {"slug": "riverside", "pk": world.invitation.pk},
    ),
    "groups:edit": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:audit": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:mailings": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:new_mailing": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:mailing": Row(RIVERSIDE_ORGANISER, kwargs=draft_mailing_of_riverside),
    "groups:edit_mailing": Row(RIVERSIDE_ORGANISER, kwargs=draft_mailing_of_riverside),
    "groups:send_mailing": Row(
        (LOGIN, 404, 404, 404, lambda world: "→" + draft_mailing(world).get_absolute_url(), 404),
        method="post",
        kwargs=draft_mailing_of_riverside,
    ),
    "groups:member_imports": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "groups:member_import": Row(RIVERSIDE_ORGANISER, kwargs=member_import_of_riverside),
    "groups:map_member_import": Row(
        (LOGIN, 404, 404, 404, to_member_import, 404),
        method="post",
        kwargs=member_import_of_riverside,
        data={"email": "0", "name": "1"},
    ),
    "groups:run_member_import": Row(
        (LOGIN, 404, 404, 404, to_member_import, 404),
        method="post",
        kwargs=member_import_of_riverside,
        data={"dry_run": "1"},
    ),
    "groups:export_members": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    # The token in the link is the key: whoever holds it and is signed in sees the invitation.
    "groups:invitation": Row(MEMBER_HOME, kwargs=lambda world: {"token": world.invitation.token}),
    "groups:create": Row(COORDINATOR),
    # Anyone may ask for a group where none is near: visitors give an email and consent.
    "groups:request_group": Row(PUBLIC),
    "groups:group_requests": Row(COORDINATOR),
    "groups:answer_group_requests": Row(COORDINATOR, kwargs=lambda world: {"district": "SE22"}),
    "groups:alliance": Row(COORDINATOR),
    "groups:alliance_audit": Row(COORDINATOR),
}
