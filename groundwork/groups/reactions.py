"""How the groups app connects to hooks of the apps to its left: the member's home page and the
page everyone sees first."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.dispatch import receiver
from django.utils.translation import gettext as _

from groundwork.core.hooks import RetentionRule, add_retention_rule
from groundwork.groups import queries
from groundwork.groups.hooks import GROUP_PAGES, member_left
from groundwork.groups.map import Svg, draw_map
from groundwork.groups.models import (
    Coordinator,
    Group,
    GroupRequest,
    ImportedContact,
    Invitation,
    JoinRequest,
    Membership,
)
from groundwork.groups.rules import forget_roles, roles_of
from groundwork.members.hooks import (
    add_home_dependency,
    add_home_section,
    add_landing_section,
    add_personal_data_exporter,
    member_erased,
    member_renamed,
)


@add_home_section(order=20)
def my_groups(request):
    """The member's groups (read with their roles, which the page loads anyway) and their
    requests waiting for an organiser (one query)."""
    pending = queries.pending_requests_of(request.user).only(
        "created_at", "group__name", "group__slug"
    )
    return "groups/_home_groups.html", {
        "memberships": queries.memberships_of(request.user),
        "pending_requests": list(pending),
    }


@add_home_dependency
def my_groups_and_their_pages(request):
    """The member's home page shows their groups (names, sizes, their role) and what is on in
    them: its kept copy is read back while their groups and roles are the same (read with the
    roles, which every signed-in page loads) and none of those groups' pages has changed
    (`hooks.group_page_changed`, which their names, sizes, events, ballots, shifts and tasks
    call)."""
    roles = roles_of(request.user)
    groups = sorted(roles)
    keys = [GROUP_PAGES.version_key, *(GROUP_PAGES.part_version_key(group) for group in groups)]
    return keys, [(group, roles[group]) for group in groups]


# --- Data rights (members' hooks) -------------------------------------------------------------


def _iso(moment):
    return moment.isoformat() if moment is not None else None


@add_personal_data_exporter
def groups_personal_data(user) -> dict[str, list[dict]]:
    """The member's groups, requests to join, invitations accepted and requests for a group."""
    memberships = Membership.objects.filter(user=user).select_related("group")
    requests = JoinRequest.objects.filter(user=user).select_related("group")
    invitations = Invitation.objects.filter(accepted_by=user).select_related("group")
    return {
        "group_memberships": [
            {"group": m.group.name, "role": m.get_role_display(), "joined_at": _iso(m.joined_at)}
            for m in memberships
        ],
        "group_join_requests": [
            {
                "group": r.group.name,
                "message": r.message,
                "status": r.get_status_display(),
                "asked_at": _iso(r.created_at),
                "decided_at": _iso(r.decided_at),
            }
            for r in requests
        ],
        "group_invitations_accepted": [
            {"group": i.group.name, "email": i.email, "sent_at": _iso(i.created_at)}
            for i in invitations
        ],
        "group_requests": [
            {"district": r.district, "note": r.note, "asked_at": _iso(r.created_at)}
            for r in GroupRequest.objects.filter(user=user)
        ],
        # Where a group got their address (UK GDPR Art. 14): the list, when, on what basis.
        "group_imported_lists": [
            {
                "group": c.group.name,
                "name": c.name,
                "email": c.email,
                "imported_at": _iso(c.created_at),
                "lawful_basis": c.first_import.get_lawful_basis_display(),
            }
            for c in ImportedContact.objects.filter(email__iexact=user.email).select_related(
                "group", "first_import"
            )
        ],
    }


@receiver(member_erased, dispatch_uid="groups_member_erased")
def forget_erased_member(sender, user, **kwargs) -> None:
    """An erased member leaves every group (the apps to the right withdraw what only members
    keep, through `member_left`; the count goes down by one), and their requests go. A group
    left without an organiser is flagged to the coordinators as any such group is."""
    for membership in Membership.objects.filter(user=user).select_related("group", "user"):
        member_left.send(sender=Membership, membership=membership, acting_user=user)
        membership.delete()
        Group.objects.filter(pk=membership.group_id).update(member_count=F("member_count") - 1)
        queries.GROUP_DIRECTORY.invalidate()  # it shows the count
    JoinRequest.objects.filter(user=user).delete()
    GroupRequest.objects.filter(user=user).delete()
    Coordinator.objects.filter(user=user).delete()
    ImportedContact.objects.filter(email__iexact=user.email).delete()
    # Invitations sent to their address: the group keeps that one was sent, not to whom.
    for invitation in Invitation.objects.filter(email__iexact=user.email):
        invitation.email = f"invitation-{invitation.pk}@erased.invalid"
        invitation.save(update_fields=["email"])
    forget_roles(user)


@receiver(member_renamed, dispatch_uid="groups_member_renamed")
def keep_member_name(sender, user, **kwargs) -> None:
    """The member's memberships keep their new name, by which member lists are sorted."""
    Membership.objects.filter(user=user).update(member_name=user.display_name)


def _draw_groups_map() -> tuple[str, int]:
    points = queries.map_of_groups()
    description = _(
        "%(count)s groups drawn as dots at their places on a map of Great Britain and Northern "
        "Ireland; each dot links to the group's page. The directory lists them all by name."
    ) % {"count": len(points)}
    svg = draw_map(points, title=_("Map of the groups"), description=description)
    return str(svg), len(points)


def groups_map() -> tuple[Svg, int]:
    """The map of every group with a place, for the first page and the directory: from the
    cache while no group's place or name has changed (`queries.GROUPS_MAP`), else one query."""
    svg, count = queries.GROUPS_MAP.get_or_build(_draw_groups_map)
    return Svg(svg), count


@add_landing_section(order=20)
def map_of_the_groups(request):
    """Where the alliance's groups are (one query)."""
    svg, count = groups_map()
    return "groups/_landing_map.html", {"map": svg, "count": count}


# --- Retention (core.hooks.retention_rules) ---------------------------------------------------

# A request for a group no coordinator has answered is kept this long, then its address goes.
UNANSWERED_GROUP_REQUEST_DAYS = 730
# A spent invitation (accepted, revoked or expired) keeps the address it went to this long.
SPENT_INVITATION_DAYS = 30
# A sent mailing keeps who it reached (its counts stay on the mailing) this long.
MAILING_RECIPIENT_DAYS = 90


def _forget_group_requests(now) -> int:
    from groundwork.groups.models import GroupRequest

    answered = GroupRequest.objects.filter(
        answered_at__lt=now - timedelta(days=settings.GROUNDWORK_GROUP_REQUEST_DAYS)
    )
    waiting = GroupRequest.objects.filter(
        answered_at=None, created_at__lt=now - timedelta(days=UNANSWERED_GROUP_REQUEST_DAYS)
    )
    return answered.delete()[0] + waiting.delete()[0]


def _forget_spent_invitations(now) -> int:
    from groundwork.groups.models import Invitation

    cutoff = now - timedelta(days=SPENT_INVITATION_DAYS)
    return Invitation.objects.filter(expires_at__lt=cutoff).delete()[0]


def _forget_imported_people(now) -> int:
    """People an imported list named who did not join: gone once their invitation is (30 days
    after it expired), and the rows a run set aside, 30 days after the run."""
    from groundwork.groups.models import ImportedContact, MemberImportProblem, Membership

    days = settings.GROUNDWORK_INVITATION_DAYS + SPENT_INVITATION_DAYS
    joined = Membership.objects.filter(
        group=OuterRef("group"), user__email__iexact=OuterRef("email")
    )
    stale = ImportedContact.objects.filter(created_at__lt=now - timedelta(days=days)).filter(
        ~Exists(joined)
    )
    problems = MemberImportProblem.objects.filter(
        member_import__finished_at__lt=now - timedelta(days=SPENT_INVITATION_DAYS)
    )
    return stale.delete()[0] + problems.delete()[0]


def _forget_mailing_recipients(now) -> int:
    from groundwork.groups.models import MailingRecipient

    cutoff = now - timedelta(days=MAILING_RECIPIENT_DAYS)
    return MailingRecipient.objects.filter(mailing__finished_at__lt=cutoff).delete()[0]


add_retention_rule(
    RetentionRule(
        "Requests for a new group (the asker's email address and note)",
        "GROUNDWORK_GROUP_REQUEST_DAYS (90) days after a coordinator answered; 2 years if never",
        _forget_group_requests,
    )
)
add_retention_rule(
    RetentionRule(
        "Invitations (the address invited)",
        "30 days after the invitation expired",
        _forget_spent_invitations,
    )
)
add_retention_rule(
    RetentionRule(
        "People an imported members' list named who did not join (email, name), and its rows "
        "set aside",
        "30 days after their invitation expired (the rows set aside: 30 days after the run)",
        _forget_imported_people,
    )
)
add_retention_rule(
    RetentionRule(
        "Who an organisers' email reached",
        "90 days after it was sent (the counts stay)",
        _forget_mailing_recipients,
    )
)
