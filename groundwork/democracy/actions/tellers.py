"""The tellers: appointing them, their keys, sealing a ballot box as it opens, and their shares
at the count. The cryptography is in `groundwork.democracy.ballot_box`."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy import ballot_box, hooks
from groundwork.democracy.models import Ballot, KeyShare, Teller, TellingPanel
from groundwork.groups.models import Group
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind


def box_error_message(error: ballot_box.BoxError) -> str:
    """What a person is told when a key, code or share does not fit."""
    messages = {
        "mistyped": _("That is not a teller key: check it for a mistyped character."),
        "wrong_key": _(
            "That teller key does not open your share of this ballot. Use the key you had when "
            "the ballot opened."
        ),
        "server_key": _(
            "A share given earlier can no longer be read (the server's secret key changed). "
            "The tellers who gave one must give it again."
        ),
        "wrong_shares": _("The shares given do not open this ballot box."),
    }
    return messages.get(error.code, str(error))


def panel_of(group: Group | None) -> TellingPanel | None:
    """The tellers of the group, or of the alliance when `group` is None."""
    return TellingPanel.objects.filter(group=group).first()


def _all_hold_keys(panel: TellingPanel | None) -> bool:
    """Whether the panel has tellers and every one of them holds a key (one query)."""
    if panel is None or panel.pk is None:
        return False
    keys = list(panel.tellers.values_list("public_key", flat=True))
    return bool(keys) and all(key is not None for key in keys)


def _tell_if_ready(
    panel: TellingPanel, *, ready_before: bool, group: Group | None, acting_user: User
) -> None:
    """Send `tellers_ready` when the panel has just become ready (see hooks)."""
    if not ready_before and _all_hold_keys(panel):
        # Imported here because proposals opens ballots, and ballots seal their boxes here.
        from groundwork.democracy.actions.proposals import do_open_votes_waiting_for_tellers

        do_open_votes_waiting_for_tellers(group, acting_user=acting_user)
        hooks.tellers_ready.send(sender=TellingPanel, group=group, acting_user=acting_user)


@transaction.atomic
def check_appoint_tellers(
    group: Group | None,
    *,
    tellers: list[User],
    needed: int,
    custody: str = TellingPanel.Custody.TELLERS,
    acting_user: User,
) -> TellingPanel:
    """Name who holds the keys to the body's secret ballots, and how many must act together.

    Tellers who stay keep their keys; ballots already open keep the shares they were made with.
    """
    if custody == TellingPanel.Custody.RETURNING_OFFICER and len(tellers) != 1:
        raise ActionError(_("Name one returning officer."), field="tellers")
    if custody == TellingPanel.Custody.RETURNING_OFFICER:
        needed = 1
    if not tellers:
        raise ActionError(_("Name at least one teller."), field="tellers")
    if len(tellers) > 255:
        raise ActionError(_("Name at most 255 tellers."), field="tellers")
    if not 1 <= needed <= len(tellers):
        raise ActionError(
            _("The number of tellers needed must be between 1 and the number of tellers."),
            field="needed",
        )
    # Under the panel's lock, so that the action that makes it ready is the one that says so.
    panel = TellingPanel.objects.select_for_update().filter(group=group).first() or TellingPanel(
        group=group
    )
    ready_before = _all_hold_keys(panel)
    panel.custody, panel.needed = custody, needed
    panel.save()
    chosen = {user.pk for user in tellers}
    panel.tellers.exclude(user_id__in=chosen).delete()
    present = set(panel.tellers.values_list("user_id", flat=True))
    Teller.objects.bulk_create(Teller(panel=panel, user_id=pk) for pk in chosen - present)
    record(
        actor=acting_user,
        verb="tellers.appointed",
        target=panel,
        group_id=group.pk if group else None,
        new={"custody": custody, "tellers": len(chosen), "needed": needed},
    )
    url = (
        reverse("democracy:group_tellers", args=[group.slug])
        if group
        else reverse("democracy:alliance_tellers")
    )
    body = {"body": group.name if group else _("the alliance")}
    transaction.on_commit(
        lambda: do_notify(
            chosen - present,
            kind=NotificationKind.DEMOCRACY,
            key=f"teller-{panel.pk}-appointed",
            url=url,
            text=_("You are a teller of %(body)s's secret ballots: take your teller key.") % body,
        )
    )
    _tell_if_ready(panel, ready_before=ready_before, group=group, acting_user=acting_user)
    return panel


@transaction.atomic
def check_take_teller_key(group: Group | None, *, acting_user: User) -> str:
    """Give the teller a new key and return its code, which is shown once and stored nowhere.

    A new key replaces an earlier one for ballots opened from now on; a ballot already open
    still needs the key the teller had when it opened.
    """
    # The panel's lock first: two tellers taking the last keys at once each see the other's.
    panel = TellingPanel.objects.select_for_update().filter(group=group).first()
    teller = (
        Teller.objects.select_for_update()
        .filter(panel=panel, user=acting_user)
        .select_related("panel")
        .first()
        if panel
        else None
    )
    if panel is None or teller is None:
        raise ActionError(_("You are not one of the tellers."))
    ready_before = _all_hold_keys(panel)
    code, public_key = ballot_box.new_teller_code()
    replaced = teller.public_key is not None
    teller.public_key, teller.key_taken_at = public_key, timezone.now()
    teller.save(update_fields=["public_key", "key_taken_at"])
    record(
        actor=acting_user,
        verb="tellers.key_replaced" if replaced else "tellers.key_taken",
        target=teller.panel,
        group_id=group.pk if group else None,
    )
    _tell_if_ready(panel, ready_before=ready_before, group=group, acting_user=acting_user)
    return code


def seal_ballot_box(ballot: Ballot) -> None:
    """As a secret ballot opens: make its box, seal a share to each teller, and forget its key."""
    panel = panel_of(ballot.group)
    tellers = list(panel.tellers.select_related("user").order_by("id")) if panel else []
    if panel is None or not tellers:
        raise ActionError(
            _("Appoint tellers before opening a secret ballot: they hold the key to its box.")
        )
    without_key = [teller.user.name for teller in tellers if teller.public_key is None]
    if without_key:
        raise ActionError(
            _("These tellers have not taken their teller key yet: %(names)s.")
            % {"names": ", ".join(sorted(without_key))}
        )
    box = ballot_box.new_box([bytes(t.public_key) for t in tellers], panel.needed)  # type: ignore[arg-type]
    ballot.box_public_key, ballot.shares_needed = box.public_key, panel.needed
    KeyShare.objects.bulk_create(
        KeyShare(ballot=ballot, teller_id=teller.user_id, number=number, sealed_share=sealed)
        for teller, (number, sealed) in zip(tellers, box.sealed_shares, strict=True)
    )


def server_secret() -> bytes:
    """The key given shares wait under: the site's secret key, which the database does not hold."""
    return settings.SECRET_KEY.encode()


@transaction.atomic
def check_give_share(ballot: Ballot, *, code: str, acting_user: User) -> int:
    """Take a teller's share at the count; once enough are in, the count starts (in a job).

    Returns how many shares have been given. Giving the same share twice changes nothing.
    """
    from groundwork.democracy import tasks

    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    share = KeyShare.objects.filter(ballot=ballot, teller=acting_user).first()
    if share is None:
        raise ActionError(_("You hold no share of this ballot's key."))
    if ballot.status != Ballot.Status.COUNTING:
        raise ActionError(_("This ballot box is not waiting for the tellers."))
    if share.given_at is None:
        try:
            opened = ballot_box.open_share(bytes(share.sealed_share), code)
        except ballot_box.BoxError as error:
            raise ActionError(box_error_message(error), field="code") from error
        share.given_share = ballot_box.hold_given_share(opened, server_secret())
        share.given_at = timezone.now()
        share.save(update_fields=["given_share", "given_at"])
        given = KeyShare.objects.filter(ballot=ballot, given_at__isnull=False).count()
        record(
            actor=acting_user,
            verb="ballot.share_given",
            target=ballot,
            group_id=ballot.group_id,
            new={"given": given, "needed": ballot.shares_needed},
        )
        if given == ballot.shares_needed:
            transaction.on_commit(lambda: tasks.count_sealed_ballot.enqueue(ballot.pk))
    return KeyShare.objects.filter(ballot=ballot, given_at__isnull=False).count()


def do_ask_tellers_for_shares(ballot: Ballot, *, again: bool = False) -> int:
    """When voting closes on a secret ballot (or the shares given did not open it): ask each
    teller for their share."""
    url = reverse("democracy:ballot", args=[ballot.pk])
    tellers = KeyShare.objects.filter(ballot=ballot).values_list("teller_id", flat=True)
    title = {"title": ballot.title}
    return do_notify(
        tellers,
        kind=NotificationKind.DEMOCRACY,
        key=f"ballot-{ballot.pk}-count" + ("-again" if again else ""),
        url=url,
        text=_("Voting has closed in %(title)s: give your teller's share to count it.") % title,
        email_subject=_("Give your share to count %(title)s") % title,
        email_body=_(
            "Voting has closed in “%(title)s”. The votes stay sealed until enough tellers give "
            "their share: open the ballot's page and enter your teller key."
        )
        % title,
    )
