"""Who an organiser's email goes to: the whole group, its newest members, or a segment another app
contributes through `groups.hooks.add_mailing_segment` (going to an event, volunteers of a project,
not yet voted in an open ballot). A segment only ever narrows the group's current members.

The organiser picks one value: the segment's key, or `key:parameter` for a segment that needs one.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.groups.hooks import MailingSegment, add_mailing_segment, mailing_segments
from groundwork.groups.models import Group, Membership
from groundwork.members.models import ConsentRecord
from groundwork.notifications.models import EmailKind, EmailOptOut, EmailSuppression

EVERYONE = "everyone"
NEW_MEMBERS = "new_members"
NEW_MEMBER_DAYS = 31


def _no_parameter(group: Group) -> list[tuple[str, str]]:
    return []


def _everyone(group: Group, parameter: str) -> QuerySet:
    return Membership.objects.filter(group=group).values("user_id")


def _new_members(group: Group, parameter: str) -> QuerySet:
    since = timezone.now() - timedelta(days=NEW_MEMBER_DAYS)
    return Membership.objects.filter(group=group, joined_at__gte=since).values("user_id")


add_mailing_segment(
    MailingSegment(
        key=EVERYONE,
        label=_("Everyone in the group"),
        choices=_no_parameter,
        user_ids=_everyone,
        order=0,
    )
)
add_mailing_segment(
    MailingSegment(
        key=NEW_MEMBERS,
        label=_("Joined in the last month"),
        choices=_no_parameter,
        user_ids=_new_members,
        order=1,
    )
)


@dataclass(frozen=True)
class ChosenSegment:
    """A segment as chosen for one mailing: its key, parameter and how the organiser saw it."""

    key: str
    parameter: str
    label: str

    @property
    def value(self) -> str:
        return f"{self.key}:{self.parameter}" if self.parameter else self.key


def _ordered() -> list[MailingSegment]:
    return sorted(mailing_segments.values(), key=lambda segment: (segment.order, segment.key))


def segment_choices(group: Group) -> list[tuple[str, Any]]:
    """The form's choices: segments without a parameter as options, the others as groups of
    options (one query per segment that has parameters). A segment with nothing to choose from
    (no upcoming event) is left out."""
    choices: list[tuple[str, Any]] = []
    for segment in _ordered():
        options = segment.choices(group)
        if not options and segment.choices is _no_parameter:
            choices.append((segment.key, segment.label))
        elif options:
            choices.append(
                (
                    str(segment.label),
                    [(f"{segment.key}:{value}", label) for value, label in options],
                )
            )
    return choices


def choose_segment(group: Group, value: str) -> ChosenSegment | None:
    """The segment `value` names, if it is one the group's organisers can choose now."""
    key, _sep, parameter = value.partition(":")
    segment = mailing_segments.get(key)
    if segment is None:
        return None
    if segment.choices is _no_parameter:
        return ChosenSegment(key, "", str(segment.label)) if not parameter else None
    labels = dict(segment.choices(group))
    if parameter not in labels:
        return None
    return ChosenSegment(key, parameter, f"{segment.label}: {labels[parameter]}")


def members_in_segment(group: Group, key: str, parameter: str) -> QuerySet[Membership]:
    """The group's current members in the segment (none if the segment is no longer known)."""
    segment = mailing_segments.get(key)
    members = Membership.objects.filter(group=group).order_by()
    if segment is None:
        return members.none()
    user_ids = segment.user_ids(group, parameter)
    if user_ids is None:
        return members.none()
    return members.filter(user_id__in=user_ids)


def reachable(user_field: str = "user") -> dict[str, Exists]:
    """Annotations telling, for each row's user, why an organisers' email would not reach them:
    no active consent to organisers' contact, unsubscribed from it, or the address suppressed."""
    email = OuterRef(f"{user_field}__email")
    return {
        "has_consent": Exists(
            ConsentRecord.objects.filter(
                user=OuterRef(user_field),
                purpose=ConsentRecord.Purpose.ORGANISER_CONTACT,
                withdrawn_at__isnull=True,
            )
        ),
        "has_opted_out": Exists(
            EmailOptOut.objects.filter(address=email, kind=EmailKind.GROUP_MAIL)
        ),
        "is_suppressed": Exists(EmailSuppression.objects.filter(address=email)),
    }


def reach_of(group: Group, key: str, parameter: str) -> tuple[int, int]:
    """(members in the segment, how many of them the email would reach), in two queries."""
    members = members_in_segment(group, key, parameter).filter(user__is_active=True)
    checks = reachable()
    reached = members.filter(
        checks["has_consent"], ~checks["has_opted_out"], ~checks["is_suppressed"]
    )
    return members.count(), reached.count()
