"""Reads of the API app: a group's webhook endpoints and their delivery log, and what a webhook
may say of a member, an answer to an event, a signature or a ballot.

A delivery goes to the group's own tools, so it carries only what the group may see, and less
where less will do: a person is named (membership id, display name, email) only when they are a
member of the group who has consented to organisers holding their contact details (the
ORGANISER_CONTACT consent, the same one the group's emails and member export go by); otherwise
the event says what happened and not to whom. A petition's signers are never named.

Reading personal access tokens: only ever the owner's own.
"""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse

from groundwork.api.models import AccessToken, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from groundwork.groups.models import Group, Membership
from groundwork.members.models import ConsentRecord, User

# The delivery log shows the latest deliveries of an endpoint, each with its attempts.
DELIVERY_LOG = 50


def endpoints_of(group: Group) -> QuerySet[WebhookEndpoint]:
    """The group's webhook endpoints, newest first (the page is for its organisers only)."""
    return WebhookEndpoint.objects.filter(group=group).select_related("group")


def get_endpoint_in(group: Group, pk: int) -> WebhookEndpoint:
    """One of the group's endpoints, or 404 (another group's endpoint is missing here)."""
    endpoint = endpoints_of(group).filter(pk=pk).first()
    if endpoint is None:
        raise Http404("No such webhook endpoint.")
    return endpoint


def delivery_log(endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    """The endpoint's latest deliveries, newest first, with their attempts (two queries)."""
    return list(
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .defer("payload")
        .prefetch_related(
            Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number"))
        )[:DELIVERY_LOG]
    )


def _link(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


def has_contact_consent(user: User | None) -> bool:
    """Whether the person lets organisers hold their contact details (an active consent)."""
    if user is None or user.erased_at is not None:
        return False
    return ConsentRecord.objects.filter(
        user=user, purpose=ConsentRecord.Purpose.ORGANISER_CONTACT, withdrawn_at__isnull=True
    ).exists()


def member_data(membership: Membership) -> dict[str, Any]:
    """What a member's joining or leaving tells: who, only with their consent (see above)."""
    data: dict[str, Any] = {"role": membership.role, "member": None}
    if has_contact_consent(membership.user):
        data["member"] = {
            "membership_id": membership.pk,
            "display_name": membership.user.name,
            "email": membership.user.email,
            "joined_at": membership.joined_at.isoformat(),
        }
    return data


def rsvp_data(rsvp, group: Group) -> dict[str, Any]:
    """What an answer to one of the group's events tells: the event, the answer, and who only
    when they are a member of the group with consent; someone outside it is never named."""
    event = rsvp.event
    membership = (
        Membership.objects.filter(group=group, user_id=rsvp.user_id).select_related("user").first()
        if rsvp.user_id
        else None
    )
    return {
        "event": {
            "id": event.pk,
            "title": event.title,
            "starts_at": event.starts_at.isoformat(),
            "url": _link("events:detail", event.pk),
        },
        "rsvp": {"id": rsvp.pk, "status": rsvp.status},
        "attendee": member_data(membership)["member"] if membership else None,
    }


def signature_data(signature, petition) -> dict[str, Any]:
    """What a counted signature tells: the petition and its count, never the signer."""
    count = type(petition).objects.filter(pk=petition.pk).values_list("signature_count", flat=True)
    return {
        "petition": {
            "id": petition.pk,
            "title": petition.title,
            "url": _link("campaigns:petition", petition.pk),
            "signature_count": count.first(),
        },
        "campaign": {"id": petition.campaign_id, "title": petition.campaign.title},
        "signature": {"id": signature.pk, "counted_at": signature.verified_at.isoformat()},
    }


def ballot_data(ballot, decision) -> dict[str, Any]:
    """What a closed ballot tells: the ballot and the decision recorded, as its page shows them
    once the result is published (never who voted how)."""
    return {
        "ballot": {
            "id": ballot.pk,
            "title": ballot.title,
            "method": ballot.method,
            "closes_at": ballot.closes_at.isoformat(),
            "url": _link("democracy:ballot", ballot.pk),
        },
        "decision": {"id": decision.pk, "summary": decision.summary} if decision else None,
    }


def tokens_of(user) -> QuerySet[AccessToken]:
    """The user's own tokens, newest first, with the groups each is limited to."""
    return AccessToken.objects.filter(owner=user).prefetch_related(
        Prefetch("groups", queryset=Group.objects.order_by("name").only("name", "slug"))
    )


def get_token_for(user, pk: int) -> AccessToken:
    """One of the user's own tokens; 404 alike for missing and someone else's."""
    try:
        return tokens_of(user).get(pk=pk)
    except AccessToken.DoesNotExist:
        raise Http404("No such token.") from None


def groups_a_token_may_be_limited_to(owner) -> QuerySet[Group]:
    """The groups the owner organises (a token may be limited to some of them)."""
    organised = Membership.objects.filter(user=owner, role=Membership.Role.ORGANISER)
    return Group.objects.filter(pk__in=organised.values("group_id")).order_by("name")
