"""Every URL of the project, for every member of the cast: who gets the page, who is turned away.

The matrix below has one row per route (its URL name, or its pattern when it has no name) and one
column per member of the cast. A route that exists but is not in the matrix fails
`test_every_route_is_in_the_matrix`, so a new page cannot ship without someone deciding who may see
it. docs/permissions.md is the same table in words.

A cell is the status code the person gets, or "→/path/" for a redirect to that path (the query
string is not compared). POST-only routes are checked with a POST (the test client satisfies the
CSRF check), every other route with a GET.

Admin model pages are many and alike, so they are accounted for by one explicit pattern
(`ADMIN_MODEL_PAGE`), checked on a sample: every registered model's changelist and every page of
the Group admin.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import client_for
from groundwork.groups import actions
from groundwork.groups.models import Group, Invitation, JoinRequest, Membership
from groundwork.groups.tests.factories import (
    PASSWORD,
    GroupFactory,
    UserFactory,
    join,
    make_coordinator,
    make_organiser,
)

CAST = ("anon", "dan", "bob", "carol", "alice", "admin")

LOGIN = "→/accounts/login/"
ADMIN_LOGIN = "→/admin/login/"
HOME = "→/home/"
RIVERSIDE = "→/groups/riverside/"
REAUTHENTICATE = "→/accounts/reauthenticate/"


def everyone(cell):
    return (cell,) * len(CAST)


def signed_in(cell, anon=LOGIN):
    """`cell` for every signed-in member of the cast; anon is sent to sign in."""
    return (anon,) + (cell,) * (len(CAST) - 1)


# Who may see what, in columns:  anon    dan   bob   carol alice admin
PUBLIC = everyone(200)
MEMBER_HOME = signed_in(200)
RIVERSIDE_ORGANISER = (LOGIN, 404, 404, 404, 200, 404)
COORDINATOR = (LOGIN, 404, 404, 404, 404, 200)
RIVERSIDE_MEMBERS = (LOGIN, 404, 200, 404, 200, 404)
# The alliance's democracy: members of any group, and coordinators who run its ballots.
IN_THE_ALLIANCE = (LOGIN, 404, 200, 200, 200, 200)
STAFF_ONLY = (ADMIN_LOGIN,) * 5 + (200,)


@dataclass
class World:
    """The cast and the rows the URLs point at."""

    users: dict
    riverside: object
    hillside: object
    bobs_membership: Membership
    erins_request: JoinRequest
    invitation: Invitation
    democracy: dict = field(default_factory=dict)
    aims_projects: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    campaigns: dict = field(default_factory=dict)
    library: dict = field(default_factory=dict)
    # One client per member of the cast, signed in once (see `client_as`).
    clients: dict = field(default_factory=dict)
    session_keys: dict = field(default_factory=dict)


@dataclass
class Row:
    expected: tuple
    method: str = "get"
    kwargs: object = field(default=None)  # World -> dict of URL arguments
    data: dict = field(default_factory=dict)

    def url(self, name: str, world: World) -> str:
        return reverse(name, kwargs=self.kwargs(world) if self.kwargs else None)


def riverside_slug(world):
    return {"slug": "riverside"}


def proposal_pk(world):
    return {"pk": world.democracy["proposal"].pk}


def amendment_pk(world):
    return {"pk": world.democracy["proposal"].pk, "amendment_pk": world.democracy["amendment"].pk}


def ballot_pk(which: str):
    return lambda world: {"pk": world.democracy[which].pk}


def to_proposal(which: str = "proposal"):
    """A redirect cell to the proposal's page, known once the world is built."""
    return lambda world: f"→/proposals/{world.democracy[which].pk}/"


def to_ballot(which: str):
    return lambda world: f"→/ballots/{world.democracy[which].pk}/"


def event_pk(which: str):
    return lambda world: {"pk": world.events[which].pk}


def to_event(which: str):
    return lambda world: f"→/events/{world.events[which].pk}/"


def campaign_pk(world):
    return {"pk": world.campaigns["campaign"].pk}


def target_pk(world):
    return {"pk": world.campaigns["campaign"].pk, "target_pk": world.campaigns["target"].pk}


def petition_pk(world):
    return {"pk": world.campaigns["petition"].pk}


def to_campaign(rest: str = ""):
    return lambda world: f"→/campaigns/{world.campaigns['campaign'].pk}/{rest}"


def to_petition(rest: str = ""):
    return lambda world: f"→/petitions/{world.campaigns['petition'].pk}/{rest}"


def project_pk(which: str):
    return lambda world: {"pk": world.aims_projects[which].pk}


def to_project(which: str):
    return lambda world: f"→/projects/{world.aims_projects[which].pk}/"


def riverside_course(world):
    return {"slug": "riverside", "course_slug": "riverside-induction"}


def riverside_step(world):
    return riverside_course(world) | {"pk": world.library["step"].pk}


def to_riverside_course(anchor):
    """A redirect cell to the builder page of Riverside's course, at `anchor(world)`."""
    return lambda world: f"→/groups/riverside/courses/riverside-induction/edit/{anchor(world)}"


MATRIX: dict[str, Row] = {
    # --- Groundwork: members --------------------------------------------------------------
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
    # --- Groundwork: groups ---------------------------------------------------------------
    "groups:directory": Row(PUBLIC),
    "groups:detail": Row(PUBLIC, kwargs=riverside_slug),
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
    # The token in the link is the key: whoever holds it and is signed in sees the invitation.
    "groups:invitation": Row(MEMBER_HOME, kwargs=lambda world: {"token": world.invitation.token}),
    "groups:create": Row(COORDINATOR),
    "groups:alliance": Row(COORDINATOR),
    "groups:alliance_audit": Row(COORDINATOR),
    # --- Groundwork: notifications (each person's own) -----------------------------------
    "notifications:index": Row(MEMBER_HOME),
    "notifications:mark_all_read": Row(signed_in("→/notifications/"), method="post"),
    # --- Groundwork: democracy (a group's own, or the alliance's) --------------------------
    # POSTs carry no data where a form would be needed: the refusal (404) or the form shown
    # again (400) is what is checked; a cell that is a function of the world names a redirect.
    "democracy:group_proposals": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:group_proposal_create": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:alliance_proposals": Row(IN_THE_ALLIANCE),
    "democracy:alliance_proposal_create": Row(IN_THE_ALLIANCE),
    "democracy:proposal": Row(RIVERSIDE_MEMBERS, kwargs=proposal_pk),
    # Only bob may submit his draft; to everyone else it does not exist.
    "democracy:proposal_submit": Row(
        (LOGIN, 404, to_proposal("draft"), 404, 404, 404),
        method="post",
        kwargs=lambda world: {"pk": world.democracy["draft"].pk},
    ),
    "democracy:proposal_withdraw": Row(
        (LOGIN, 404, to_proposal(), 404, 404, 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_support": Row(
        (LOGIN, 404, to_proposal(), 404, to_proposal(), 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_comment": Row(
        (LOGIN, 404, 400, 404, 400, 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_amend": Row(
        (LOGIN, 404, 400, 404, 400, 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_open_vote": Row(
        (LOGIN, 404, 404, 404, 400, 404), method="post", kwargs=proposal_pk
    ),
    # The proposer decides on amendments; the organiser may put one to a vote.
    "democracy:amendment_accept": Row(
        (LOGIN, 404, to_proposal(), 404, 404, 404), method="post", kwargs=amendment_pk
    ),
    "democracy:amendment_decline": Row(
        (LOGIN, 404, to_proposal(), 404, 404, 404), method="post", kwargs=amendment_pk
    ),
    "democracy:amendment_put_to_vote": Row(
        (LOGIN, 404, 404, 404, to_proposal(), 404), method="post", kwargs=amendment_pk
    ),
    "democracy:group_ballots": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:group_ballot_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "democracy:alliance_ballots": Row(IN_THE_ALLIANCE),
    "democracy:alliance_ballot_create": Row(COORDINATOR),
    "democracy:ballot": Row(RIVERSIDE_MEMBERS, kwargs=ballot_pk("open")),
    # Bob and alice are electors who have not voted: there is no vote to change.
    "democracy:ballot_change_vote": Row(
        (LOGIN, 404, 400, 404, 400, 404), method="post", kwargs=ballot_pk("open")
    ),
    "democracy:ballot_open": Row(
        (LOGIN, 404, 404, 404, to_ballot("draft_ballot"), 404),
        method="post",
        kwargs=ballot_pk("draft_ballot"),
    ),
    "democracy:ballot_cancel": Row(
        (LOGIN, 404, 404, 404, to_ballot("draft_ballot"), 404),
        method="post",
        kwargs=ballot_pk("draft_ballot"),
    ),
    # Results exist only after the close (test_results_before_the_close_are_hidden_from_all).
    "democracy:results": Row(RIVERSIDE_MEMBERS, kwargs=ballot_pk("closed")),
    "democracy:ballot_blt": Row(RIVERSIDE_MEMBERS, kwargs=ballot_pk("closed")),
    "democracy:group_decisions": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:alliance_decisions": Row(IN_THE_ALLIANCE),
    "democracy:delegates": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "democracy:group_settings": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    # --- Groundwork: campaigns (public once active; run by the group's organisers) --------
    "campaigns:list": Row(PUBLIC),
    "campaigns:group_list": Row(PUBLIC, kwargs=riverside_slug),
    "campaigns:group_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "campaigns:alliance_create": Row(COORDINATOR),
    "campaigns:detail": Row(PUBLIC, kwargs=campaign_pk),
    "campaigns:edit": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:manage": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:target_add": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:target_edit": Row(RIVERSIDE_ORGANISER, kwargs=target_pk),
    "campaigns:target_remove": Row(
        (LOGIN, 404, 404, 404, to_campaign("organise/"), 404), method="post", kwargs=target_pk
    ),
    "campaigns:milestone_add": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:update_add": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    # Anyone signed in may write to the target for their area.
    "campaigns:letter": Row(MEMBER_HOME, kwargs=campaign_pk),
    "campaigns:letter_template": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:petition_create": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    # No account is needed to read or sign a petition.
    "campaigns:petition": Row(PUBLIC, kwargs=petition_pk),
    "campaigns:sign": Row(
        everyone(to_petition("signed/")),
        method="post",
        kwargs=petition_pk,
        data={"name": "Sam", "email": "someone@example.net", "postcode": "SE15 4AB"},
    ),
    "campaigns:signed": Row(PUBLIC, kwargs=petition_pk),
    "campaigns:petition_edit": Row(RIVERSIDE_ORGANISER, kwargs=petition_pk),
    # Signers' names and emails: the campaign's organisers (with two-factor) alone.
    "campaigns:signatures_csv": Row(RIVERSIDE_ORGANISER, kwargs=petition_pk),
    "campaigns:delivery_sheet": Row(RIVERSIDE_ORGANISER, kwargs=petition_pk),
    # The token in the emailed link is the key; GET shows a button, only POST counts.
    "campaigns:verify": Row(
        PUBLIC, kwargs=lambda world: {"token": world.campaigns["signature"].token}
    ),
    # --- Groundwork: aims (the platform is public; a group's plan is its own) ------------------
    "aims:platform": Row(PUBLIC),
    "aims:history": Row(PUBLIC),
    "aims:adopt": Row(signed_in("→/platform/"), method="post"),
    "aims:withdraw": Row(signed_in("→/platform/"), method="post"),
    "aims:aim_edit": Row(COORDINATOR, kwargs=lambda world: {"pk": world.aims_projects["aim"].pk}),
    "aims:objective_edit": Row(
        COORDINATOR, kwargs=lambda world: {"pk": world.aims_projects["objective"].pk}
    ),
    "aims:rollup": Row(IN_THE_ALLIANCE),
    "aims:plan": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "aims:adopt_objective": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "aims:goal_create": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["adoption"].pk},
    ),
    "aims:task_create": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["goal"].pk},
    ),
    "aims:goal_edit": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["goal"].pk},
    ),
    # Bob owns the task, and moves it along (aims:task_status); editing it is for organisers.
    "aims:task_edit": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["task"].pk},
    ),
    "aims:task_delete": Row(
        (LOGIN, 404, 404, 404, "→/groups/riverside/plan/", 404),
        method="post",
        kwargs=lambda world: {"slug": "riverside", "pk": world.aims_projects["task"].pk},
    ),
    # Bob owns the task; alice organises Riverside.
    "aims:task_status": Row(
        (LOGIN, 404, "→/groups/riverside/plan/", 404, "→/groups/riverside/plan/", 404),
        method="post",
        kwargs=lambda world: {"pk": world.aims_projects["task"].pk},
        data={"status": "doing"},
    ),
    # --- Groundwork: projects (public pages; run by the project's coordinators) -----------
    "projects:list": Row(PUBLIC),
    "projects:group_projects": Row(PUBLIC, kwargs=riverside_slug),
    "projects:create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "projects:partnership_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "projects:partners": Row(PUBLIC),
    "projects:detail": Row(PUBLIC, kwargs=project_pk("kitchen")),
    "projects:edit": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:step_done": Row(
        (LOGIN, 404, 404, 404, to_project("coop"), 404),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["coop"].pk,
            "step_pk": world.aims_projects["step"].pk,
        },
        data={"done": "yes"},
    ),
    "projects:listing_create": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:listing_close": Row(
        (LOGIN, 404, 404, 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "listing_pk": world.aims_projects["listing"].pk,
        },
    ),
    "projects:shift_create": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:shift_edit": Row(
        RIVERSIDE_ORGANISER,
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "shift_pk": world.aims_projects["shift"].pk,
        },
    ),
    "projects:shift_delete": Row(
        (LOGIN, 404, 404, 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "shift_pk": world.aims_projects["shift"].pk,
        },
    ),
    # Members of Riverside sign up; to everyone else the shift does not exist.
    "projects:shift_sign_up": Row(
        (LOGIN, 404, to_project("kitchen"), 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {"pk": world.aims_projects["shift"].pk},
    ),
    "projects:shift_cancel": Row(
        (LOGIN, 404, to_project("kitchen"), 404, to_project("kitchen"), 404),
        method="post",
        kwargs=lambda world: {"pk": world.aims_projects["shift"].pk},
    ),
    # Anyone may ask a mutual-aid project for help, without an account...
    "projects:ask": Row(PUBLIC, kwargs=project_pk("kitchen")),
    # ...and only the project's coordinators see who asked.
    "projects:aid_requests": Row(RIVERSIDE_ORGANISER, kwargs=project_pk("kitchen")),
    "projects:aid_request_status": Row(
        (
            LOGIN,
            404,
            404,
            404,
            lambda world: f"→/projects/{world.aims_projects['kitchen'].pk}/requests/",
            404,
        ),
        method="post",
        kwargs=lambda world: {
            "pk": world.aims_projects["kitchen"].pk,
            "request_pk": world.aims_projects["aid_request"].pk,
        },
        data={"status": "helped"},
    ),
    # --- Groundwork: events (public ones for all; members-only for the group; organisers') ---
    "events:list": Row(PUBLIC),
    "events:map": Row(PUBLIC),
    "events:alliance_feed": Row(PUBLIC),
    "events:group_feed": Row(PUBLIC, kwargs=riverside_slug),
    "events:detail": Row(PUBLIC, kwargs=event_pk("public")),
    # A members-only event answers 404 to everyone outside Riverside, signed in or not.
    "events:event_ics": Row((404, 404, 200, 404, 200, 404), kwargs=event_pk("members")),
    "events:rsvp": Row(signed_in(to_event("public")), method="post", kwargs=event_pk("public")),
    "events:cancel_rsvp": Row(
        signed_in(to_event("public")), method="post", kwargs=event_pk("public")
    ),
    "events:create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "events:create_alliance": Row(COORDINATOR),
    "events:edit": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:cancel": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:attendees": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:check_in": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:add_session": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    # The alliance's conference is organised by coordinators.
    "events:remove_session": Row(
        (LOGIN, 404, 404, 404, 404, lambda w: f"→/events/{w.events['conference'].pk}/#programme"),
        method="post",
        kwargs=lambda world: {
            "pk": world.events["conference"].pk,
            "session_pk": world.events["session"].pk,
        },
    ),
    "events:calendar": Row(MEMBER_HOME),
    "events:reset_calendar": Row(signed_in("→/calendar/"), method="post"),
    # The secret token in the address is the key: whoever holds it reads bob's calendar.
    "events:member_feed": Row(PUBLIC, kwargs=lambda world: {"token": world.events["feed"].token}),
    # --- Groundwork: resources (the library by scope, help across the alliance, skills) -----
    # The guide is Riverside's own (group scope), by bob; it has no file, so nobody downloads it
    # (who may download is tested in resources/tests/test_library.py).
    "resources:library": Row(PUBLIC),
    "resources:create": Row((LOGIN, 404, 200, 200, 200, 200)),
    "resources:detail": Row(
        (404, 404, 200, 404, 200, 404), kwargs=lambda w: {"pk": w.library["guide"].pk}
    ),
    "resources:edit": Row(
        (LOGIN, 404, 200, 404, 200, 404), kwargs=lambda w: {"pk": w.library["guide"].pk}
    ),
    "resources:delete": Row(
        (LOGIN, 404, "→/library/", 404, "→/library/", 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["guide"].pk},
    ),
    "resources:download": Row(everyone(404), kwargs=lambda w: {"pk": w.library["guide"].pk}),
    # Only an organiser of another group forks (with no group chosen: the form again, 400).
    "resources:fork": Row(
        (LOGIN, 404, 404, 404, 400, 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["hillside_guide"].pk},
    ),
    "resources:help_list": Row(IN_THE_ALLIANCE),
    "resources:help_create": Row((LOGIN, 404, 200, 200, 200, 404)),
    "resources:help_detail": Row(
        IN_THE_ALLIANCE, kwargs=lambda w: {"pk": w.library["question"].pk}
    ),
    "resources:help_answer": Row(
        (LOGIN, 404, 400, 400, 400, 400),
        method="post",
        kwargs=lambda w: {"pk": w.library["question"].pk},
    ),
    "resources:help_mark": Row(
        (LOGIN, 404, 404, 404, lambda w: f"→/help/{w.library['question'].pk}/", 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["question"].pk, "answer_pk": w.library["answer"].pk},
    ),
    "resources:help_save": Row(
        (LOGIN, 404, 404, 404, lambda w: f"→/library/{w.library['saved'].pk}/", 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["question"].pk, "answer_pk": w.library["answer"].pk},
    ),
    "resources:skills": Row((LOGIN, 404, 404, 404, 200, 200)),
    # --- Groundwork: learning (a course for Riverside's members only) ----------------------
    "learning:courses": Row(PUBLIC),
    "learning:course": Row(
        (404, 404, 200, 404, 200, 404), kwargs=lambda w: {"slug": "riverside-induction"}
    ),
    "learning:mark_step": Row(
        (LOGIN, 404, lambda w: f"→/courses/riverside-induction/#step-{w.library['step'].pk}", 404)
        + (lambda w: f"→/courses/riverside-induction/#step-{w.library['step'].pk}", 404),
        method="post",
        kwargs=lambda w: {"slug": "riverside-induction", "pk": w.library["step"].pk},
    ),
    # The alliance's own courses are built by its coordinators (with two-factor).
    "learning:course_create": Row(COORDINATOR),
    "learning:course_edit": Row(COORDINATOR, kwargs=lambda w: {"slug": "alliance-economics"}),
    "learning:step_add": Row(COORDINATOR, kwargs=lambda w: {"slug": "alliance-economics"}),
    "learning:step_move": Row(
        (LOGIN, 404, 404, 404, 404)
        + (lambda w: f"→/courses/alliance-economics/edit/#step-{w.library['alliance_step'].pk}",),
        method="post",
        kwargs=lambda w: {"slug": "alliance-economics", "pk": w.library["alliance_step"].pk},
        data={"direction": "down"},
    ),
    "learning:step_remove": Row(
        (LOGIN, 404, 404, 404, 404, "→/courses/alliance-economics/edit/#steps-heading"),
        method="post",
        kwargs=lambda w: {"slug": "alliance-economics", "pk": w.library["alliance_step"].pk},
    ),
    # A group's courses: listed for everyone (each sees those they may follow); built by the
    # group's organisers (with two-factor) on the group's pages, the course for its members only.
    "learning:group_courses": Row(PUBLIC, kwargs=riverside_slug),
    "learning:group_course_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "learning:group_course_edit": Row(RIVERSIDE_ORGANISER, kwargs=riverside_course),
    "learning:group_step_add": Row(RIVERSIDE_ORGANISER, kwargs=riverside_course),
    "learning:group_step_move": Row(
        (LOGIN, 404, 404, 404, to_riverside_course(lambda w: f"#step-{w.library['step'].pk}"), 404),
        method="post",
        kwargs=riverside_step,
        data={"direction": "up"},
    ),
    "learning:group_step_remove": Row(
        (LOGIN, 404, 404, 404, to_riverside_course(lambda w: "#steps-heading"), 404),
        method="post",
        kwargs=riverside_step,
    ),
    # --- Operations -----------------------------------------------------------------------
    "health": Row(PUBLIC),
    # --- allauth: accounts (signed-in people are sent home from the sign-in and sign-up pages)
    "account_login": Row((200,) + everyone(HOME)[1:]),
    "account_signup": Row((200,) + everyone(HOME)[1:]),
    "account_logout": Row(signed_in(200, anon="→/")),
    "account_inactive": Row(PUBLIC),
    "account_reauthenticate": Row(MEMBER_HOME),
    "account_email": Row(MEMBER_HOME),
    "account_email_verification_sent": Row(PUBLIC),
    "account_change_password": Row(MEMBER_HOME),
    # Everyone in the cast has a password, so "set a password" sends them to "change" it.
    "account_set_password": Row(signed_in("→/accounts/password/change/")),
    "account_reset_password": Row(PUBLIC),
    "account_reset_password_done": Row(PUBLIC),
    # A made-up key shows the "bad link" page rather than an error.
    "account_reset_password_from_key": Row(
        PUBLIC, kwargs=lambda world: {"uidb36": "1", "key": "not-a-real-key"}
    ),
    "account_reset_password_from_key_done": Row(PUBLIC),
    "account_confirm_email": Row(PUBLIC, kwargs=lambda world: {"key": "not-a-real-key"}),
    # Login by code is off: there is never a code to confirm.
    "account_confirm_login_code": Row(("→/accounts/login/",) + everyone(HOME)[1:]),
    # --- allauth: two-factor (force_login leaves no recent authentication, hence reauthenticate)
    "mfa_index": Row(MEMBER_HOME),
    # Outside a sign-in in progress there is nothing to authenticate.
    "mfa_authenticate": Row(("→/accounts/login/",) + everyone(HOME)[1:]),
    # Alice and the coordinator have an authenticator to reauthenticate with; the rest do not.
    "mfa_reauthenticate": Row((LOGIN, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, 200, 200)),
    "mfa_activate_totp": Row(signed_in(REAUTHENTICATE)),
    "mfa_deactivate_totp": Row((LOGIN, 404, 404, 404, REAUTHENTICATE, REAUTHENTICATE)),
    "mfa_generate_recovery_codes": Row(signed_in(REAUTHENTICATE)),
    # Nobody in the cast has generated recovery codes.
    "mfa_view_recovery_codes": Row(signed_in(404)),
    "mfa_download_recovery_codes": Row(signed_in(404)),
    # --- Django admin: staff only (coordinators are staff) ----------------------------------
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
PATTERN_RULES = {"admin model pages": ADMIN_MODEL_PAGE}
# Routes with no name, accounted for by their path. The admin's catch-all answers every other
# /admin/ path: the admin login for non-staff, 404 for staff.
EXPLICIT_UNNAMED = {"admin/(?P<url>.*)$"}


def routes(patterns=None, prefix: str = "", namespace: str | None = None):
    """{key: path} of every route: "namespace:name", or the path itself when it has no name."""
    found = {}
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        path = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found |= routes(pattern.url_patterns, path, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            key = (f"{namespace}:{name}" if namespace else name) if name else path
            assert key not in found, f"two routes share the name {key}"
            found[key] = path
    return found


def test_every_route_is_in_the_matrix():
    found = routes()
    by_pattern = {
        key
        for key, path in found.items()
        if key not in MATRIX and any(rule.match(path) for rule in PATTERN_RULES.values())
    }
    accounted = set(MATRIX) | by_pattern | EXPLICIT_UNNAMED
    assert set(found) - accounted == set(), "routes with no row in the permission matrix"
    assert set(MATRIX) - set(found) == set(), "rows of the matrix whose route no longer exists"
    assert EXPLICIT_UNNAMED - set(found) == set(), "an unnamed route listed here is gone"
    for name, rule in PATTERN_RULES.items():
        matched = {key for key in by_pattern if rule.match(found[key])}
        assert matched, f"pattern rule {name!r} matches nothing"
        assert all(key.startswith("admin") for key in matched), f"{name!r} reaches past the admin"


def test_the_matrix_sees_allauth_and_the_admin():
    """The walk reaches into included URLconfs (a walk of the top level alone would pass too)."""
    assert {"account_login", "mfa_activate_totp", "admin:index", "groups:members"} <= set(routes())


def build_world() -> World:
    """The cast of conftest.py (same names, groups and roles), plus a request and an invitation."""
    riverside = GroupFactory(
        name="Riverside", slug="riverside", join_policy=Group.JoinPolicy.OPEN, area_name="Southwark"
    )
    hillside = GroupFactory(
        name="Hillside",
        slug="hillside",
        join_policy=Group.JoinPolicy.APPROVAL,
        area_name="Lewisham",
    )
    alice = UserFactory(email="alice@example.org", display_name="Alice")
    make_organiser(riverside, alice)
    bob = UserFactory(email="bob@example.org", display_name="Bob")
    join(riverside, bob)
    carol = UserFactory(email="carol@example.org", display_name="Carol")
    join(hillside, carol)
    dan = UserFactory(email="dan@example.org", display_name="Dan")
    admin = make_coordinator(UserFactory(email="coordinator@example.org", display_name="Sam"))
    erin = UserFactory(email="erin@example.org", display_name="Erin")
    erins_request = JoinRequest.objects.create(group=riverside, user=erin, message="Hello")
    invitation = Invitation.objects.create(
        group=riverside,
        email="newcomer@example.org",
        invited_by=alice,
        expires_at=timezone.now() + timedelta(days=7),
    )
    democracy = build_democracy(riverside, alice=alice, bob=bob)
    from groundwork.campaigns.tests.factories import build_matrix_campaigns

    campaigns = build_matrix_campaigns(riverside)
    from groundwork.projects.tests.factories import build_matrix_world as build_aims_projects

    aims_projects = build_aims_projects(riverside, alice=alice, bob=bob)
    from groundwork.events.tests.factories import build_matrix_events

    events = build_matrix_events(riverside, alice=alice, bob=bob, admin=admin)
    from groundwork.learning.tests.factories import build_matrix_course
    from groundwork.resources.tests.factories import build_matrix_library

    library = build_matrix_library(riverside, hillside, alice=alice, bob=bob, carol=carol)
    library["step"] = build_matrix_course(riverside, library["guide"]).steps.get()
    from groundwork.learning.tests.factories import build_matrix_alliance_course

    library["alliance_step"] = build_matrix_alliance_course(library["guide"]).steps.get()
    return World(
        users={
            "anon": None,
            "dan": dan,
            "bob": bob,
            "carol": carol,
            "alice": alice,
            "admin": admin,
        },
        riverside=riverside,
        hillside=hillside,
        bobs_membership=Membership.objects.get(group=riverside, user=bob),
        erins_request=erins_request,
        invitation=invitation,
        democracy=democracy,
        campaigns=campaigns,
        aims_projects=aims_projects,
        events=events,
        library=library,
    )


def build_democracy(riverside, *, alice, bob) -> dict:
    """Bob's proposal in discussion (a comment, an amendment), his draft, and three ballots."""
    from groundwork.democracy import actions as democracy
    from groundwork.democracy.tests.factories import (
        fast_forward_past_deadline,
        open_ballot,
        vote_for,
    )

    proposal = democracy.do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )
    democracy.do_comment(proposal, body="Which hall?", parent=None, acting_user=alice)
    amendment = democracy.do_propose_amendment(
        proposal, summary="Sundays too", new_body="Saturdays and Sundays.", acting_user=alice
    )
    draft = democracy.do_create_proposal(
        group=riverside, title="Half an idea", body="…", submit=False, acting_user=bob
    )
    closed = open_ballot(riverside, alice, method="irv", options=["Ash", "Birch", "Cedar"])
    vote_for(closed, bob, ranking=[1, 0])
    fast_forward_past_deadline(closed)
    draft_ballot = democracy.do_create_ballot(
        group=riverside,
        spec=democracy.BallotSpec(title="Draft", closes_at=timezone.now() + timedelta(days=3)),
        acting_user=alice,
    )
    return {
        "proposal": proposal,
        "amendment": amendment,
        "draft": draft,
        "open": open_ballot(riverside, alice),
        "closed": closed,
        "draft_ballot": draft_ballot,
    }


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end.

    Each test's own transaction is a savepoint inside it, as with TestCase.setUpTestData, so a
    cell's changes are undone before the next and nothing outlives the module (the seeded data of
    migrations included). Some 450 cells would otherwise each build the cast again.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
            for who, user in built.users.items():
                built.clients[who] = Client()
                if user is not None:
                    built.clients[who].force_login(user)
                    built.session_keys[who] = built.clients[who].session.session_key
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db) -> World:
    return shared_world


def client_as(world: World, who: str) -> Client:
    """The member's client, with only their session cookie: nothing carried over between tests.

    Clients are reused because each new one loads the middleware again, and WhiteNoise's scan of
    the static files then costs more than the request itself.
    """
    client = world.clients[who]
    client.cookies = SimpleCookie()
    if who in world.session_keys:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.session_keys[who]
    return client


def assert_cell(response, expected, where: str) -> None:
    if isinstance(expected, str):
        assert response.status_code == 302, (
            f"{where}: expected a redirect, got {response.status_code}"
        )
        assert response.url.split("?")[0] == expected[1:], f"{where}: redirected to {response.url}"
    else:
        assert response.status_code == expected, f"{where}: got {response.status_code}"


def cells():
    for name, row in MATRIX.items():
        for who, expected in zip(CAST, row.expected, strict=True):
            yield pytest.param(name, who, expected, id=f"{name}-{who}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "who", "expected"), list(cells()))
def test_matrix_cell(world, name, who, expected):
    row = MATRIX[name]
    url = row.url(name, world)
    if callable(expected):
        expected = expected(world)
    client = client_as(world, who)
    response = getattr(client, row.method)(url, row.data)
    assert_cell(response, expected, f"{who} {row.method.upper()} {url}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["democracy:results", "democracy:ballot_blt"])
@pytest.mark.parametrize("who", CAST)
def test_results_before_the_close_are_hidden_from_all(world, name, who):
    """Before the close there are no results for anyone, the organiser included."""
    url = reverse(name, kwargs={"pk": world.democracy["open"].pk})
    assert_cell(client_as(world, who).get(url), LOGIN if who == "anon" else 404, f"{who} {url}")


POST_ONLY = [name for name, row in MATRIX.items() if row.method == "post"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_routes_refuse_a_get(world, name):
    """A link followed (or prefetched) never changes anything: GET on a POST-only route is 405."""
    response = client_as(world, "alice").get(MATRIX[name].url(name, world))
    assert response.status_code == 405


# --- the admin's model pages, on a sample -------------------------------------------------

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


def admin_sample_url(name: str, world: World) -> str:
    if name == "admin:auth_user_password_change":
        return reverse(name, kwargs={"id": world.users["dan"].pk})
    if name.endswith(("_change", "_history", "_delete")):
        return reverse(name, kwargs={"object_id": world.riverside.pk})
    return reverse(name)


def admin_cells():
    for name, for_coordinator in ADMIN_SAMPLE.items():
        for who in CAST:
            expected = for_coordinator if who == "admin" else ADMIN_LOGIN
            yield pytest.param(name, who, expected, id=f"{name}-{who}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "who", "expected"), list(admin_cells()))
def test_admin_model_page_cell(world, name, who, expected):
    url = admin_sample_url(name, world)
    assert_cell(client_as(world, who).get(url), expected, f"{who} GET {url}")


def test_the_admin_sample_follows_the_pattern_rule():
    registered = {
        key for key, path in routes().items() if key not in MATRIX and ADMIN_MODEL_PAGE.match(path)
    }
    assert set(ADMIN_SAMPLE) <= registered
    changelists = {key for key in registered if key.endswith("_changelist")}
    assert changelists <= set(ADMIN_SAMPLE), "a registered model's admin list is not sampled"


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_the_admin_catch_all_and_object_redirect(world, who):
    client = client_as(world, who)
    unknown = client.get("/admin/no-such-page/")
    redirect = client.get(f"/admin/groups/group/{world.riverside.pk}/")
    if who == "admin":
        assert unknown.status_code == 404
        assert redirect.status_code == 302
        assert redirect.url == f"/admin/groups/group/{world.riverside.pk}/change/"
    else:
        assert_cell(unknown, ADMIN_LOGIN, who)
        assert_cell(redirect, ADMIN_LOGIN, who)


# --- across groups ------------------------------------------------------------------------

RIVERSIDE_ORGANISER_PAGES = ["groups:members", "groups:requests", "groups:invitations"]
RIVERSIDE_ORGANISER_PAGES += ["groups:edit", "groups:audit"]
RIVERSIDE_ORGANISER_PAGES += ["learning:group_course_create"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", RIVERSIDE_ORGANISER_PAGES)
def test_alice_cannot_open_hillside_organiser_pages(world, name):
    """Organising one group gives no access to another's private pages."""
    response = client_as(world, "alice").get(reverse(name, kwargs={"slug": "hillside"}))
    assert response.status_code == 404


@pytest.mark.django_db
def test_alice_cannot_act_on_a_membership_of_another_group_through_her_own(world):
    carols = Membership.objects.get(group=world.hillside, user=world.users["carol"])
    url = reverse("groups:remove_member", kwargs={"slug": "riverside", "pk": carols.pk})
    response = client_as(world, "alice").post(url)
    assert response.status_code == 404
    assert Membership.objects.filter(pk=carols.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["dan", "bob", "carol", "admin"])
def test_a_refused_post_changes_nothing(world, who):
    """The 404 is not only a status: bob's membership survives everyone but alice."""
    url = MATRIX["groups:remove_member"].url("groups:remove_member", world)
    client_as(world, who).post(url)
    assert Membership.objects.filter(pk=world.bobs_membership.pk).exists()


# --- two-factor before acting ------------------------------------------------------------

ORGANISER_ROUTES = [
    name
    for name, row in MATRIX.items()
    if name.startswith(("groups:", "democracy:")) and row.expected == RIVERSIDE_ORGANISER
] + [name for name, row in MATRIX.items() if row.expected[4] == "→/groups/riverside/members/"]
ORGANISER_ROUTES += [
    name
    for name in ("groups:decide_request", "groups:revoke_invitation")
    if name not in ORGANISER_ROUTES
]
# Building a group's courses (their POSTs redirect back to the builder page, not a group page).
ORGANISER_ROUTES += [
    name
    for name in MATRIX
    if name.startswith("learning:group_") and name not in ("learning:group_courses",)
]
COORDINATOR_ROUTES = [name for name, row in MATRIX.items() if row.expected == COORDINATOR]


def test_the_two_factor_lists_cover_every_organiser_and_coordinator_route():
    assert sorted(ORGANISER_ROUTES) == sorted(
        [
            "groups:members",
            "groups:remove_member",
            "groups:change_role",
            "groups:requests",
            "groups:decide_request",
            "groups:invitations",
            "groups:revoke_invitation",
            "groups:edit",
            "groups:audit",
            "democracy:group_ballot_create",
            "democracy:delegates",
            "democracy:group_settings",
            "learning:group_course_create",
            "learning:group_course_edit",
            "learning:group_step_add",
            "learning:group_step_move",
            "learning:group_step_remove",
        ]
    )
    assert sorted(COORDINATOR_ROUTES) == [
        "aims:aim_edit",
        "aims:objective_edit",
        "campaigns:alliance_create",
        "democracy:alliance_ballot_create",
        "events:create_alliance",
        "groups:alliance",
        "groups:alliance_audit",
        "groups:create",
        "learning:course_create",
        "learning:course_edit",
        "learning:step_add",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ORGANISER_ROUTES)
def test_an_organiser_without_two_factor_is_sent_to_set_it_up(world, name):
    olive = UserFactory(email="olive@example.org", display_name="Olive")
    actions.do_appoint_organiser(world.riverside, olive, acting_user=None)
    row = MATRIX[name]
    url = row.url(name, world)
    response = getattr(client_for(olive), row.method)(url, row.data)
    assert response.status_code == 302
    assert response.url.split("?")[0] == reverse("mfa_activate_totp")
    assert f"next={url}" in response.url.replace("%2F", "/")
    # Nothing happened on the way: bob is still a plain member, erin still waiting.
    world.bobs_membership.refresh_from_db()
    assert world.bobs_membership.role == Membership.Role.MEMBER
    world.erins_request.refresh_from_db()
    assert world.erins_request.status == JoinRequest.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("name", COORDINATOR_ROUTES)
def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(world, name):
    pat = UserFactory(email="pat@example.org", display_name="Pat")
    actions.do_appoint_coordinator(pat, acting_user=None)
    response = client_for(pat).get(MATRIX[name].url(name, world))
    assert response.status_code == 302
    assert response.url.split("?")[0] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_the_two_factor_requirement_is_on_in_the_test_settings():
    """Guards the two tests above: with the setting off they would test nothing."""
    assert settings.GROUNDWORK_REQUIRE_TWO_FACTOR is True


@pytest.mark.django_db
def test_a_coordinator_without_two_factor_cannot_use_the_admin(world):
    pat = UserFactory(email="pat@example.org", display_name="Pat")
    actions.do_appoint_coordinator(pat, acting_user=None)
    response = client_for(pat).get(reverse("admin:index"))
    assert response.status_code != 200


@pytest.mark.django_db
def test_the_admin_login_does_not_skip_two_factor(world):
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": world.users["admin"].email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response.url.split("?")[0] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert_cell(client.get(reverse("admin:index")), ADMIN_LOGIN, "after a password to the admin")


# --- docs/permissions.md keeps up ----------------------------------------------------------


def test_docs_name_every_route_and_every_rule():
    import rules

    docs = (settings.BASE_DIR / "docs" / "permissions.md").read_text()
    named = set(re.findall(r"`([\w:.]+)`", docs))
    assert set(MATRIX) - named == set(), "routes of the matrix missing from docs/permissions.md"
    group_rules = {name for name in rules.permissions.permissions if name.startswith("groups.")}
    assert group_rules - named == set(), "rules missing from docs/permissions.md"
