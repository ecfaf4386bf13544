"""Every change to projects, their rotas, requests for help and partnerships.

Split by what they change; the names are re-exported here so callers write `actions.check_sign_up`.
"""

from groundwork.projects.actions.aid_requests import (
    check_request_aid,
    check_set_aid_request_status,
    coordinator_ids,
)
from groundwork.projects.actions.listings import do_add_listing, do_close_listing
from groundwork.projects.actions.partnerships import do_add_partnership
from groundwork.projects.actions.projects import (
    PROJECT_FIELDS,
    check_create_project,
    check_update_project,
    do_set_step_done,
)
from groundwork.projects.actions.shifts import (
    check_edit_shift,
    check_sign_up,
    do_add_shift,
    do_cancel_signup,
    do_delete_shift,
    do_remind_shift_volunteers,
    do_withdraw_signups_of_former_member,
)

__all__ = [
    "PROJECT_FIELDS",
    "check_create_project",
    "check_edit_shift",
    "check_request_aid",
    "check_set_aid_request_status",
    "check_sign_up",
    "check_update_project",
    "coordinator_ids",
    "do_add_listing",
    "do_add_partnership",
    "do_add_shift",
    "do_cancel_signup",
    "do_close_listing",
    "do_delete_shift",
    "do_remind_shift_volunteers",
    "do_set_step_done",
    "do_withdraw_signups_of_former_member",
]
