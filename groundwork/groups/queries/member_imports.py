"""Reading a group's imported members' lists (issue #15), for its organisers only."""

from django.db.models import QuerySet
from django.http import Http404

from groundwork.groups.models import Group, MemberImport, MemberImportProblem


def member_imports_visible_to(user, group: Group) -> QuerySet[MemberImport]:
    """The group's imported members' lists, newest first, for its organisers only (twin of
    groups.import_members)."""
    if not user.has_perm("groups.import_members", group):
        return MemberImport.objects.none()
    return (
        MemberImport.objects.filter(group=group)
        .select_related("imported_by")
        .order_by("-created_at", "-id")
    )


def get_member_import_in(group: Group, pk: int) -> MemberImport:
    """One of the group's imported lists (the view has checked the organiser), or 404."""
    try:
        return MemberImport.objects.select_related("group", "imported_by").get(group=group, pk=pk)
    except MemberImport.DoesNotExist:
        raise Http404("No such members' list.") from None


def member_import_problems(member_import: MemberImport) -> QuerySet[MemberImportProblem]:
    """The rows the last run of the list set aside, in the file's order."""
    return MemberImportProblem.objects.filter(member_import=member_import).order_by("row_number")
