"""How the accountability app connects to hooks of the apps to its left: the elected candidates
of a position's election take office as its ballot closes."""

from django.dispatch import receiver

from groundwork.accountability import actions
from groundwork.democracy.hooks import ballot_closed
from groundwork.democracy.models import Ballot, Decision


@receiver(ballot_closed, dispatch_uid="accountability.take_office")
def take_office(sender, *, ballot: Ballot, decision: Decision, **kwargs) -> None:
    """A closed ballot that fills a position puts its elected candidates in office, once."""
    actions.do_take_office(ballot, decision=decision)
