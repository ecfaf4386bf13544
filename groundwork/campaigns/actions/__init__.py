"""Every change to campaigns, their targets, milestones, updates, petitions, signatures and letters.

Signers' names and emails never reach the audit log: entries carry ids and counts only.

Split by what they change; the names are re-exported here so callers write `actions.do_save_target`.
"""

from groundwork.campaigns.actions.campaigns import (
    CAMPAIGN_FIELDS,
    do_create_campaign,
    do_update_campaign,
)
from groundwork.campaigns.actions.letters import (
    LETTERS_PER_CAMPAIGN,
    LETTERS_PER_DAY,
    LetterDraft,
    LetterOutcome,
    check_draft_letter,
    check_send_letter,
    do_save_letter_template,
    recipients_for_writer,
    target_for_district,
)
from groundwork.campaigns.actions.milestones import do_add_milestone
from groundwork.campaigns.actions.petitions import (
    PETITION_FIELDS,
    RESEND_AFTER,
    SIGNATURE_VERIFICATION_DAYS,
    Signed,
    check_sign_petition,
    check_sign_petition_as_member,
    check_verify_signature,
    do_forget_signature_when_expired,
    do_forget_signers_of_finished_petitions,
    do_forget_unverified_signature,
    do_prune_unverified_signatures,
    do_record_signature_export,
    do_save_petition,
    normalise_email,
    signature_expired,
    signature_expires_at,
)
from groundwork.campaigns.actions.targets import TARGET_FIELDS, do_remove_target, do_save_target
from groundwork.campaigns.actions.updates import do_post_update

__all__ = [
    "CAMPAIGN_FIELDS",
    "LETTERS_PER_CAMPAIGN",
    "LETTERS_PER_DAY",
    "PETITION_FIELDS",
    "RESEND_AFTER",
    "SIGNATURE_VERIFICATION_DAYS",
    "TARGET_FIELDS",
    "LetterDraft",
    "LetterOutcome",
    "Signed",
    "check_draft_letter",
    "check_send_letter",
    "check_sign_petition",
    "check_sign_petition_as_member",
    "check_verify_signature",
    "do_add_milestone",
    "do_create_campaign",
    "do_forget_signature_when_expired",
    "do_forget_unverified_signature",
    "do_post_update",
    "do_forget_signers_of_finished_petitions",
    "do_prune_unverified_signatures",
    "do_record_signature_export",
    "do_remove_target",
    "do_save_letter_template",
    "do_save_petition",
    "do_save_target",
    "do_update_campaign",
    "normalise_email",
    "signature_expired",
    "signature_expires_at",
    "recipients_for_writer",
    "target_for_district",
]
