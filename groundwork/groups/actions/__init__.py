"""Every change to groups, their membership, join requests, invitations and coordinators.

Split by what they change; the names are re-exported here so callers write `actions.do_invite`.
"""

from groundwork.groups.actions.centroids import do_load_district_centroids
from groundwork.groups.actions.contact import ContactMessage, check_contact_organisers
from groundwork.groups.actions.coordinators import (
    COORDINATOR_ADMIN_PERMISSIONS,
    COORDINATORS_AUTH_GROUP,
    coordinators_admin_group,
    do_appoint_coordinator,
    do_sync_coordinators_admin_group,
)
from groundwork.groups.actions.group_requests import (
    check_answer_group_requests,
    do_request_group,
)
from groundwork.groups.actions.groups import GROUP_FIELDS, do_create_group, do_update_group
from groundwork.groups.actions.invitations import (
    check_accept_invitation,
    check_invite,
    do_invite,
    do_revoke_invitation,
)
from groundwork.groups.actions.join_requests import (
    check_decide_join_request,
    do_withdraw_join_request,
)
from groundwork.groups.actions.member_exports import check_export_members
from groundwork.groups.actions.member_import_runs import do_run_member_import
from groundwork.groups.actions.member_imports import (
    Summary,
    check_map_member_import,
    check_start_member_import,
    check_upload_member_import,
)
from groundwork.groups.actions.memberships import (
    JoinOutcome,
    check_change_role,
    check_join_group,
    check_leave_group,
    check_remove_member,
    do_appoint_organiser,
)

__all__ = [
    "Summary",
    "check_export_members",
    "check_map_member_import",
    "check_start_member_import",
    "check_upload_member_import",
    "do_run_member_import",
    "COORDINATOR_ADMIN_PERMISSIONS",
    "COORDINATORS_AUTH_GROUP",
    "ContactMessage",
    "GROUP_FIELDS",
    "JoinOutcome",
    "check_accept_invitation",
    "check_answer_group_requests",
    "check_change_role",
    "check_contact_organisers",
    "check_decide_join_request",
    "check_join_group",
    "check_leave_group",
    "check_remove_member",
    "coordinators_admin_group",
    "do_appoint_coordinator",
    "do_appoint_organiser",
    "do_create_group",
    "check_invite",
    "do_invite",
    "do_load_district_centroids",
    "do_request_group",
    "do_revoke_invitation",
    "do_update_group",
    "do_withdraw_join_request",
    "do_sync_coordinators_admin_group",
]
