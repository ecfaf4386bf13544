"""The per-tree half of bench/vote_casting.py: sets up the ballots and counts the votes cast.

    PYTHONPATH=TREE DATABASE_URL=... python bench/vote_casting_setup.py set-up --electors N
    PYTHONPATH=TREE DATABASE_URL=... python bench/vote_casting_setup.py count --ballot PK ...

The harness runs this file, always the copy in the tree it lives in, once with each source tree's
code first on sys.path (PYTHONPATH and the current directory are that tree), so it must work with
whichever democracy API it finds there. Today's (main) opens a secret ballot as it is; the sealed
ballot box of issue #11 needs tellers who take their key before a secret ballot opens, which
`set_up_sealed_ballot` does. Each command prints one line,
`RESULT <json>`, for the harness.
"""

import argparse
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"
CANDIDATES = [
    "Amira Okafor", "Ben Hallam", "Ceri Jones", "Deepa Raman", "Eilidh Ross", "Femi Adebayo",
    "Gwen Price", "Hamza Iqbal", "Isla Murray", "Jonah Reid", "Kiran Shah", "Lowri Evans",
]  # fmt: skip
TELLERS = 3  # the browser flow: 3 tellers, 2 of whom are needed to open the box
TELLERS_NEEDED = 2


def has_sealed_ballots() -> bool:
    """Whether this tree's democracy app seals secret votes (issue #11): it then has tellers."""
    from groundwork.democracy import models

    return hasattr(models, "Teller")


def set_up_sealed_ballot(ballot, *, organiser, tellers: list) -> None:
    """Open `ballot` (a secret draft) with the sealed box: the group's tellers (appointed once, as
    an organiser would, each taking their key as on their own page) hold its key's shares. The
    keys are not kept: the bench never closes the ballot."""
    from groundwork.democracy import actions
    from groundwork.democracy.models import TellingPanel

    group = ballot.group
    if not TellingPanel.objects.filter(group=group).exists():
        actions.check_appoint_tellers(
            group, tellers=tellers, needed=TELLERS_NEEDED, acting_user=organiser
        )
        for teller in tellers:
            actions.check_take_teller_key(group, acting_user=teller)
    actions.check_open_ballot(ballot, acting_user=organiser)


def ballot_spec(method: str, options: int):
    """A secret ballot of the group, closing in a week; `options` candidates if ranked."""
    from django.utils import timezone

    from groundwork.democracy import actions
    from groundwork.democracy.models import Ballot

    ranked = method != Ballot.Method.MAJORITY
    return actions.BallotSpec(
        title=f"Bench: {'officers of the group' if ranked else 'occupy the town hall steps?'}",
        closes_at=timezone.now() + timedelta(days=7),
        method=method,
        options=CANDIDATES[:options] if ranked else [],
        seats=3 if ranked else 1,
        secret=True,
    )


def sign_up(email: str, name: str):
    """An account as sign-up leaves it: verified address, profile, consents; no password."""
    from allauth.account.models import EmailAddress

    from groundwork.members.actions import do_sign_up_member
    from groundwork.members.models import User

    user = User.objects.create_user(email, None)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    do_sign_up_member(user, display_name=name, acting_user=user)
    return user


def signed_in_cookie(user) -> str:
    """The session cookie of `user` signed in, written directly (no password round trip)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = SESSION_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def set_up(electors: int, options: int) -> dict:
    """A group of `electors` members (plus an organiser and the tellers), and two open secret
    ballots of it: STV over `options` candidates and yes / no. Returns their ids and a signed-in
    session cookie per elector, in order."""
    from django.db import transaction

    from groundwork.democracy import actions
    from groundwork.democracy.models import Ballot
    from groundwork.groups import actions as group_actions
    from groundwork.groups.models import Group

    sealed = has_sealed_ballots()
    with transaction.atomic():
        organiser = sign_up("bench.organiser@example.net", "Bench Organiser")
        group = Group.objects.create(
            name="Bench voting group", slug="bench-voting-group", area_name="Southwark",
            ons_code="E09000028", join_policy=Group.JoinPolicy.OPEN,
        )  # fmt: skip
        group_actions.do_appoint_organiser(group, organiser, acting_user=None)
        members = []
        for number in range(electors + TELLERS):
            member = sign_up(f"bench.elector{number}@example.net", f"Elector {number}")
            group_actions.check_join_group(group, acting_user=member)
            members.append(member)
        voters, tellers = members[:electors], members[electors:]
        ballots = {}
        for kind, method in (
            ("stv", Ballot.Method.STV_SCOTTISH),
            ("yesno", Ballot.Method.MAJORITY),
        ):
            ballot = actions.do_create_ballot(
                group=group, spec=ballot_spec(method, options), acting_user=organiser
            )
            if sealed:
                set_up_sealed_ballot(ballot, organiser=organiser, tellers=tellers)
            else:
                actions.check_open_ballot(ballot, acting_user=organiser)
            ballots[kind] = ballot.pk
        cookies = [signed_in_cookie(voter) for voter in voters]
    return {"sealed": sealed, "ballots": ballots, "options": options, "cookies": cookies}


def count(ballot_ids: list[int]) -> dict:
    """For each ballot: the votes it counted and the electors marked as having voted."""
    from groundwork.democracy.models import Ballot, Elector

    found = {}
    for pk in ballot_ids:
        ballot = Ballot.objects.get(pk=pk)
        voted = Elector.objects.filter(ballot=ballot, voted_on__isnull=False).count()
        found[str(pk)] = {"votes_cast": ballot.votes_cast, "electors_voted": voted}
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("set-up")
    making.add_argument("--electors", type=int, required=True)
    making.add_argument("--options", type=int, default=12)
    counting = commands.add_parser("count")
    counting.add_argument("--ballot", type=int, action="append", required=True)
    options = parser.parse_args()
    if options.command == "set-up" and not 2 <= options.options <= len(CANDIDATES):
        parser.error(f"--options must be 2-{len(CANDIDATES)}")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import groundwork

    answer: dict = {"code": str(Path(groundwork.__file__).resolve().parent.parent)}
    if options.command == "set-up":
        answer |= set_up(options.electors, options.options)
    else:
        answer |= {"ballots": count(options.ballot)}
    print("RESULT " + json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
