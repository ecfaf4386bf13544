"""Rows of the permission matrix: the Django admin (staff only; coordinators are staff).

The admin's own pages have a row each. Its model pages are many and alike: they are accounted for
by one pattern (`ADMIN_MODEL_PAGE`) and checked on a sample (`ADMIN_SAMPLE`, test_admin.py).
"""

import re

from django.urls import reverse

from tests.permissions.cells import ADMIN_LOGIN, LOGIN, STAFF_ONLY, Row

ROWS: dict[str, Row] = {
    "admin:index": Row(STAFF_ONLY),
    # The admin signs people in through allauth (so two-factor applies) and refuses non-staff.
    "admin:login": Row((LOGIN, 403, 403, 403, 403, "→/admin/")),
    # Logging out of the admin takes a POST.
    "admin:logout": Row(("→/admin/",) * 5 + (405,)),
    "admin:password_change": Row(STAFF_ONLY),
    "admin:password_change_done": Row(STAFF_ONLY),
    "admin:jsi18n": Row(STAFF_ONLY),
    # Autocomplete without its query parameters is refused even to staff.
    "admin:autocomplete": Row((ADMIN_LOGIN,) * 5 + (403,)),
    "admin:app_list": Row(STAFF_ONLY, kwargs=lambda world: {"app_label": "groups"}),
    "admin:view_on_site": Row(
        (ADMIN_LOGIN,) * 5 + (404,),
        kwargs=lambda world: {"content_type_id": "0", "object_id": "0"},
    ),
}

# Admin pages of each registered model (changelist, add, change, history, delete, the unnamed
# redirect from <object_id>/ to its change page, and the user admin's password page), recognised
# by their path: admin/<app_label>/<model>/...
ADMIN_MODEL_PAGE = re.compile(
    r"^admin/\w+/\w+/(add/|<path:object_id>/(change/|history/|delete/)?|<id>/password/)?$"
)

ADMIN_SAMPLE = {
    # Every registered model's list, and every page of the Group admin. Coordinators hold the
    # "Alliance coordinators" permissions (groups.actions.COORDINATOR_ADMIN_PERMISSIONS): groups
    # and the log, never members, accounts, authenticators or the job queue.
    "admin:groups_group_changelist": 200,
    "admin:groups_group_add": 200,
    "admin:groups_group_change": 200,
    "admin:groups_group_history": 200,
    "admin:groups_group_delete": 403,
    "admin:groups_coordinator_changelist": 200,
    "admin:core_auditentry_changelist": 200,
    "admin:members_user_changelist": 403,
    "admin:auth_user_password_change": 403,
    "admin:auth_group_changelist": 403,
    "admin:account_emailaddress_changelist": 403,
    "admin:mfa_authenticator_changelist": 403,
    "admin:django_tasks_database_dbtaskresult_changelist": 403,
    # Courses are read only in the admin: coordinators and organisers build them on their pages.
    "admin:learning_course_changelist": 200,
    # Democracy is read-only in the admin, for coordinators: the alliance's proposals, ballots and
    # decisions, every group's settings and delegates; never votes or electors (not registered).
    "admin:democracy_groupdemocracysettings_changelist": 200,
    "admin:democracy_delegate_changelist": 200,
    "admin:democracy_proposal_changelist": 200,
    "admin:democracy_ballot_changelist": 200,
    "admin:democracy_ballot_add": 403,
    "admin:democracy_ballot_delete": 403,
    "admin:democracy_decision_changelist": 200,
    # Campaigns and events: read-only overviews; nobody adds or changes them in the admin.
    "admin:campaigns_campaign_changelist": 200,
    "admin:campaigns_campaign_add": 403,
    "admin:events_eventoverview_changelist": 200,
    "admin:events_eventoverview_add": 403,
}


def admin_sample_url(name: str, world) -> str:
    if name == "admin:auth_user_password_change":
        return reverse(name, kwargs={"id": world.users["dan"].pk})
    if name.endswith(("_change", "_history", "_delete")):
        return reverse(name, kwargs={"object_id": world.riverside.pk})
    return reverse(name)
