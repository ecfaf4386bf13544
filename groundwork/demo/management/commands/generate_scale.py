"""Make a national-scale movement for benchmarks: members, groups across real UK areas, and more.

    manage.py generate_scale --members 250000 --groups 2000

The groups app's rows come first (members, groups, memberships, join requests, their audit log),
then each app's own in turn: action plans, ballots and votes, proposals and their discussions,
petition signatures, events, the shared library.

Every row is made up (emails at example.org/.net/.com, RFC 2606), so the command refuses a database
that already holds people unless --force says it is a throwaway one. Everything is written with
bulk_create in one transaction, so a failed run leaves nothing behind; every member shares one
password hash, computed once (hashing 250,000 passwords would take hours on purpose).
"""

import random
import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from groundwork.aims.hooks import rollup_changed
from groundwork.demo.scale.aims import add_scale_plans
from groundwork.demo.scale.campaigns import add_scale_signatures
from groundwork.demo.scale.democracy import add_scale_ballots
from groundwork.demo.scale.events import add_scale_events
from groundwork.demo.scale.groups import (
    GroupPlan,
    MemberPlan,
    Planner,
    Writer,
    stamped_fields,
    timestamps_as_given,
    vacuum_and_analyse,
)
from groundwork.demo.scale.proposals import add_scale_proposals
from groundwork.demo.scale.resources import add_scale_resources
from groundwork.groups.hooks import every_group_page_changed
from groundwork.groups.models import Group
from groundwork.groups.queries import GROUP_DIRECTORY, GROUPS_MAP
from groundwork.members.hooks import landing_changed
from groundwork.members.models import User


class Progress:
    """A plain-text progress bar, redrawn in place on a terminal and printed once otherwise."""

    def __init__(self, stdout, label: str, total: int):
        self.stdout, self.label, self.total, self.done = stdout, label, max(total, 1), 0
        self.started = time.monotonic()
        self.live = stdout.isatty()
        self._drawn_percent = -1

    def advance(self, count: int) -> None:
        self.done += count
        percent = self.done * 100 // self.total
        if self.live and percent != self._drawn_percent:
            self._drawn_percent = percent
            self.stdout.write("\r" + self._line(), ending="")
            self.stdout.flush()

    def finish(self) -> None:
        self.stdout.write(("\r" if self.live else "") + self._line())

    def _line(self) -> str:
        filled = self.done * 30 // self.total
        return (
            f"  {self.label:<18} [{'#' * filled}{'.' * (30 - filled)}] "
            f"{self.done:>9,}/{self.total:,}  {time.monotonic() - self.started:6.1f} s"
        )


class Command(BaseCommand):
    help = (
        "Generate a national-scale movement (members, groups across real UK local authorities, "
        "memberships, profiles, consents, join requests, audit log) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=250_000)
        parser.add_argument("--groups", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=2026, help="The same seed, the same data.")
        parser.add_argument(
            "--password",
            default="groundwork-scale-2026",
            help="The password every generated member shares (hashed once).",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=50_000,
            help="Events, over the groups, a year either side of today.",
        )
        parser.add_argument(
            "--signatures",
            type=int,
            default=500_000,
            help="Verified petition signatures, over a petition in each of the first 20 groups.",
        )
        parser.add_argument(
            "--ballots",
            type=int,
            default=10_000,
            help="Ballots, half of them closed and counted.",
        )
        parser.add_argument(
            "--votes",
            type=int,
            default=2_000_000,
            help="Votes, about, spread over those ballots.",
        )
        parser.add_argument(
            "--proposals",
            type=int,
            default=20_000,
            help="Proposals, over the groups (by size) and the alliance.",
        )
        parser.add_argument(
            "--comments",
            type=int,
            default=100_000,
            help="Comments, about, on those proposals; some discussions run to 120 comments.",
        )
        parser.add_argument(
            "--resources",
            type=int,
            default=20_000,
            help="Resources in the shared library, over the groups and the alliance.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already has members or groups (throwaway databases only).",
        )

    def handle(self, *args, **options):
        members, groups, seed = options["members"], options["groups"], options["seed"]
        if members < 4 or groups < 3:
            raise CommandError("Ask for at least 4 members and 3 groups.")
        self._refuse_real_data(options["force"])
        started = time.monotonic()
        # One random source, drawn from by the plans then the writes: same seed, same data.
        rng, now = random.Random(seed), timezone.now()
        self.bars: dict[str, Progress] = {}
        self.stdout.write(f"Planning {members:,} members and {groups:,} groups (seed {seed})…")
        planner = Planner(rng, now)
        group_plans = planner.plan_groups(groups)
        member_plans = planner.plan_members(members)
        planner.plan_memberships(group_plans, member_plans)
        password_hash = make_password(options["password"])
        self.stdout.write(f"  planned in {time.monotonic() - started:.1f} s")
        writer = Writer(rng, now, progress=self._progress)
        # One transaction for every app's rows, so a failure anywhere leaves nothing half-made.
        with transaction.atomic():
            self._write(writer, group_plans, member_plans, password_hash)
            self._write_other_apps([plan.pk for plan in group_plans], options)
            self.stdout.write("  committing (the database checks every foreign key now)…")
        self.stdout.write(
            f"  committed at {time.monotonic() - started:.0f} s; vacuuming, analysing…"
        )
        vacuum_and_analyse()
        # Written in bulk, not by the actions that keep the cached map, the group pages and
        # the roll-up current.
        GROUPS_MAP.invalidate()
        landing_changed()
        GROUP_DIRECTORY.invalidate()
        every_group_page_changed()
        rollup_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {members:,} members and {groups:,} groups in "
                f"{time.monotonic() - started:.0f} s. Every member's password: "
                f"{options['password']}"
            )
        )

    def _write(
        self,
        writer: Writer,
        group_plans: list[GroupPlan],
        member_plans: list[MemberPlan],
        password_hash: str,
    ) -> None:
        """The groups app's own rows, in the order their foreign keys need."""
        with timestamps_as_given(*stamped_fields()):
            writer.write_members(member_plans, password_hash)
            coordinators = writer.write_coordinators(member_plans)
            writer.write_groups(group_plans, actor=coordinators[0])
            writer.write_memberships(group_plans, member_plans, actor=coordinators[0])
            writer.write_join_requests(group_plans, member_plans)

    def _write_other_apps(self, group_ids: list[int], options: dict) -> None:
        """Each other app's rows over the groups, each from its own random source of the seed."""
        seed, progress = options["seed"], self._progress
        add_scale_plans(group_ids=group_ids, seed=seed, progress=progress)
        add_scale_ballots(
            group_ids=group_ids,
            ballots=options["ballots"],
            votes=options["votes"],
            seed=seed,
            progress=progress,
        )
        add_scale_proposals(
            group_ids=group_ids,
            proposals=options["proposals"],
            comments=options["comments"],
            seed=seed,
            progress=progress,
        )
        add_scale_signatures(
            group_ids=group_ids, signatures=options["signatures"], seed=seed, progress=progress
        )
        add_scale_events(
            group_ids=group_ids, events=options["events"], seed=seed, progress=progress
        )
        add_scale_resources(
            group_ids=group_ids, resources=options["resources"], seed=seed, progress=progress
        )

    def _progress(self, label: str, done: int, total: int) -> None:
        """The progress bar of each step, the groups' writer's and each other app's."""
        bar = self.bars.get(label) or self.bars.setdefault(
            label, Progress(self.stdout, label, total)
        )
        bar.advance(done - bar.done)
        if done >= total:
            bar.finish()

    def _refuse_real_data(self, force: bool) -> None:
        people, groups = User.objects.count(), Group.objects.count()
        if (people or groups) and not force:
            raise CommandError(
                f"This database already has {people:,} members and {groups:,} groups. "
                "generate_scale writes made-up people: mixed into a real movement's records they "
                "could not be told apart from real members, and their memberships would count in "
                "member counts and ballots. Use an empty database, or --force if this one is a "
                "throwaway benchmark database."
            )
