"""Make a national-scale movement for benchmarks: members, groups across real UK areas, and more.

    manage.py generate_scale --members 250000 --groups 2000

Every row is made up (emails at example.org/.net/.com, RFC 2606), so the command refuses a database
that already holds people unless --force says it is a throwaway one. Everything is written with
bulk_create in one transaction, so a failed run leaves nothing behind; every member shares one
password hash, computed once (hashing 250,000 passwords would take hours on purpose).
"""

import random
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from groundwork.core.models import AuditEntry
from groundwork.groups.hooks import scale_generated
from groundwork.groups.models import (
    Coordinator,
    Group,
    JoinRequest,
    Membership,
    PostcodeDistrict,
)
from groundwork.groups.scale_data import (
    AUTHORITIES_TABLE,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    JOIN_POLICIES,
    LAST_NAMES,
    LOCAL_THEMES,
    PRONOUNS,
    REGIONS,
    SKILLS,
    WORKING_TOPICS,
)
from groundwork.members.models import ConsentRecord, Profile, User

CHUNK = 5000
DAY = timedelta(days=1)

# Real local authorities: ONS code | name | region | a central point | some of its postcode districts.
GROUPS_PER_MEMBER_WEIGHTS = [0.6, 0.28, 0.12]  # in 1, 2 or 3 groups
ORGANISERS_PER_GROUP_WEIGHTS = [0.35, 0.35, 0.2, 0.1]  # 1 to 4 organisers
JOINS_AUDITED_PER_GROUP = 20  # the latest joins of each group also appear in its audit log


@dataclass(frozen=True)
class Authority:
    ons_code: str
    name: str
    region: str
    latitude: float
    longitude: float
    districts: tuple[str, ...]


AUTHORITIES = [
    Authority(code, name, region, float(lat), float(lon), tuple(districts.split()))
    for code, name, region, lat, lon, districts in (
        line.split("|") for line in AUTHORITIES_TABLE.strip().splitlines()
    )
]


@dataclass
class GroupPlan:
    name: str
    slug: str
    kind: str
    join_policy: str
    description: str
    created_at: datetime
    weight: float
    region: str = ""
    authority: Authority | None = None
    districts: tuple[str, ...] = ()
    point: tuple[Decimal, Decimal] | None = None
    members: list[int] = field(default_factory=list)
    organisers: list[int] = field(default_factory=list)
    pk: int | None = None


@dataclass
class MemberPlan:
    email: str
    display_name: str
    joined: datetime
    groups: list[int] = field(default_factory=list)
    pk: int | None = None


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


@contextmanager
def timestamps_as_given(*fields: models.DateTimeField) -> Iterator[None]:
    """Let bulk_create keep the historical times we set instead of stamping every row with now."""
    saved = [field.auto_now_add for field in fields]
    try:
        for each in fields:
            each.auto_now_add = False
        yield
    finally:
        for each, value in zip(fields, saved, strict=True):
            each.auto_now_add = value


def chunks(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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
            help="Events for the events app to add through the scale_generated hook.",
        )
        parser.add_argument(
            "--signatures",
            type=int,
            default=500_000,
            help="Petition signatures for the campaigns app to add through the same hook.",
        )
        parser.add_argument(
            "--ballots",
            type=int,
            default=10_000,
            help="Ballots for the democracy app to add through the same hook (half closed).",
        )
        parser.add_argument(
            "--votes",
            type=int,
            default=2_000_000,
            help="Votes, about, spread over those ballots.",
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
        self.random = random.Random(seed)
        self.now = timezone.now()
        self.bars: dict[str, Progress] = {}
        self.stdout.write(f"Planning {members:,} members and {groups:,} groups (seed {seed})…")
        self.taken_emails, self.taken_names, self.taken_slugs = self._taken()
        group_plans = self._plan_groups(groups)
        member_plans = self._plan_members(members)
        self._plan_memberships(group_plans, member_plans)
        password_hash = make_password(options["password"])
        self.stdout.write(f"  planned in {time.monotonic() - started:.1f} s")
        stamped = [
            Group._meta.get_field("created_at"),
            Profile._meta.get_field("created_at"),
            Membership._meta.get_field("joined_at"),
            JoinRequest._meta.get_field("created_at"),
            AuditEntry._meta.get_field("acted_at"),
            Coordinator._meta.get_field("appointed_at"),
        ]
        with transaction.atomic():
            with timestamps_as_given(*stamped):
                self._write_members(member_plans, password_hash)
                coordinators = self._write_coordinators(member_plans)
                self._write_groups(group_plans, actor=coordinators[0])
                self._write_memberships(group_plans, member_plans, actor=coordinators[0])
                self._write_join_requests(group_plans, member_plans)
            # Apps further right add their own rows (events, signatures, …) in the same
            # transaction, so a failure anywhere leaves nothing half-made.
            scale_generated.send(
                sender=self.__class__,
                group_ids=[plan.pk for plan in group_plans],
                user_ids=[plan.pk for plan in member_plans],
                options=options,
                progress=self._progress,
            )
            self.stdout.write("  committing (the database checks every foreign key now)…")
        self.stdout.write(f"  committed at {time.monotonic() - started:.0f} s; vacuuming, analysing…")
        self._analyze()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {members:,} members and {groups:,} groups in "
                f"{time.monotonic() - started:.0f} s. Every member's password: "
                f"{options['password']}"
            )
        )

    def _progress(self, label: str, done: int, total: int) -> None:
        """The progress bar that apps further right draw through the scale_generated hook."""
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

    def _taken(self) -> tuple[set[str], set[str], set[str]]:
        """Emails, group names and slugs already in use, so --force never collides with them."""
        emails = {email.lower() for email in User.objects.values_list("email", flat=True)}
        emails |= {e.lower() for e in EmailAddress.objects.values_list("email", flat=True)}
        names = {name.lower() for name in Group.objects.values_list("name", flat=True)}
        return emails, names, set(Group.objects.values_list("slug", flat=True))

    def _unique_group_name(self, name: str) -> tuple[str, str]:
        candidate, number = name, 2
        while candidate.lower() in self.taken_names or slugify(candidate) in self.taken_slugs:
            candidate, number = f"{name} {number}", number + 1
        self.taken_names.add(candidate.lower())
        self.taken_slugs.add(slugify(candidate))
        return candidate, slugify(candidate)

    def _some_time_ago(self, most_days: int, least_days: int = 0) -> datetime:
        return self.now - DAY * self.random.uniform(least_days, most_days)

    def _plan_groups(self, count: int) -> list[GroupPlan]:
        """Regions, regional working groups and local groups in real authorities, sizes skewed."""
        pick = self.random
        region_count = min(len(REGIONS), max(1, count // 100))
        working_count = max(1, count // 20)
        local_count = count - region_count - working_count
        regions = list(REGIONS)[:region_count]
        plans = []
        for region in regions:
            name, slug = self._unique_group_name(f"{region} Region")
            plans.append(
                GroupPlan(
                    name, slug, Group.Kind.REGION, Group.JoinPolicy.INVITATION,
                    f"Delegates of the {region} groups coordinating across the region.",
                    self._some_time_ago(1500, 1300), weight=0.3, region=region,
                )
            )  # fmt: skip
        for index in range(working_count):
            region = regions[index % len(regions)]
            topic = WORKING_TOPICS[(index // len(regions)) % len(WORKING_TOPICS)]
            name, slug = self._unique_group_name(f"{region} {topic} Working Group")
            plans.append(
                GroupPlan(
                    name, slug, Group.Kind.WORKING, Group.JoinPolicy.APPROVAL,
                    f"{topic}: sharing what works between the groups of {region}.",
                    self._some_time_ago(1300, 400), weight=pick.lognormvariate(-0.5, 0.8),
                    region=region,
                )
            )  # fmt: skip
        plans += self._plan_local_groups(local_count, set(regions))
        return plans

    def _plan_local_groups(self, count: int, regions: set[str]) -> list[GroupPlan]:
        pick = self.random
        themes_of = {
            authority: pick.sample(LOCAL_THEMES, len(LOCAL_THEMES)) for authority in AUTHORITIES
        }
        authorities = pick.sample(AUTHORITIES, len(AUTHORITIES))
        plans = []
        for index in range(count):
            authority = authorities[index % len(authorities)]
            theme, description = themes_of[authority][
                (index // len(authorities)) % len(LOCAL_THEMES)
            ]
            place = authority.name.split(",")[0]  # "Bristol, City of" is Bristol to its people
            name, slug = self._unique_group_name(f"{place} {theme}")
            covered = min(pick.randint(1, 3), len(authority.districts))
            districts = tuple(sorted(pick.sample(authority.districts, covered)))
            point = (
                Decimal(f"{authority.latitude + pick.uniform(-0.03, 0.03):.5f}"),
                Decimal(f"{authority.longitude + pick.uniform(-0.03, 0.03):.5f}"),
            )
            plans.append(
                GroupPlan(
                    name, slug, Group.Kind.LOCAL, pick.choice(JOIN_POLICIES),
                    f"{description} Meets in {place}; everyone welcome to find out more.",
                    self._some_time_ago(1400, 30), weight=pick.lognormvariate(0, 1.2),
                    region=authority.region if authority.region in regions else "",
                    authority=authority, districts=districts, point=point,
                )
            )  # fmt: skip
        return plans

    def _plan_members(self, count: int) -> list[MemberPlan]:
        pick = self.random
        plans = []
        number = 0
        for _ in range(count):
            first, last = pick.choice(FIRST_NAMES), pick.choice(LAST_NAMES)
            while True:
                number += 1
                email = f"{first}.{last}.{number}@{pick.choice(EMAIL_DOMAINS)}".lower()
                email = email.replace("'", "")
                if email not in self.taken_emails:
                    break
            plans.append(MemberPlan(email, f"{first} {last}", self._some_time_ago(1460)))
        return plans

    def _plan_memberships(self, groups: list[GroupPlan], members: list[MemberPlan]) -> None:
        """A few organisers per group first, then each member into 1 to 3 groups, big ones likelier."""
        pick = self.random
        for index, group in enumerate(groups):
            wanted = min(pick.choices([1, 2, 3, 4], ORGANISERS_PER_GROUP_WEIGHTS)[0], len(members))
            for attempt in range(1000):
                if len(group.organisers) >= wanted:
                    break
                person = pick.randrange(len(members))
                # Nobody is in more than three groups, unless the run is too small to avoid it.
                room = len(members[person].groups) < 3 or attempt > 100
                if room and index not in members[person].groups:
                    members[person].groups.append(index)
                    group.organisers.append(person)
        weights = [group.weight for group in groups]
        draws = iter(pick.choices(range(len(groups)), weights=weights, k=len(members) * 4))
        for member in members:
            wanted = pick.choices([1, 2, 3], GROUPS_PER_MEMBER_WEIGHTS)[0]
            for _ in range(8):
                if len(member.groups) >= wanted:
                    break
                index = next(draws, None)
                if index is None:
                    index = pick.randrange(len(groups))
                if index not in member.groups:
                    member.groups.append(index)
        for person, member in enumerate(members):
            for index in member.groups:
                groups[index].members.append(person)

    def _bulk(self, label: str, model: type[models.Model], rows: Iterable, total: int) -> Iterator:
        """bulk_create `rows` in batches with a progress bar, yielding each saved batch."""
        progress = Progress(self.stdout, label, total)
        for batch in chunks(rows):
            yield model.objects.bulk_create(batch)
            progress.advance(len(batch))
        progress.finish()

    def _save(self, label: str, model: type[models.Model], rows: Iterable, total: int) -> None:
        for _ in self._bulk(label, model, rows, total):
            pass

    def _write_members(self, members: list[MemberPlan], password_hash: str) -> None:
        """Accounts with a verified primary email, a profile and the consents their settings imply."""
        users = (
            User(email=m.email, display_name=m.display_name, password=password_hash,
                 date_joined=m.joined)
            for m in members
        )  # fmt: skip
        done = 0
        for saved in self._bulk("members", User, users, len(members)):
            for offset, user in enumerate(saved):
                members[done + offset].pk = user.pk
            done += len(saved)
        addresses = (
            EmailAddress(user_id=m.pk, email=m.email, verified=True, primary=True) for m in members
        )
        self._save("email addresses", EmailAddress, addresses, len(members))
        settings_of = [self._profile_settings() for _ in members]
        profiles = (
            Profile(user_id=m.pk, created_at=m.joined, **values)
            for m, values in zip(members, settings_of, strict=True)
        )
        self._save("profiles", Profile, profiles, len(members))
        total = 2 * len(members) + sum(values["share_skills"] for values in settings_of)
        self._save("consent records", ConsentRecord, self._consents(members, settings_of), total)

    def _profile_settings(self) -> dict:
        pick = self.random
        has_skills = pick.random() < 0.4
        return {
            "pronouns": pick.choice(PRONOUNS),
            "postcode_district": pick.choice(pick.choice(AUTHORITIES).districts),
            "skills": "\n".join(pick.sample(SKILLS, pick.randint(1, 3))) if has_skills else "",
            "share_skills": has_skills and pick.random() < 0.6,
            "allow_organiser_contact": pick.random() < 0.85,
        }

    def _consents(self, members: list[MemberPlan], settings_of: list[dict]) -> Iterator:
        """Sign-up consents, as do_sign_up_member gives them, and the later changes of mind."""
        version = settings.GROUNDWORK_PRIVACY_POLICY_VERSION
        purposes = ConsentRecord.Purpose
        for member, values in zip(members, settings_of, strict=True):
            yield ConsentRecord(
                user_id=member.pk,
                purpose=purposes.PRIVACY_POLICY,
                policy_version=version,
                given_at=member.joined,
            )
            withdrawn = None if values["allow_organiser_contact"] else member.joined + DAY * 3
            yield ConsentRecord(
                user_id=member.pk,
                purpose=purposes.ORGANISER_CONTACT,
                policy_version=version,
                given_at=member.joined,
                withdrawn_at=withdrawn,
            )
            if values["share_skills"]:
                yield ConsentRecord(
                    user_id=member.pk,
                    purpose=purposes.SHARE_SKILLS,
                    policy_version=version,
                    given_at=member.joined + DAY,
                )

    def _write_coordinators(self, members: list[MemberPlan]) -> list[int]:
        """The first three members coordinate the alliance (and create its groups)."""
        chosen = [member.pk for member in members[:3]]
        Coordinator.objects.bulk_create(
            Coordinator(user_id=pk, appointed_at=self.now - DAY * 1500) for pk in chosen
        )
        User.objects.filter(pk__in=chosen).update(is_staff=True)
        AuditEntry.objects.bulk_create(
            AuditEntry(
                acted_at=self.now - DAY * 1500,
                verb="coordinator.appointed",
                target_type="groups.coordinator",
                target_id=str(pk),
                target_label=f"Coordinator {members[index].display_name}",
            )
            for index, pk in enumerate(chosen)
        )
        return chosen

    def _write_groups(self, groups: list[GroupPlan], *, actor: int) -> None:
        regions = [plan for plan in groups if plan.kind == Group.Kind.REGION]
        others = [plan for plan in groups if plan.kind != Group.Kind.REGION]
        region_pk: dict[str, int] = {}
        for batch in (regions, others):
            rows = (self._group(plan, region_pk) for plan in batch)
            done = 0
            label = "regions" if batch is regions else "groups"
            for saved in self._bulk(label, Group, rows, len(batch)):
                for plan, group in zip(batch[done:], saved, strict=False):
                    plan.pk = group.pk
                    if plan.kind == Group.Kind.REGION:
                        region_pk[plan.region] = group.pk
                done += len(saved)
        districts = [
            PostcodeDistrict(group_id=plan.pk, district=district)
            for plan in groups
            for district in plan.districts
        ]
        self._save("postcode districts", PostcodeDistrict, districts, len(districts))
        audit = (
            AuditEntry(
                acted_at=plan.created_at, actor_id=actor, verb="group.created",
                target_type="groups.group", target_id=str(plan.pk), target_label=plan.name,
                group_id=plan.pk, new={"name": plan.name, "districts": list(plan.districts)},
            )
            for plan in groups
        )  # fmt: skip
        self._save("audit: groups", AuditEntry, audit, len(groups))

    def _group(self, plan: GroupPlan, region_pk: dict[str, int]) -> Group:
        authority = plan.authority
        code = authority.ons_code if authority else REGIONS.get(plan.region, "")
        slug_email = f"{plan.slug[:40]}@example.org" if self.random.random() < 0.5 else ""
        return Group(
            name=plan.name,
            slug=plan.slug,
            kind=plan.kind,
            parent_id=region_pk.get(plan.region) if plan.kind != Group.Kind.REGION else None,
            description=plan.description,
            join_policy=plan.join_policy,
            area_name=authority.name if authority else plan.region,
            ons_code=code if plan.kind != Group.Kind.WORKING else "",
            latitude=plan.point[0] if plan.point else None,
            longitude=plan.point[1] if plan.point else None,
            contact_email=slug_email,
            member_count=len(plan.members),
            created_at=plan.created_at,
        )

    def _joined_at(self, group: GroupPlan, member: MemberPlan) -> datetime:
        since = max(group.created_at, member.joined)
        return since + (self.now - since) * self.random.random()

    def _write_memberships(
        self, groups: list[GroupPlan], members: list[MemberPlan], *, actor: int
    ) -> None:
        """Memberships with roles and join times; organisers and the latest joins are audited."""
        planned = []  # (group, member, role, joined at, audited?)
        for plan in groups:
            organisers = set(plan.organisers)
            joins = []
            for person in plan.members:
                role = Membership.Role.ORGANISER if person in organisers else Membership.Role.MEMBER
                joins.append((self._joined_at(plan, members[person]), person, role))
            joins.sort()
            first_audited = len(joins) - JOINS_AUDITED_PER_GROUP
            for position, (at, person, role) in enumerate(joins):
                audited = role == Membership.Role.ORGANISER or position >= first_audited
                planned.append((plan, members[person], role, at, audited))
        rows = (
            Membership(group_id=g.pk, user_id=m.pk, role=role, joined_at=at)
            for g, m, role, at, _ in planned
        )
        audit, done = [], 0
        for saved in self._bulk("memberships", Membership, rows, len(planned)):
            for (group, member, _role, at, audited), membership in zip(
                planned[done:], saved, strict=False
            ):
                if audited:
                    audit.append(self._membership_audit(group, member, membership, at, actor))
            done += len(saved)
        self._save("audit: memberships", AuditEntry, audit, len(audit))

    def _membership_audit(self, group, member, membership, at, actor) -> AuditEntry:
        appointed = membership.role == Membership.Role.ORGANISER
        return AuditEntry(
            acted_at=at,
            actor_id=actor if appointed else member.pk,
            verb="membership.appointed" if appointed else "membership.joined",
            target_type="groups.membership",
            target_id=str(membership.pk),
            target_label=f"{member.display_name} in {group.name} ({membership.role})"[:200],
            group_id=group.pk,
            new={"role": membership.role},
        )

    def _write_join_requests(self, groups: list[GroupPlan], members: list[MemberPlan]) -> None:
        """About one member in fifty waits for organisers of an approval group to answer."""
        pick = self.random
        approval = [index for index, plan in enumerate(groups) if plan.join_policy == "approval"]
        planned = []  # (group, member, asked at)
        for member in pick.sample(members, max(1, len(members) // 50) if approval else 0):
            index = pick.choice(approval)
            if index not in member.groups:
                planned.append((groups[index], member, self._joined_at(groups[index], member)))
        messages = ["", "", "I live nearby and want to help.", "Can I come along on Saturday?"]
        requests = [
            JoinRequest(
                group_id=group.pk, user_id=member.pk, message=pick.choice(messages), created_at=at
            )
            for group, member, at in planned
        ]
        self._save("join requests", JoinRequest, requests, len(requests))
        audit = (
            AuditEntry(
                acted_at=at, actor_id=member.pk, verb="join_request.made",
                target_type="groups.joinrequest", target_id=str(request.pk),
                target_label=f"{member.display_name} asks to join {group.name}"[:200],
                group_id=group.pk,
            )
            for (group, member, at), request in zip(planned, requests, strict=True)
        )  # fmt: skip
        self._save("audit: requests", AuditEntry, audit, len(requests))

    def _analyze(self) -> None:
        """Fresh planner statistics and, on PostgreSQL, a vacuum, so the first benchmark runs on the
        steady state autovacuum would reach: no dead rows left by the generation's updates (or by
        an interrupted run) for the planner to step over, and index-only scans possible."""
        # VACUUM cannot run inside a transaction, as when a test calls the command.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
