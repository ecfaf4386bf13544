"""The audit log in sentences: "alice changed the description of Riverside".

Each verb that an action records (`record(verb=...)`) has a sentence here, with `%(actor)s` (who
did it) and `%(target)s` (the label of what it was done to). A verb whose entries keep the values
that changed has a second sentence in CHANGES, with `%(fields)s` ("the name and the description"),
used when the entry names any. A test collects every verb recorded anywhere in the code and fails
on one without a sentence; an entry whose verb has none (an old entry, or one written by code this
table has not caught up with) still reads, through UNKNOWN.

KINDS groups verbs by what they are about, for the audit page's filter.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from groundwork.core.models import AuditEntry

# The tables hold lazy strings, translated when an entry is read, into the reader's language.
L = gettext_lazy

SENTENCES: dict[str, Promise] = {
    # The admin (written by core.admin.AuditedAdminMixin)
    "admin.added": L("%(actor)s added %(target)s in the admin"),
    "admin.changed": L("%(actor)s changed %(target)s in the admin"),
    "admin.deleted": L("%(actor)s deleted %(target)s in the admin"),
    # Members and their consent
    "member.signed_up": L("%(actor)s signed up"),
    "profile.updated": L("%(actor)s updated their profile"),
    "consent.given": L("%(actor)s gave consent: %(target)s"),
    "consent.withdrawn": L("%(actor)s withdrew consent: %(target)s"),
    "email.unsubscribed": L("%(target)s unsubscribed from an email"),
    "email.suppressed": L("%(actor)s stopped email to an address that bounced or complained"),
    "notification_preferences.changed": L("%(actor)s changed how they hear of notifications"),
    "member.data_export_requested": L("%(actor)s asked for a copy of their data"),
    "member.data_export_ready": L("%(actor)s made a copy of a member's data ready to download"),
    "member.erased": L("%(actor)s deleted a member's account at their request"),
    "calendar_feed.created": L("%(actor)s made a calendar feed"),
    "calendar_feed.reset": L("%(actor)s reset their calendar feed's address"),
    # Groups and membership
    "group.created": L("%(actor)s created the group %(target)s"),
    "group.updated": L("%(actor)s updated the details of %(target)s"),
    "group.area_linked": L("%(actor)s linked %(target)s to its area"),
    "group.areas_chosen": L("%(actor)s chose the areas of %(target)s"),
    "group.organisers_contacted": L("%(actor)s wrote to the organisers of %(target)s"),
    "group_request.created": L("%(actor)s asked for a new group: %(target)s"),
    "group_request.answered": L("%(actor)s answered the requests for a group: %(target)s"),
    "group.mailing_drafted": L("%(actor)s drafted an email to the members of %(target)s"),
    "group.mailing_edited": L("%(actor)s edited an email to the members of %(target)s"),
    "group.mailing_sent": L("%(actor)s sent an email to the members of %(target)s"),
    # Webhooks (the group's own tools told of its events)
    "webhook.added": L("%(actor)s added a webhook to %(target)s"),
    "webhook.updated": L("%(actor)s changed the events of the webhook to %(target)s"),
    "webhook.disabled": L("%(actor)s turned off the webhook to %(target)s"),
    "webhook.enabled": L("%(actor)s turned on the webhook to %(target)s"),
    "webhook.test_sent": L("%(actor)s sent a test event to the webhook %(target)s"),
    "webhook.disabled_after_failures": L(
        "The webhook to %(target)s was turned off after its deliveries kept failing"
    ),
    "group.member_list_uploaded": L("%(actor)s uploaded a members' list to import: %(target)s"),
    "group.member_list_mapped": L("%(actor)s chose which columns to import of %(target)s"),
    "group.member_list_queued": L("%(actor)s started a run of the members' list %(target)s"),
    "group.member_list_checked": L("%(actor)s checked the members' list %(target)s (a dry run)"),
    "group.member_list_imported": L(
        "%(actor)s imported the members' list %(target)s, inviting the people new to the group"
    ),
    "group.member_list_failed": L("%(actor)s's members' list %(target)s could not be read"),
    "group.members_exported": L(
        "%(actor)s downloaded the contact details of members of %(target)s"
    ),
    "district_centroids.loaded": L("%(actor)s loaded the postcode districts' centres"),
    "coordinator.appointed": L("%(actor)s appointed an alliance coordinator: %(target)s"),
    "membership.joined": L("%(actor)s joined: %(target)s"),
    "membership.approved": L("%(actor)s approved a member: %(target)s"),
    "membership.invited": L("%(actor)s joined by invitation: %(target)s"),
    "membership.left": L("%(actor)s left: %(target)s"),
    "membership.removed": L("%(actor)s removed a member: %(target)s"),
    "membership.role_changed": L("%(actor)s changed the role of %(target)s"),
    "membership.appointed": L("%(actor)s appointed an organiser: %(target)s"),
    "join_request.made": L("%(actor)s asked to join: %(target)s"),
    "join_request.withdrawn": L("%(actor)s withdrew a request to join: %(target)s"),
    "join_request.approved": L("%(actor)s approved a request to join: %(target)s"),
    "join_request.declined": L("%(actor)s declined a request to join: %(target)s"),
    "invitation.sent": L("%(actor)s sent an invitation: %(target)s"),
    "invitation.resent": L("%(actor)s sent an invitation again: %(target)s"),
    "invitation.revoked": L("%(actor)s revoked an invitation: %(target)s"),
    "invitation.accepted": L("%(actor)s accepted an invitation: %(target)s"),
    # The platform of aims and the action plans
    "platform.adopted": L("%(actor)s adopted the platform"),
    "platform.withdrawn": L("%(actor)s withdrew from the platform"),
    "aim.edited": L("%(actor)s edited the aim %(target)s"),
    "objective.edited": L("%(actor)s edited the objective %(target)s"),
    "objective.adopted": L("%(actor)s adopted an objective: %(target)s"),
    "goal.added": L("%(actor)s added the goal %(target)s"),
    "goal.edited": L("%(actor)s edited the goal %(target)s"),
    "task.added": L("%(actor)s added the task %(target)s"),
    "task.edited": L("%(actor)s edited the task %(target)s"),
    "task.deleted": L("%(actor)s deleted the task %(target)s"),
    "task.status_changed": L("%(actor)s changed the status of the task %(target)s"),
    # Democracy
    "democracy_settings.changed": L("%(actor)s changed the democracy settings of %(target)s"),
    "proposal.created": L("%(actor)s drafted the proposal %(target)s"),
    "proposal.edited": L("%(actor)s edited the draft proposal %(target)s"),
    "proposal.submitted": L("%(actor)s put forward the proposal %(target)s"),
    "proposal.withdrawn": L("%(actor)s withdrew the proposal %(target)s"),
    "proposal.lapsed": L("The proposal %(target)s lapsed"),
    "proposal.supported": L("%(actor)s supported the proposal %(target)s"),
    "proposal.vote_waiting": L("The proposal %(target)s is waiting to be put to a vote"),
    "proposal.vote_opened": L("%(actor)s put the proposal %(target)s to a vote"),
    "comment.added": L("%(actor)s commented: %(target)s"),
    "amendment.proposed": L("%(actor)s proposed an amendment: %(target)s"),
    "amendment.accepted": L("%(actor)s accepted an amendment: %(target)s"),
    "amendment.declined": L("%(actor)s declined an amendment: %(target)s"),
    "amendment.put_to_vote": L("%(actor)s put an amendment to a vote: %(target)s"),
    "delegates.set": L("%(actor)s set the delegates of %(target)s"),
    "ballot.created": L("%(actor)s created the ballot %(target)s"),
    "ballot.opened": L("%(actor)s opened the ballot %(target)s"),
    "ballot.edited": L("%(actor)s edited the draft ballot %(target)s"),
    "ballot.voting_closed": L("Voting closed in the ballot %(target)s"),
    "ballot.closed": L("%(actor)s closed the ballot %(target)s"),
    "ballot.cancelled": L("%(actor)s cancelled the ballot %(target)s"),
    "ballot.share_given": L("%(actor)s gave their share of the key of the ballot %(target)s"),
    "ballot.shares_refused": L("The tellers' shares of the key of %(target)s were refused"),
    "tellers.appointed": L("%(actor)s appointed the tellers of %(target)s"),
    "tellers.key_replaced": L("%(actor)s replaced the tellers' key of %(target)s"),
    "tellers.key_taken": L("%(actor)s took their teller's key of %(target)s"),
    "decision.logged": L("%(actor)s logged the decision %(target)s"),
    "votes.imported": L("%(actor)s imported votes: %(target)s"),
    # Accountability
    "accountability.settings_updated": L("%(actor)s changed %(target)s"),
    "position.created": L("%(actor)s created the position %(target)s"),
    "position.updated": L("%(actor)s updated the position %(target)s"),
    "position.appointed": L("%(actor)s appointed someone to %(target)s"),
    "position.filled": L("The position %(target)s was filled"),
    "position.election_called": L("%(actor)s called an election for %(target)s"),
    "term.ended": L("The term %(target)s ended"),
    "term.stepped_down": L("%(actor)s stepped down: %(target)s"),
    "mandate.written": L("%(actor)s wrote a mandate: %(target)s"),
    "mandate.updated": L("%(actor)s updated a mandate: %(target)s"),
    "mandate.deleted": L("%(actor)s deleted a mandate: %(target)s"),
    "meeting.recorded": L("%(actor)s recorded the meeting %(target)s"),
    "meeting.updated": L("%(actor)s updated the meeting %(target)s"),
    "meeting.deleted": L("%(actor)s deleted the meeting %(target)s"),
    "report_back.filed": L("%(actor)s filed a report-back: %(target)s"),
    "recall.opened": L("%(actor)s opened a recall petition: %(target)s"),
    "recall.signed": L("%(actor)s signed a recall petition: %(target)s"),
    "recall.threshold_reached": L("A recall petition reached its threshold: %(target)s"),
    "recall.ballot_waiting": L("A recall ballot is waiting to open: %(target)s"),
    "recall.ballot_opened": L("A recall ballot opened: %(target)s"),
    "recall.carried": L("A recall was carried: %(target)s"),
    "recall.not_carried": L("A recall was not carried: %(target)s"),
    "recall.expired": L("A recall petition expired: %(target)s"),
    "recall.by_election_called": L("A by-election was called after a recall: %(target)s"),
    "pledge.created": L("%(actor)s created the pledge %(target)s"),
    "pledge.updated": L("%(actor)s updated the pledge %(target)s"),
    "pledge.deleted": L("%(actor)s deleted the pledge %(target)s"),
    "pledge.answered": L("%(actor)s recorded an answer to a pledge: %(target)s"),
    "pledge_answer.deleted": L("%(actor)s deleted an answer to a pledge: %(target)s"),
    "statement.recorded": L("%(actor)s recorded a statement: %(target)s"),
    "statement.updated": L("%(actor)s updated a statement: %(target)s"),
    "statement.deleted": L("%(actor)s deleted a statement: %(target)s"),
    "policy.created": L("%(actor)s created the policy %(target)s"),
    "policy.updated": L("%(actor)s updated the policy %(target)s"),
    "policy.deleted": L("%(actor)s deleted the policy %(target)s"),
    "policy.objectives_linked": L("%(actor)s linked objectives to the policy %(target)s"),
    "register.import_queued": L("%(actor)s queued an import of a register: %(target)s"),
    "register.import_finished": L("An import of a register finished: %(target)s"),
    "register.imported": L("%(actor)s imported a register: %(target)s"),
    "postcodes.imported": L("%(actor)s imported postcodes: %(target)s"),
    # Campaigns and petitions
    "campaign.created": L("%(actor)s created the campaign %(target)s"),
    "campaign.updated": L("%(actor)s updated the campaign %(target)s"),
    "campaign.update_posted": L("%(actor)s posted news of the campaign %(target)s"),
    "campaign.milestone_recorded": L("%(actor)s recorded a milestone of %(target)s"),
    "campaign.win_recorded": L("%(actor)s recorded a win of %(target)s"),
    "campaign.target_saved": L("%(actor)s saved a target of the campaign: %(target)s"),
    "campaign.target_removed": L("%(actor)s removed a target of the campaign: %(target)s"),
    "campaign.letter_saved": L("%(actor)s saved the letter: %(target)s"),
    "campaign.letter_sent": L("%(actor)s sent a letter: %(target)s"),
    "petition.saved": L("%(actor)s saved the petition %(target)s"),
    "petition.signed": L("%(actor)s signed a petition: %(target)s"),
    "petition.signature_verified": L("A signature was verified: %(target)s"),
    "petition.unverified_signature_forgotten": L(
        "An unverified signature was forgotten: %(target)s"
    ),
    "petition.unverified_signatures_pruned": L("Unverified signatures were deleted: %(target)s"),
    "petition.signers_forgotten": L("Old signers' names and emails were removed: %(target)s"),
    "petition.signatures_exported": L("%(actor)s downloaded the signatures of %(target)s"),
    "petition.delivery_sheet_exported": L("%(actor)s downloaded the delivery sheet of %(target)s"),
    # Events
    "event.created": L("%(actor)s created the event %(target)s"),
    "event.updated": L("%(actor)s updated the event %(target)s"),
    "event.cancelled": L("%(actor)s cancelled the event %(target)s"),
    "event.rsvps_anonymised": L("The replies to the event %(target)s were anonymised"),
    "session.added": L("%(actor)s added the session %(target)s"),
    "session.removed": L("%(actor)s removed the session %(target)s"),
    "rsvp.made": L("%(actor)s replied to an event: %(target)s"),
    # The API's personal access tokens (never their secret)
    "access_token.created": L("%(actor)s created the API access token %(target)s"),
    "access_token.revoked": L("%(actor)s revoked the API access token %(target)s"),
    "rsvp.cancelled": L("%(actor)s cancelled a reply to an event: %(target)s"),
    "rsvp.promoted": L("A place came free at an event: %(target)s"),
    "rsvp.checked_in": L("%(actor)s checked someone in: %(target)s"),
    "rsvp.check_in_undone": L("%(actor)s undid a check-in: %(target)s"),
    # Projects
    "project.created": L("%(actor)s created the project %(target)s"),
    "project.updated": L("%(actor)s updated the project %(target)s"),
    "project.need_added": L("%(actor)s added a need: %(target)s"),
    "project.offer_added": L("%(actor)s added an offer: %(target)s"),
    "project.need_closed": L("%(actor)s marked a need as met: %(target)s"),
    "project.offer_closed": L("%(actor)s closed an offer: %(target)s"),
    "partnership.added": L("%(actor)s added a partner: %(target)s"),
    "aid_request.made": L("Someone asked for help: %(target)s"),
    "aid_request.status_changed": L("%(actor)s changed the status of a request: %(target)s"),
    "shift.added": L("%(actor)s added the shift %(target)s"),
    "shift.edited": L("%(actor)s edited the shift %(target)s"),
    "shift.deleted": L("%(actor)s deleted the shift %(target)s"),
    "shift.signed_up": L("%(actor)s signed up for a shift: %(target)s"),
    "shift.cancelled": L("%(actor)s cancelled a shift: %(target)s"),
    "formation_step.done": L("%(actor)s marked a step as done: %(target)s"),
    "formation_step.undone": L("%(actor)s marked a step as not done: %(target)s"),
    # The library, help between groups, skills
    "resource.added": L("%(actor)s added the resource %(target)s"),
    "resource.updated": L("%(actor)s updated the resource %(target)s"),
    "resource.deleted": L("%(actor)s deleted the resource %(target)s"),
    "resource.forked": L("%(actor)s made a group's copy of %(target)s"),
    "resource.unforked": L("%(actor)s deleted the group's copy of %(target)s"),
    "help_request.asked": L("%(actor)s asked the other groups for help: %(target)s"),
    "help_answer.given": L("%(actor)s answered a request for help: %(target)s"),
    "help_answer.marked_good": L("%(actor)s marked an answer as helpful: %(target)s"),
    "help_answer.unmarked": L("%(actor)s unmarked an answer as helpful: %(target)s"),
    "skills_directory.searched": L("%(actor)s searched the skills directory"),
    # Learning
    "course.created": L("%(actor)s created the course %(target)s"),
    "course.edited": L("%(actor)s edited the course %(target)s"),
    "course_step.added": L("%(actor)s added the step %(target)s"),
    "course_step.moved": L("%(actor)s moved the step %(target)s"),
    "course_step.removed": L("%(actor)s removed the step %(target)s"),
    "course_step.done": L("%(actor)s finished a step: %(target)s"),
    "course_step.undone": L("%(actor)s marked a step as not finished: %(target)s"),
    # Outcomes
    "areas.imported": L("%(actor)s imported areas: %(target)s"),
    "indicators.import_queued": L("%(actor)s queued an import of indicators: %(target)s"),
    "indicators.import_finished": L("An import of indicators finished: %(target)s"),
    "indicators.imported": L("%(actor)s imported indicators: %(target)s"),
    "target.set": L("%(actor)s set a target: %(target)s"),
    "target.changed": L("%(actor)s changed a target: %(target)s"),
    "target.deleted": L("%(actor)s deleted a target: %(target)s"),
}

# Sentences for entries that keep what changed, when they name any field.
CHANGES: dict[str, Promise] = {
    "admin.changed": L("%(actor)s changed %(fields)s of %(target)s in the admin"),
    "group.updated": L("%(actor)s changed %(fields)s of %(target)s"),
    "aim.edited": L("%(actor)s changed %(fields)s of the aim %(target)s"),
    "objective.edited": L("%(actor)s changed %(fields)s of the objective %(target)s"),
    "goal.edited": L("%(actor)s changed %(fields)s of the goal %(target)s"),
    "task.edited": L("%(actor)s changed %(fields)s of the task %(target)s"),
    "campaign.updated": L("%(actor)s changed %(fields)s of the campaign %(target)s"),
    "event.updated": L("%(actor)s changed %(fields)s of the event %(target)s"),
    "project.updated": L("%(actor)s changed %(fields)s of the project %(target)s"),
    "resource.updated": L("%(actor)s changed %(fields)s of the resource %(target)s"),
    "shift.edited": L("%(actor)s changed %(fields)s of the shift %(target)s"),
    "course.edited": L("%(actor)s changed %(fields)s of the course %(target)s"),
    "position.updated": L("%(actor)s changed %(fields)s of the position %(target)s"),
    "pledge.updated": L("%(actor)s changed %(fields)s of the pledge %(target)s"),
    "policy.updated": L("%(actor)s changed %(fields)s of the policy %(target)s"),
    "meeting.updated": L("%(actor)s changed %(fields)s of the meeting %(target)s"),
    "profile.updated": L("%(actor)s changed %(fields)s of their profile"),
    "democracy_settings.changed": L("%(actor)s changed %(fields)s of %(target)s"),
    "accountability.settings_updated": L("%(actor)s changed %(fields)s of %(target)s"),
}

UNKNOWN = L("%(actor)s: %(verb)s, %(target)s")

# What the audit page's filter offers: a kind of action and the nouns of the verbs it covers.
KINDS: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "membership": (
        pgettext_lazy("kind of action", "Members and joining"),
        (
            "member",
            "membership",
            "join_request",
            "invitation",
            "coordinator",
            "profile",
            "consent",
            "notification_preferences",
        ),
    ),
    "group": (
        pgettext_lazy("kind of action", "The group's details"),
        ("group", "group_request", "district_centroids", "webhook"),
    ),
    "democracy": (
        pgettext_lazy("kind of action", "Proposals, ballots and decisions"),
        ("proposal", "comment", "amendment", "delegates", "ballot", "tellers", "decision"),
    ),
    "democracy_settings": (
        pgettext_lazy("kind of action", "Settings"),
        ("democracy_settings", "accountability"),
    ),
    "plan": (
        pgettext_lazy("kind of action", "The platform and the action plan"),
        ("platform", "aim", "objective", "goal", "task"),
    ),
    "accountability": (
        pgettext_lazy("kind of action", "Positions and accountability"),
        (
            "position",
            "term",
            "mandate",
            "meeting",
            "report_back",
            "recall",
            "pledge",
            "pledge_answer",
            "statement",
            "policy",
            "register",
            "postcodes",
            "votes",
        ),
    ),
    "campaigns": (
        pgettext_lazy("kind of action", "Campaigns and petitions"),
        ("campaign", "petition"),
    ),
    "events": (
        pgettext_lazy("kind of action", "Events"),
        ("event", "session", "rsvp", "calendar_feed"),
    ),
    "projects": (
        pgettext_lazy("kind of action", "Projects"),
        ("project", "partnership", "aid_request", "shift", "formation_step"),
    ),
    "library": (
        pgettext_lazy("kind of action", "Library, help and skills"),
        ("resource", "help_request", "help_answer", "skills_directory", "course", "course_step"),
    ),
    "outcomes": (
        pgettext_lazy("kind of action", "Outcomes"),
        ("areas", "indicators", "target"),
    ),
    "api": (pgettext_lazy("kind of action", "API access tokens"), ("access_token",)),
    "admin": (pgettext_lazy("kind of action", "Changes in the admin"), ("admin",)),
    "email": (pgettext_lazy("kind of action", "Email"), ("email",)),
}


def noun_of(verb: str) -> str:
    return verb.partition(".")[0]


def verbs_of_kind(kind: str) -> list[str]:
    """Every verb with a sentence whose noun belongs to `kind` (none for an unknown kind)."""
    nouns = KINDS[kind][1] if kind in KINDS else ()
    return sorted(verb for verb in SENTENCES if noun_of(verb) in nouns)


def field_label(target_type: str, name: str) -> str:
    """How a field of the target's model is called on its forms; the name itself when the model
    or the field is gone."""
    try:
        field = apps.get_model(target_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        field = None
    # A reverse relation (a group's "districts") has no verbose name of its own.
    return str(getattr(field, "verbose_name", None) or name.replace("_", " "))


def changed_fields(entry: AuditEntry) -> list[str]:
    """The names of the fields the entry records a change of, as people call them."""
    if entry.verb == "admin.changed":
        return [str(name) for name in entry.new.get("fields", [])]
    keys = list(entry.new) or list(entry.old)
    return [field_label(entry.target_type, key) for key in keys]


def describe(entry: AuditEntry) -> str:
    """The entry as one sentence in the reader's language."""
    values: dict[str, Any] = {
        "actor": entry.actor.name if entry.actor_id and entry.actor else _("The system"),
        "target": entry.target_label or _("something since deleted"),
        "verb": entry.verb,
    }
    fields = changed_fields(entry) if entry.verb in CHANGES else []
    if fields:
        named = [_("the %(field)s") % {"field": field} for field in fields]
        values["fields"] = get_text_list(named, _("and"))
        sentence = str(CHANGES[entry.verb]) % values
    else:
        sentence = str(SENTENCES.get(entry.verb, UNKNOWN)) % values
    return sentence
