"""groups: the member list, requests, invitations and the logs agree with their rules."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groundwork.core.models import AuditEntry
from groundwork.groups import queries
from groundwork.groups.models import Invitation, JoinRequest, MemberImport, Membership
from groundwork.groups.tests.factories import UserFactory
from tests.rules_and_queries.conftest import ORGANISING, PEOPLE, as_asked

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
    "member_imports_visible_to": (
        queries.member_imports_visible_to,
        "groups.import_members",
        lambda group: MemberImport.objects.filter(group=group),
    ),
}
SEES_THE_ALLIANCE = ORGANISING["alliance"]


@pytest.fixture
def groups(people, riverside, hillside):
    """A pending request and invitation in both groups (their logs have entries already)."""
    erin = UserFactory(email="erin@example.org", display_name="Erin")
    for group in (riverside, hillside):
        JoinRequest.objects.create(group=group, user=erin)
        Invitation.objects.create(
            group=group,
            email=f"invited-to-{group.slug}@example.org",
            expires_at=timezone.now() + timedelta(days=7),
        )
        MemberImport.objects.create(
            group=group, file="imports/none.csv", file_name="list.csv", lawful_basis="consent"
        )
    return {"riverside": riverside, "hillside": hillside}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("twin", GROUP_TWINS)
def test_a_group_rule_and_its_query_agree(people, groups, twin, who):
    query, rule, every_row = GROUP_TWINS[twin]
    user = as_asked(people[who])
    for slug, group in groups.items():
        rows = set(every_row(group).values_list("pk", flat=True))
        assert rows, f"no {twin} rows in {slug}: the test would prove nothing"
        allowed = user.has_perm(rule, group)
        shown = set(query(user, group).values_list("pk", flat=True))
        assert allowed == (who in ORGANISING[slug]), f"{rule} for {who} on {slug}"
        assert shown == (rows if allowed else set()), f"{twin} for {who} on {slug}"


@pytest.mark.parametrize("who", PEOPLE)
def test_the_alliance_rule_and_its_query_agree(people, groups, who):
    user = as_asked(people[who])
    rows = set(AuditEntry.objects.values_list("pk", flat=True))
    assert rows
    allowed = user.has_perm("groups.view_alliance")
    assert allowed == (who in SEES_THE_ALLIANCE)
    shown = set(queries.alliance_audit_visible_to(user).values_list("pk", flat=True))
    assert shown == (rows if allowed else set())


@pytest.mark.parametrize("who", PEOPLE)
def test_the_group_requests_rule_and_its_query_agree(people, groups, who):
    from groundwork.groups.models import GroupRequest

    GroupRequest.objects.create(district="SE22", email="someone@example.org")
    user = as_asked(people[who])
    allowed = user.has_perm("groups.view_group_requests")
    assert allowed == (who in SEES_THE_ALLIANCE)
    shown = list(queries.group_requests_visible_to(user))
    assert shown == ([{"district": "SE22", "requests": 1}] if allowed else [])
