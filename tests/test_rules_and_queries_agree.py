"""Every rule that limits a list agrees with its queryset twin in groups/queries.py.

For each member of the cast (and an organiser and a coordinator who have not set up two-factor),
for each group: where the rule says no, the query returns nothing although rows exist; where the
rule says yes, the query returns every row there is, not a subset.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from groundwork.core.models import AuditEntry
from groundwork.groups import actions, queries
from groundwork.groups.models import Invitation, JoinRequest, Membership
from groundwork.groups.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# (query, rule, every row the query could show for a group)
GROUP_TWINS = {
    "members_visible_to": (
        queries.members_visible_to,
        "groups.view_member_list",
        lambda group: Membership.objects.filter(group=group),
    ),
    "group_audit_visible_to": (
        queries.group_audit_visible_to,
        "groups.view_group_audit",
        lambda group: AuditEntry.objects.filter(group_id=group.pk),
    ),
    "pending_requests_visible_to": (
        queries.pending_requests_visible_to,
        "groups.manage_group",
        lambda group: JoinRequest.objects.filter(group=group, status="pending"),
    ),
    "pending_invitations_visible_to": (
        queries.pending_invitations_visible_to,
        "groups.manage_group",
        lambda group: Invitation.objects.filter(group=group, status="pending"),
    ),
}
PEOPLE = ["anon", "dan", "bob", "carol", "alice", "admin", "olive", "pat"]
# What the rules should answer, so that agreement between two wrong answers cannot pass.
SEES_PRIVATE_LISTS_OF = {"alice": {"riverside"}}
SEES_THE_ALLIANCE = {"admin"}


@pytest.fixture
def cast(riverside, hillside, alice, bob, carol, dan, admin):
    """The cast, two people missing two-factor, and rows of every kind in both groups."""
    olive = UserFactory(email="olive@example.org", display_name="Olive")
    actions.do_appoint_organiser(hillside, olive, acting_user=None)  # no two-factor
    pat = UserFactory(email="pat@example.org", display_name="Pat")
    actions.do_appoint_coordinator(pat, acting_user=None)  # no two-factor
    erin = UserFactory(email="erin@example.org", display_name="Erin")
    for group in (riverside, hillside):
        JoinRequest.objects.create(group=group, user=erin)
        Invitation.objects.create(
            group=group,
            email=f"invited-to-{group.slug}@example.org",
            expires_at=timezone.now() + timedelta(days=7),
        )
    people = {"anon": AnonymousUser(), "dan": dan, "bob": bob, "carol": carol, "alice": alice}
    people |= {"admin": admin, "olive": olive, "pat": pat}
    return people, {"riverside": riverside, "hillside": hillside}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("twin", GROUP_TWINS)
def test_a_group_rule_and_its_query_agree(cast, twin, who):
    people, groups = cast
    query, rule, every_row = GROUP_TWINS[twin]
    user = people[who]
    for slug, group in groups.items():
        rows = set(every_row(group).values_list("pk", flat=True))
        assert rows, f"no {twin} rows in {slug}: the test would prove nothing"
        allowed = user.has_perm(rule, group)
        shown = set(query(user, group).values_list("pk", flat=True))
        assert allowed == (slug in SEES_PRIVATE_LISTS_OF.get(who, set())), (
            f"{rule} for {who} on {slug}"
        )
        assert shown == (rows if allowed else set()), f"{twin} for {who} on {slug}"


@pytest.mark.parametrize("who", PEOPLE)
def test_the_alliance_rule_and_its_query_agree(cast, who):
    people, _ = cast
    user = people[who]
    rows = set(AuditEntry.objects.values_list("pk", flat=True))
    assert rows
    allowed = user.has_perm("groups.view_alliance")
    assert allowed == (who in SEES_THE_ALLIANCE)
    shown = set(queries.alliance_audit_visible_to(user).values_list("pk", flat=True))
    assert shown == (rows if allowed else set())


def test_every_list_limiting_query_has_a_twin_here():
    """A new `*_visible_to` query in groups/queries.py must be added to this file."""
    visible_to = {name for name in dir(queries) if name.endswith("_visible_to")}
    assert visible_to == set(GROUP_TWINS) | {"alliance_audit_visible_to"}
