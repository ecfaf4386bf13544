"""How accountability reacts to actions of the apps to its left (connected in apps.py ready)."""

from django.dispatch import receiver

from groundwork.democracy import hooks
from groundwork.democracy.models import Ballot

# Recall


@receiver(hooks.ballot_closed, dispatch_uid="accountability.recall_ballot_closed")
def settle_recall_ballot(sender, *, ballot: Ballot, decision, **kwargs) -> None:
    """A recall ballot closed: the holder is recalled or stays (do_settle_recall_ballot)."""
    from groundwork.accountability.actions import do_settle_recall_ballot

    do_settle_recall_ballot(ballot)
