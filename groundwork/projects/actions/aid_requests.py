"""Requests for help to a project: anyone may make one; its coordinators are told and answer it."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.models import Membership
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind
from groundwork.projects.models import AidRequest, Project, ProjectCoordinator


def coordinator_ids(project: Project) -> list[int]:
    """Who runs the project: the group's organisers and its named coordinators."""
    organisers = Membership.objects.filter(
        group_id=project.group_id, role=Membership.Role.ORGANISER
    ).values_list("user_id", flat=True)
    named = ProjectCoordinator.objects.filter(
        project=project, user__memberships__group_id=project.group_id
    ).values_list("user_id", flat=True)
    return sorted(set(organisers) | set(named))


@transaction.atomic
def check_request_aid(project: Project, *, values: dict, acting_user: User | None) -> AidRequest:
    """Record a person's request for help and tell the coordinators (without the details)."""
    if not project.takes_requests:
        raise ActionError(
            _("%(project)s does not take requests for help.") % {"project": project.name}
        )
    request = AidRequest.objects.create(
        project=project,
        requested_by=acting_user if acting_user and acting_user.is_authenticated else None,
        **values,
    )
    # The audit entry names no one: what the person asked is for the coordinators' eyes only.
    record(actor=None, verb="aid_request.made", target=request, group_id=project.group_id)
    url = reverse("projects:aid_requests", kwargs={"pk": project.pk})
    transaction.on_commit(
        lambda: do_notify(
            coordinator_ids(project),
            kind=NotificationKind.PROJECTS,
            key=f"aid-request-{request.pk}",
            text=_("Someone asked %(project)s for help.") % {"project": project.name},
            url=url,
        )
    )
    return request


@transaction.atomic
def check_set_aid_request_status(
    request: AidRequest, *, status: str, acting_user: User
) -> AidRequest:
    if status not in AidRequest.Status.values:
        raise ActionError(_("Choose new, helped or closed."), field="status")
    if request.status == status:
        return request
    old = request.status
    request.status = status
    request.save(update_fields=["status", "updated_at"])
    record(
        actor=acting_user,
        verb="aid_request.status_changed",
        target=request,
        group_id=request.project.group_id,
        old={"status": old},
        new={"status": status},
    )
    return request
