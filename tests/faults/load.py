"""Writes going on while a backup is taken: one person at a time signs up, says they are going to
an event, signs a petition, and a member of the group votes in its secret ballot, each step
through the real actions and committed as one transaction.

The writer remembers, for every step, when its transaction began and when its commit returned
(time.monotonic()), so a drill can tell which steps a snapshot must hold and which it must not.
Used by tests/faults/test_backup_drill.py and bench/backup_drill.py; bounded in steps and time.
"""

import threading
import time
from dataclasses import dataclass, field

from django.db import connection, transaction

from groundwork.campaigns.actions import check_sign_petition
from groundwork.campaigns.models import Petition, Signature
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.democracy.models import Ballot, Elector
from groundwork.democracy.tests.factories import open_ballot, vote_for
from groundwork.events.actions import check_rsvp
from groundwork.events.models import Event, Rsvp
from groundwork.events.tests.factories import plan_event
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join, make_organiser
from groundwork.members.actions import do_sign_up_member
from groundwork.members.models import User


@dataclass
class Stage:
    """What the writer writes to: a group's event, petition and open secret ballot."""

    event: Event
    petition: Petition
    ballot: Ballot


def set_the_stage(electors: int, *, slug: str = "backup-drill") -> Stage:
    """A group with an organiser and `electors` members, an event, a petition and a ballot."""
    group = Group.objects.filter(slug=slug).first() or GroupFactory(name=f"Drill {slug}", slug=slug)
    # Unusable passwords: hashing one takes a good part of a second in production settings.
    organiser = UserFactory(email=f"{slug}-organiser@example.net", password=None)
    make_organiser(group, organiser)
    for number in range(electors):
        join(group, UserFactory(email=f"{slug}-{number}@example.net", password=None))
    return Stage(
        event=plan_event(group, organiser),
        petition=open_petition(start_campaign(group)),
        ballot=open_ballot(group, organiser),
    )


@dataclass
class Step:
    email: str
    voter_id: int | None
    began: float
    committed: float


@dataclass
class Writer:
    """A thread writing steps until stopped, `max_steps` are done or `max_seconds` pass."""

    stage: Stage
    max_steps: int = 2000
    max_seconds: float = 120.0
    pause: float = 0.0
    steps: list[Step] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backup-drill-writer", daemon=True)
        self._voters = list(
            Elector.objects.filter(ballot=self.stage.ballot, voted_on=None)
            .order_by("pk")
            .values_list("user_id", flat=True)
        )

    def start(self) -> "Writer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def wait_for(self, count: int, *, after: float = 0.0, timeout: float = 60.0) -> None:
        """Block until `count` steps have begun after `after` and committed."""
        deadline = time.monotonic() + timeout
        while sum(1 for step in list(self.steps) if step.began > after) < count:
            if self.errors:
                raise AssertionError("the writer failed") from self.errors[0]
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise AssertionError(f"the writer wrote {len(self.steps)} steps, too few")
            time.sleep(0.01)

    def _run(self) -> None:
        ends = time.monotonic() + self.max_seconds
        try:
            for number in range(self.max_steps):
                if self._stop.is_set() or time.monotonic() > ends:
                    break
                self._step(number)
                if self.pause:
                    time.sleep(self.pause)
        except BaseException as error:  # noqa: BLE001 -- reported to the test, not lost
            self.errors.append(error)
        finally:
            connection.close()

    def _step(self, number: int) -> None:
        email = f"drill-{time.time_ns()}-{number}@example.net"
        voter_id = self._voters[number] if number < len(self._voters) else None
        began = time.monotonic()
        with transaction.atomic():
            person = User.objects.create_user(email=email, password=None)
            do_sign_up_member(person, display_name=f"Drill {number}", acting_user=person)
            check_rsvp(self.stage.event, acting_user=person)
            check_sign_petition(
                self.stage.petition, name=f"Drill {number}", email=email,
                postcode_district="SE15", client_key=None,
            )  # fmt: skip
            if voter_id is not None:
                vote_for(self.stage.ballot, User.objects.get(pk=voter_id), choice="yes")
        self.steps.append(Step(email, voter_id, began, time.monotonic()))


def what_a_database_holds(cursor, steps: list[Step], stage: Stage) -> dict[str, set[str]]:
    """Which of the steps' emails have a user, an RSVP, a signature and (for voters) a vote in
    the database behind `cursor` (a psycopg cursor, e.g. on the restored scratch database)."""
    emails = [step.email for step in steps]
    found: dict[str, set[str]] = {}
    queries = {
        "user": f"SELECT email FROM {User._meta.db_table} WHERE email = ANY(%s)",
        "rsvp": (
            f"SELECT u.email FROM {Rsvp._meta.db_table} r JOIN {User._meta.db_table} u"
            " ON u.id = r.user_id WHERE r.event_id = %s AND u.email = ANY(%s)"
        ),
        "signature": (
            f"SELECT email FROM {Signature._meta.db_table} WHERE petition_id = %s"
            " AND email = ANY(%s)"
        ),
    }
    found["user"] = {row[0] for row in cursor.execute(queries["user"], [emails])}
    found["rsvp"] = {row[0] for row in cursor.execute(queries["rsvp"], [stage.event.pk, emails])}
    found["signature"] = {
        row[0] for row in cursor.execute(queries["signature"], [stage.petition.pk, emails])
    }
    by_voter = {step.voter_id: step.email for step in steps if step.voter_id is not None}
    voted = cursor.execute(
        f"SELECT user_id FROM {Elector._meta.db_table} WHERE ballot_id = %s"
        " AND voted_on IS NOT NULL AND user_id = ANY(%s)",
        [stage.ballot.pk, list(by_voter)],
    )
    found["vote"] = {by_voter[row[0]] for row in voted}
    return found
