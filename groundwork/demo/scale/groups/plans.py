"""Planning the dataset in memory: groups in real areas, members, and who is in which group."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils.text import slugify

from groundwork.demo.scale.groups.tables import (
    AUTHORITIES_TABLE,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    JOIN_POLICIES,
    LAST_NAMES,
    LOCAL_THEMES,
    REGIONS,
    WORKING_TOPICS,
)
from groundwork.groups.models import Group
from groundwork.members.models import User

DAY = timedelta(days=1)

GROUPS_PER_MEMBER_WEIGHTS = [0.6, 0.28, 0.12]  # in 1, 2 or 3 groups
ORGANISERS_PER_GROUP_WEIGHTS = [0.35, 0.35, 0.2, 0.1]  # 1 to 4 organisers


@dataclass(frozen=True)
class Authority:
    ons_code: str
    name: str
    region: str
    latitude: float
    longitude: float
    districts: tuple[str, ...]


# Real local authorities: ONS code | name | region | a central point | some of its postcode districts.
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
    pk: int = 0  # the database's key, once written


@dataclass
class MemberPlan:
    email: str
    display_name: str
    joined: datetime
    groups: list[int] = field(default_factory=list)
    pk: int = 0  # the database's key, once written


class Planner:
    """Plans drawn from `rng` in a fixed order, so the same seed plans the same movement; names
    and emails already in the database are left free (for --force)."""

    def __init__(self, rng: random.Random, now: datetime):
        self.random, self.now = rng, now
        self.taken_emails, self.taken_names, self.taken_slugs = self._taken()

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

    def plan_groups(self, count: int) -> list[GroupPlan]:
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

    def plan_members(self, count: int) -> list[MemberPlan]:
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

    def plan_memberships(self, groups: list[GroupPlan], members: list[MemberPlan]) -> None:
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
                drawn = next(draws, None)
                if drawn is None:
                    drawn = pick.randrange(len(groups))
                if drawn not in member.groups:
                    member.groups.append(drawn)
        for person, member in enumerate(members):
            for index in member.groups:
                groups[index].members.append(person)
