"""The list of twins: every query that limits a list by who asks, the rule it twins, and the test
that holds them together. A new query of `<app>/queries.py` that takes the user first fails here
until it is listed, as a twin with its test or as something else with the reason."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
import rules

PROJECT = Path(__file__).resolve().parent.parent.parent
HERE = "tests/rules_and_queries"
APPS = ["groups", "democracy", "campaigns", "events", "aims", "projects", "resources", "learning"]
APPS += ["notifications", "api"]

# "<app>.<query>": (the rule it twins, the test file that checks they agree).
TWINS = {
    "groups.members_visible_to": ("groups.view_member_list", f"{HERE}/test_groups.py"),
    "groups.group_audit_visible_to": ("groups.view_group_audit", f"{HERE}/test_groups.py"),
    "groups.pending_requests_visible_to": ("groups.manage_group", f"{HERE}/test_groups.py"),
    "groups.pending_invitations_visible_to": ("groups.manage_group", f"{HERE}/test_groups.py"),
    "groups.alliance_audit_visible_to": ("groups.view_alliance", f"{HERE}/test_groups.py"),
    "groups.member_imports_visible_to": ("groups.import_members", f"{HERE}/test_groups.py"),
    "groups.group_requests_visible_to": ("groups.view_group_requests", f"{HERE}/test_groups.py"),
    "democracy.proposals_visible_to": ("democracy.see_proposal", f"{HERE}/test_democracy.py"),
    # Written out in SQL: the list's count and page, in one query.
    "democracy.proposal_cards_page": ("democracy.see_proposal", f"{HERE}/test_democracy.py"),
    "democracy.ballots_visible_to": ("democracy.see_ballot", f"{HERE}/test_democracy.py"),
    "democracy.decisions_visible_to": ("democracy.view_decisions", f"{HERE}/test_democracy.py"),
    "democracy.published_votes": ("democracy.view_results", f"{HERE}/test_democracy.py"),
    "democracy.published_trackers": ("democracy.view_results", f"{HERE}/test_democracy.py"),
    "campaigns.campaigns_visible_to": ("campaigns.see_campaign", f"{HERE}/test_campaigns.py"),
    "campaigns.signatures_visible_to": ("campaigns.view_signature", f"{HERE}/test_campaigns.py"),
    "campaigns.letters_sent_by_target": (
        "campaigns.organise_campaign",
        f"{HERE}/test_campaigns.py",
    ),
    "events.events_visible_to": ("events.view_event", f"{HERE}/test_events.py"),
    # Written out in SQL: the list's count and page (`EventCards`).
    "events.upcoming_event_cards": ("events.view_event", f"{HERE}/test_events.py"),
    "events.attendees_visible_to": ("events.view_attendee_list", f"{HERE}/test_events.py"),
    # Named to the organisers (the rule) and to the people going (their RSVP, passed in).
    "events.stewards_visible_to": ("events.view_attendee_list", f"{HERE}/test_events.py"),
    "aims.action_plan_visible_to": ("aims.view_actionplan", f"{HERE}/test_aims_and_projects.py"),
    "aims.action_plan_for": ("aims.change_task", f"{HERE}/test_aims_and_projects.py"),
    "projects.aid_requests_visible_to": (
        "projects.view_aidrequest",
        f"{HERE}/test_aims_and_projects.py",
    ),
    "projects.volunteers_visible_to": (
        "projects.view_shiftsignup",
        f"{HERE}/test_aims_and_projects.py",
    ),
    # The resources app's own tests check these in the same way, olive and pat included.
    "resources.resources_visible_to": (
        "resources.view_resource",
        "groundwork/resources/tests/test_rules.py",
    ),
    # Written out in SQL: the library's cards, read by id.
    "resources.library_cards": (
        "resources.view_resource",
        "groundwork/resources/tests/test_rules.py",
    ),
    "resources.help_requests_visible_to": (
        "resources.view_helprequest",
        "groundwork/resources/tests/test_rules.py",
    ),
    "resources.skills_directory_for": (
        "resources.view_skills_directory",
        "groundwork/resources/tests/test_rules.py",
    ),
    "learning.courses_visible_to": ("learning.open_course", f"{HERE}/test_learning.py"),
    "learning.courses_built_by": ("learning.build_course", f"{HERE}/test_learning.py"),
}
# Queries that take the user first but are not a rule's twin, each with the reason. Fetches of
# one object (`get_*`) are left out: they answer 404 through the rule, as the matrix checks.
NOT_TWINS = {
    "api.has_contact_consent": "whether one person lets organisers hold their details (a webhook's payload)",
    "groups.memberships_of": "the user's own memberships",
    "groups.pending_requests_of": "the user's own requests to join",
    "groups.open_request_for": "the user's own request to join the group",
    "groups.member_list_page": "a page of members_visible_to, the twin of view_member_list",
    "democracy.proposal_cards": "a page of proposal_cards_page's list (written out), for one who "
    "takes part: that function decides whether they do, and is the twin",
    "democracy.elector_for": "the user's own place in a ballot's electorate",
    "democracy.open_ballots_for": "ballots in which the user is an elector",
    "democracy.my_tracker": "the tracker of the user's own sealed vote",
    "democracy.teller_candidates": "people the user may name as tellers: none unless they may "
    "appoint them (democracy.appoint_tellers); tested in democracy/tests/test_tellers.py",
    "campaigns.letter_sent_with": "the user's own letter",
    "campaigns.verified_email_of": "whether the user's own email is verified (one-step signing)",
    "campaigns.profile_district_of": "the postcode district on the user's own profile",
    "campaigns.my_signature": "the user's own signature on one petition",
    "campaigns.petition_reader": "the user's own verified email, district and signature on a petition",
    "campaigns.letters_by_sender_since": "a count of the user's own letters, for the rate limit",
    "campaigns.letters_by_sender_to": "a count of the user's own letters, for the rate limit",
    "events.visibility_filter": "the filter of events_visible_to, the twin",
    "events.visibility_sql": "the filter of upcoming_event_cards, the twin, written out",
    "events.upcoming_events": "events_visible_to, the twin, narrowed by time and search",
    "events.events_on_the_map": "upcoming_events, on the map",
    "events.rsvp_of": "the user's own RSVP",
    "events.upcoming_rsvps_of": "the user's own RSVPs",
    "aims.adoption_of": "the user's own adoption of the platform",
    "projects.shifts_signed_up_by": "the user's own places on shifts",
    "projects.upcoming_shifts_of": "the user's own places on shifts",
    "resources.visibility_filter": "the filter of resources_visible_to, the twin",
    "resources.search_library": "resources_visible_to, the twin, narrowed by search",
    "resources.library_page": "a page of search_library's ids, read by library_cards",
    "resources.ranked_page": "a page of search_library's ids, in its order (resources_visible_to, narrowed)",
    "resources.groups_to_add_to": (
        "a form's choices, shown once resources.add_resource or resources.add_helprequest said "
        "yes: the groups the user belongs to"
    ),
    "resources.groups_to_fork_into": (
        "a form's choices, shown once resources.fork_resource said yes: the other groups the "
        "user organises (two-factor is the rule's part, not the query's)"
    ),
    "learning.visibility_filter": "the filter of courses_visible_to, the twin",
    "learning.steps_done_by": "the user's own progress",
    "notifications.notifications_of": "the user's own notifications",
    "api.tokens_of": "the user's own access tokens",
    "notifications.unread_count_of": "the user's own unread count, for the bell",
    "notifications.forget_unread_count": "drops the user's own count kept on the user object",
    "notifications.newest_unread_of": "the user's own unread notifications and their count, for "
    "their home page and its bell",
    "notifications.preferences_of": "the user's own notification preferences",
    "aims.open_tasks_of": "the action-plan tasks the user owns, for their home page",
    "democracy.ballots_awaiting_vote_of": "democracy.open_ballots_for, narrowed to those the "
    "user has not voted in",
    "groups.mailings_visible_to": "asks groups.send_mailing itself and answers nothing without "
    "it; the mailing pages' 404 for everyone else is in the permission matrix",
}
# Rules that open a list with no twin query, each with the reason.
LIST_RULES_WITHOUT_TWIN = {
    "aims.view_rollup": (
        "the roll-up is the same counts for everyone it is shown to (aims.queries.rollup takes "
        "no user): the rule opens the page, and no row belongs to anyone"
    ),
}


def _submodules_of(module) -> tuple[str, ...]:
    if not hasattr(module, "__path__"):
        return ()
    return tuple(f"{module.__name__}.{info.name}" for info in pkgutil.iter_modules(module.__path__))


def queries_taking_the_user_first() -> set[str]:
    found = set()
    for app in APPS:
        module = importlib.import_module(f"groundwork.{app}.queries")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            # The app's queries module, or a module of its queries package re-exported by it.
            own = function.__module__ in (module.__name__, *_submodules_of(module))
            if not own or name.startswith(("_", "get_")):
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["user"]:
                found.add(f"{app}.{name}")
    return found


def test_every_query_that_takes_the_user_is_a_twin_or_says_why_not():
    found = queries_taking_the_user_first()
    assert found - set(TWINS) - set(NOT_TWINS) == set(), "list them in TWINS or NOT_TWINS"
    assert (set(TWINS) | set(NOT_TWINS)) - found == set(), "listed here, gone from queries.py"
    assert not set(TWINS) & set(NOT_TWINS)


@pytest.mark.parametrize("query", TWINS)
def test_each_twin_is_checked_against_its_rule(query):
    rule, test_file = TWINS[query]
    assert rules.perm_exists(rule), f"{rule} is not a rule"
    source = (PROJECT / test_file).read_text()
    name = query.split(".", 1)[1]
    assert f"queries.{name}" in source and f'"{rule}"' in source, f"{test_file} misses {query}"


def test_each_list_rule_without_a_twin_exists():
    for rule, reason in LIST_RULES_WITHOUT_TWIN.items():
        assert rules.perm_exists(rule) and reason
