"""Every change to projects, their rotas, requests for help and partnerships."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.models import Group, Membership, PostcodeDistrict
from groundwork.members.models import User
from groundwork.notifications.actions import notify
from groundwork.projects.models import (
    COOPERATIVE_STEPS,
    AidRequest,
    FormationStep,
    Listing,
    Partner,
    Partnership,
    Project,
    ProjectCoordinator,
    Shift,
    ShiftSignup,
)
from groundwork.projects.queries import postcode_area
from groundwork.projects.rules import forget_coordinations

PROJECT_FIELDS = ["name", "kind", "focus", "summary", "description", "where"]


def _set_coordinators(project: Project, coordinators: list[User]) -> None:
    """Name `coordinators` (members of the group) as the project's coordinators."""
    wanted = {user.pk for user in coordinators}
    members = set(
        Membership.objects.filter(group_id=project.group_id, user_id__in=wanted).values_list(
            "user_id", flat=True
        )
    )
    ProjectCoordinator.objects.filter(project=project).exclude(user_id__in=members).delete()
    existing = set(
        ProjectCoordinator.objects.filter(project=project).values_list("user_id", flat=True)
    )
    ProjectCoordinator.objects.bulk_create(
        ProjectCoordinator(project=project, user_id=user_id) for user_id in members - existing
    )
    for user in coordinators:
        forget_coordinations(user)


def _snapshot(project: Project) -> dict:
    return {field: getattr(project, field) for field in PROJECT_FIELDS} | {
        "objectives": sorted(project.objectives.values_list("number", flat=True)),
        "coordinators": sorted(
            ProjectCoordinator.objects.filter(project=project).values_list("user_id", flat=True)
        ),
    }


def _check_name_free(group: Group, name: str, project: Project | None = None) -> None:
    others = Project.objects.filter(group=group, name__iexact=name)
    if project:
        others = others.exclude(pk=project.pk)
    if others.exists():
        raise ActionError(f"{group.name} already has a project called {name}.", field="name")


@transaction.atomic
def check_create_project(
    group: Group, *, values: dict, objectives, coordinators: list[User], acting_user: User
) -> Project:
    """Start a project of the group; a co-operative gets the checklist of formation steps."""
    _check_name_free(group, values["name"])
    project = Project.objects.create(group=group, **values)
    project.objectives.set(objectives)
    _set_coordinators(project, coordinators)
    if project.kind == Project.Kind.COOPERATIVE:
        FormationStep.objects.bulk_create(
            FormationStep(project=project, position=number, title=title)
            for number, title in enumerate(COOPERATIVE_STEPS, start=1)
        )
    record(
        actor=acting_user,
        verb="project.created",
        target=project,
        group_id=group.pk,
        new=_snapshot(project),
    )
    return project


@transaction.atomic
def check_update_project(
    project: Project, *, values: dict, objectives, coordinators: list[User], acting_user: User
) -> Project:
    """Change a project's details, objectives and coordinators; the audit keeps what changed."""
    _check_name_free(project.group, values["name"], project=project)
    old = _snapshot(project)
    for field, value in values.items():
        setattr(project, field, value)
    project.save()
    project.objectives.set(objectives)
    _set_coordinators(project, coordinators)
    if project.kind == Project.Kind.COOPERATIVE and not project.steps.exists():
        FormationStep.objects.bulk_create(
            FormationStep(project=project, position=number, title=title)
            for number, title in enumerate(COOPERATIVE_STEPS, start=1)
        )
    new = _snapshot(project)
    changed = [key for key in new if new[key] != old[key]]
    record(
        actor=acting_user,
        verb="project.updated",
        target=project,
        group_id=project.group_id,
        old={key: old[key] for key in changed},
        new={key: new[key] for key in changed},
    )
    return project


@transaction.atomic
def do_set_step_done(step: FormationStep, *, done: bool, acting_user: User) -> FormationStep:
    """Tick a co-operative's formation step as done, or untick it."""
    if (step.done_at is not None) == done:
        return step
    step.done_at = timezone.now() if done else None
    step.done_by = acting_user if done else None
    step.save(update_fields=["done_at", "done_by"])
    record(
        actor=acting_user,
        verb="formation_step.done" if done else "formation_step.undone",
        target=step,
        group_id=step.project.group_id,
        new={"step": step.title, "done": done},
    )
    return step


@transaction.atomic
def do_add_listing(
    project: Project,
    *,
    kind: str,
    title: str,
    description: str = "",
    postcode_district: str = "",
    acting_user: User,
) -> Listing:
    """Say what the project needs or offers; its area is its own district's, or its group's."""
    district = postcode_district or (
        PostcodeDistrict.objects.filter(group_id=project.group_id)
        .values_list("district", flat=True)
        .first()
        or ""
    )
    listing = Listing.objects.create(
        project=project,
        kind=kind,
        title=title,
        description=description,
        postcode_district=postcode_district,
        postcode_area=postcode_area(district),
        ons_code=project.group.ons_code,
    )
    record(
        actor=acting_user,
        verb=f"project.{kind}_added",
        target=listing,
        group_id=project.group_id,
        new={"title": title, "kind": kind},
    )
    return listing


@transaction.atomic
def do_close_listing(listing: Listing, *, acting_user: User) -> None:
    """Mark a need as met or an offer as no longer available."""
    if not listing.is_open:
        return
    listing.is_open = False
    listing.save(update_fields=["is_open", "updated_at"])
    record(
        actor=acting_user,
        verb=f"project.{listing.kind}_closed",
        target=listing,
        group_id=listing.project.group_id,
    )


def coordinator_ids(project: Project) -> list[int]:
    """Who runs the project: the group's organisers and its named coordinators."""
    organisers = Membership.objects.filter(
        group_id=project.group_id, role=Membership.Role.ORGANISER
    ).values_list("user_id", flat=True)
    named = ProjectCoordinator.objects.filter(
        project=project, user__memberships__group_id=project.group_id
    ).values_list("user_id", flat=True)
    return sorted(set(organisers) | set(named))


@transaction.atomic
def check_request_aid(project: Project, *, values: dict, acting_user: User | None) -> AidRequest:
    """Record a person's request for help and tell the coordinators (without the details)."""
    if not project.takes_requests:
        raise ActionError(f"{project.name} does not take requests for help.")
    request = AidRequest.objects.create(
        project=project,
        requested_by=acting_user if acting_user and acting_user.is_authenticated else None,
        **values,
    )
    # The audit entry names no one: what the person asked is for the coordinators' eyes only.
    record(actor=None, verb="aid_request.made", target=request, group_id=project.group_id)
    url = reverse("projects:aid_requests", kwargs={"pk": project.pk})
    transaction.on_commit(
        lambda: notify(
            coordinator_ids(project),
            key=f"aid-request-{request.pk}",
            text=f"Someone asked {project.name} for help.",
            url=url,
        )
    )
    return request


@transaction.atomic
def check_set_aid_request_status(
    request: AidRequest, *, status: str, acting_user: User
) -> AidRequest:
    if status not in AidRequest.Status.values:
        raise ActionError("Choose new, helped or closed.", field="status")
    if request.status == status:
        return request
    old = request.status
    request.status = status
    request.save(update_fields=["status", "updated_at"])
    record(
        actor=acting_user,
        verb="aid_request.status_changed",
        target=request,
        group_id=request.project.group_id,
        old={"status": old},
        new={"status": status},
    )
    return request


@transaction.atomic
def do_add_shift(
    project: Project,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    places: int,
    acting_user: User,
) -> Shift:
    """Add a shift to the rota; its volunteers are reminded the day before."""
    from groundwork.projects.tasks import schedule_shift_reminder

    shift = Shift.objects.create(
        project=project, title=title, starts_at=starts_at, ends_at=ends_at, places=places
    )
    record(
        actor=acting_user,
        verb="shift.added",
        target=shift,
        group_id=project.group_id,
        new={"title": title, "starts_at": starts_at.isoformat(), "places": places},
    )
    transaction.on_commit(lambda: schedule_shift_reminder(shift))
    return shift


def _shift_values(shift: Shift) -> dict:
    return {
        "title": shift.title,
        "starts_at": shift.starts_at.isoformat(),
        "ends_at": shift.ends_at.isoformat(),
        "places": shift.places,
    }


def _to_the_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%A %-d %B at %H:%M}"


@transaction.atomic
def check_edit_shift(
    shift: Shift,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    places: int,
    acting_user: User,
) -> Shift:
    """Change a shift's title, time and places; places never drop below the volunteers already
    signed up. If the time changes, they are told, and reminded for the new time."""
    from groundwork.projects.tasks import schedule_shift_reminder

    # The lock makes a sign-up wait, so the count checked here is the count kept.
    shift = Shift.objects.select_for_update().select_related("project").get(pk=shift.pk)
    if places < shift.signup_count:
        raise ActionError(
            f"{shift.signup_count} volunteers have signed up already, so the shift needs at "
            f"least {shift.signup_count} places. Ask one of them to give up their place first "
            "if you need fewer.",
            field="places",
        )
    # Times are edited to the minute: the same minute is no move, even with seconds stored.
    if _to_the_minute(starts_at) == _to_the_minute(shift.starts_at):
        starts_at = shift.starts_at
    if _to_the_minute(ends_at) == _to_the_minute(shift.ends_at):
        ends_at = shift.ends_at
    old = _shift_values(shift)
    moved = (starts_at, ends_at) != (shift.starts_at, shift.ends_at)
    shift.title, shift.starts_at, shift.ends_at, shift.places = title, starts_at, ends_at, places
    new = _shift_values(shift)
    changed = [name for name in new if new[name] != old[name]]
    if not changed:
        return shift
    shift.save(update_fields=["title", "starts_at", "ends_at", "places"])
    record(
        actor=acting_user,
        verb="shift.edited",
        target=shift,
        group_id=shift.project.group_id,
        old={name: old[name] for name in changed},
        new={name: new[name] for name in changed},
    )
    if moved:
        volunteers = list(shift.signups.values_list("user_id", flat=True))
        text = f"Moved: {shift.title} for {shift.project.name} is now {_when(starts_at)}."
        url = reverse("projects:detail", kwargs={"pk": shift.project_id})
        key = f"shift-{shift.pk}-moved-{starts_at:%Y%m%d%H%M}"
        transaction.on_commit(lambda: notify(volunteers, key=key, text=text, url=url))
        transaction.on_commit(lambda: schedule_shift_reminder(shift))
    return shift


@transaction.atomic
def do_delete_shift(shift: Shift, *, acting_user: User) -> None:
    """Cancel a shift: it leaves the rota, and the volunteers signed up are told (in the app and
    by email) once it is done."""
    shift = Shift.objects.select_for_update().select_related("project").get(pk=shift.pk)
    volunteers = list(shift.signups.values_list("user_id", flat=True))
    record(
        actor=acting_user,
        verb="shift.deleted",
        target=shift,
        group_id=shift.project.group_id,
        old=_shift_values(shift) | {"volunteers": volunteers},
    )
    text = f"Cancelled: {shift.title} for {shift.project.name}, {_when(shift.starts_at)}."
    url = reverse("projects:detail", kwargs={"pk": shift.project_id})
    key = f"shift-{shift.pk}-cancelled"
    subject = f"Cancelled: {shift.title}"
    body = f"{text} You do not need to come. Thank you for offering your time."
    shift.delete()
    transaction.on_commit(
        lambda: notify(
            volunteers, key=key, text=text, url=url, email_subject=subject, email_body=body
        )
    )


@transaction.atomic
def check_sign_up(shift: Shift, *, acting_user: User) -> ShiftSignup:
    """Take a place on the shift (once: signing up again finds the first place); refused when
    the shift is full or over."""
    existing = ShiftSignup.objects.filter(shift=shift, user=acting_user).first()
    if existing:
        return existing
    if shift.ends_at <= timezone.now():
        raise ActionError("This shift is over.")
    # Take a place only if one is left, in one statement: two people cannot take the last one.
    taken = Shift.objects.filter(pk=shift.pk, signup_count__lt=F("places")).update(
        signup_count=F("signup_count") + 1
    )
    if not taken:
        raise ActionError("Sorry, this shift is full.")
    try:
        with transaction.atomic():
            signup = ShiftSignup.objects.create(shift=shift, user=acting_user)
    except IntegrityError:  # a double click that raced the first: give the place back
        Shift.objects.filter(pk=shift.pk).update(signup_count=F("signup_count") - 1)
        return ShiftSignup.objects.get(shift=shift, user=acting_user)
    record(
        actor=acting_user,
        verb="shift.signed_up",
        target=signup,
        group_id=shift.project.group_id,
        new={"shift": shift.pk},
    )
    return signup


@transaction.atomic
def do_cancel_signup(shift: Shift, *, member: User | None = None, acting_user: User) -> bool:
    """Give up the member's place on the shift (or `member`'s, when they leave the project's
    group); True if they had one."""
    member = member or acting_user
    deleted, _ = ShiftSignup.objects.filter(shift=shift, user=member).delete()
    if not deleted:
        return False
    Shift.objects.filter(pk=shift.pk).update(signup_count=F("signup_count") - 1)
    record(
        actor=acting_user,
        verb="shift.cancelled",
        target=shift,
        group_id=shift.project.group_id,
        old={"volunteer": member.pk},
    )
    return True


@transaction.atomic
def do_withdraw_signups_of_former_member(
    group: Group, *, member: User, acting_user: User
) -> list[Shift]:
    """Give up `member`'s places on shifts not yet over of `group`'s projects, as they leave it.

    Only members of a group sign up for its rotas, so every upcoming place goes, and the place
    is free for a member at once. Shifts already over keep their record. Called while the
    membership still exists (groups' member_left hook).
    """
    shifts = (
        Shift.objects.filter(project__group=group, ends_at__gt=timezone.now(), signups__user=member)
        .select_related("project")
        .order_by("starts_at", "id")
    )
    return [
        shift for shift in shifts if do_cancel_signup(shift, member=member, acting_user=acting_user)
    ]


@transaction.atomic
def do_add_partnership(
    group: Group,
    *,
    partner_name: str,
    partner_kind: str,
    website: str = "",
    project: Project | None,
    kind: str,
    description: str = "",
    since: date | None,
    acting_user: User,
) -> Partnership:
    """Record how the group (or one of its projects) works with a partner organisation; the
    partner is found by name, or added to the alliance's list of partners."""
    partner = Partner.objects.filter(name__iexact=partner_name.strip()).first()
    if partner is None:
        partner = Partner.objects.create(
            name=partner_name.strip(), kind=partner_kind, website=website
        )
    partnership = Partnership.objects.create(
        partner=partner,
        group=group,
        project=project,
        kind=kind,
        description=description,
        since=since,
    )
    record(
        actor=acting_user,
        verb="partnership.added",
        target=partnership,
        group_id=group.pk,
        new={
            "partner": partner.name,
            "project": project.pk if project else None,
            "kind": kind,
            "since": since.isoformat() if since else None,
        },
    )
    return partnership
