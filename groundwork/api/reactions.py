"""How the API app connects to the hooks of the apps to its left: each event a group's webhooks
can subscribe to is queued for delivery inside the action that announced it (and sent on commit).
"""

from django.dispatch import receiver

from groundwork.api import actions, queries
from groundwork.api.models import WebhookEvent
from groundwork.campaigns.hooks import signature_counted
from groundwork.core.hooks import RetentionRule, add_retention_rule
from groundwork.democracy.hooks import ballot_closed
from groundwork.events.hooks import rsvp_cancelled, rsvp_made
from groundwork.groups.hooks import member_joined, member_left
from groundwork.members.hooks import member_erased


@receiver(member_joined, dispatch_uid="api_webhooks_member_joined")
def webhook_member_joined(sender, membership, **kwargs) -> None:
    actions.do_queue_webhook_event(
        membership.group,
        WebhookEvent.MEMBER_JOINED,
        key=f"membership:{membership.pk}",
        data=lambda: queries.member_data(membership),
        person=membership.user,
    )


@receiver(member_left, dispatch_uid="api_webhooks_member_left")
def webhook_member_left(sender, membership, **kwargs) -> None:
    actions.do_queue_webhook_event(
        membership.group,
        WebhookEvent.MEMBER_LEFT,
        key=f"membership:{membership.pk}",
        data=lambda: queries.member_data(membership),
        person=membership.user,
    )


def _rsvp_event(rsvp, event_type: str) -> None:
    group = rsvp.event.group
    if group is None:  # an alliance-wide event has no group to tell
        return
    actions.do_queue_webhook_event(
        group,
        event_type,
        key=f"rsvp:{rsvp.pk}:{rsvp.updated_at.isoformat()}",
        data=lambda: queries.rsvp_data(rsvp, group),
        person=rsvp.user,
    )


@receiver(rsvp_made, dispatch_uid="api_webhooks_rsvp_made")
def webhook_rsvp_made(sender, rsvp, **kwargs) -> None:
    _rsvp_event(rsvp, WebhookEvent.RSVP_MADE)


@receiver(rsvp_cancelled, dispatch_uid="api_webhooks_rsvp_cancelled")
def webhook_rsvp_cancelled(sender, rsvp, **kwargs) -> None:
    _rsvp_event(rsvp, WebhookEvent.RSVP_CANCELLED)


@receiver(signature_counted, dispatch_uid="api_webhooks_signature_counted")
def webhook_signature_counted(sender, signature, petition, **kwargs) -> None:
    group = petition.campaign.group
    if group is None:
        return
    actions.do_queue_webhook_event(
        group,
        WebhookEvent.PETITION_SIGNED,
        key=f"signature:{signature.pk}",
        data=lambda: queries.signature_data(signature, petition),
    )


@receiver(ballot_closed, dispatch_uid="api_webhooks_ballot_closed")
def webhook_ballot_closed(sender, ballot, decision, **kwargs) -> None:
    if ballot.group is None:
        return
    actions.do_queue_webhook_event(
        ballot.group,
        WebhookEvent.BALLOT_CLOSED,
        key=f"ballot:{ballot.pk}",
        data=lambda: queries.ballot_data(ballot, decision),
    )


@receiver(member_erased, dispatch_uid="api_webhooks_member_erased")
def forget_erased_member_in_webhooks(sender, user, **kwargs) -> None:
    """An erased member's name and email leave every webhook delivery about them."""
    actions.do_forget_person_in_webhooks(user)


add_retention_rule(
    RetentionRule(
        "Webhook deliveries (what each told a group's tool of a member, and its answer)",
        "30 days after the delivery finished",
        actions.do_forget_finished_deliveries,
    )
)
