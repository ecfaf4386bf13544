"""Writing the planned dataset: bulk_create in batches, with the audit entries the actions would make."""

import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection, models

from groundwork.core.models import AuditEntry
from groundwork.core.text import fit_to_field
from groundwork.demo.scale.groups.plans import AUTHORITIES, DAY, GroupPlan, MemberPlan
from groundwork.demo.scale.groups.tables import PRONOUNS, REGIONS, SKILLS
from groundwork.groups.models import (
    Coordinator,
    Group,
    JoinRequest,
    Membership,
    PostcodeDistrict,
)
from groundwork.members.models import ConsentRecord, Profile, User

CHUNK = 5000
JOINS_AUDITED_PER_GROUP = 20  # the latest joins of each group also appear in its audit log


def stamped_fields() -> list[models.DateTimeField]:
    """The auto_now_add fields the writer fills with historical times of its own."""
    return [
        Group._meta.get_field("created_at"),
        Profile._meta.get_field("created_at"),
        Membership._meta.get_field("joined_at"),
        JoinRequest._meta.get_field("created_at"),
        AuditEntry._meta.get_field("acted_at"),
        Coordinator._meta.get_field("appointed_at"),
    ]


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


def vacuum_and_analyse() -> None:
    """Fresh planner statistics and, on PostgreSQL, a vacuum, so the first benchmark runs on the
    steady state autovacuum would reach: no dead rows left by the generation's updates (or by
    an interrupted run) for the planner to step over, and index-only scans possible."""
    # VACUUM cannot run inside a transaction, as when a test calls the command.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


class Writer:
    """Writes the plans, drawing what is left to chance from the planner's `rng` (the same seed,
    the same rows) and telling `progress(label, done, total)` after every batch."""

    def __init__(
        self, rng: random.Random, now: datetime, progress: Callable[[str, int, int], None]
    ):
        self.random, self.now, self.progress = rng, now, progress

    def _bulk(self, label: str, model: type[models.Model], rows: Iterable, total: int) -> Iterator:
        """bulk_create `rows` in batches, reporting progress, yielding each saved batch."""
        done = 0
        self.progress(label, done, total)
        for batch in chunks(rows):
            yield model._default_manager.bulk_create(batch)
            done += len(batch)
            self.progress(label, done, total)

    def _save(self, label: str, model: type[models.Model], rows: Iterable, total: int) -> None:
        for _ in self._bulk(label, model, rows, total):
            pass

    def write_members(self, members: list[MemberPlan], password_hash: str) -> None:
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

    def write_coordinators(self, members: list[MemberPlan]) -> list[int]:
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

    def write_groups(self, groups: list[GroupPlan], *, actor: int) -> None:
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

    def write_memberships(
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
            Membership(
                group_id=g.pk, user_id=m.pk, role=role, joined_at=at, member_name=m.display_name
            )
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
            target_label=fit_to_field(
                AuditEntry,
                "target_label",
                f"{member.display_name} in {group.name} ({membership.role})",
            ),
            group_id=group.pk,
            new={"role": membership.role},
        )

    def write_join_requests(self, groups: list[GroupPlan], members: list[MemberPlan]) -> None:
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
                target_label=fit_to_field(
                    AuditEntry, "target_label", f"{member.display_name} asks to join {group.name}"
                ),
                group_id=group.pk,
            )
            for (group, member, at), request in zip(planned, requests, strict=True)
        )  # fmt: skip
        self._save("audit: requests", AuditEntry, audit, len(requests))
