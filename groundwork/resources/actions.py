"""Every change to the library, help requests and their answers. Each writes one audit entry."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError
from groundwork.core.text import fit_to_field
from groundwork.groups.models import Group, Membership
from groundwork.groups.rules import roles_of
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import Notification, NotificationKind
from groundwork.resources.models import HelpAnswer, HelpRequest, Resource, Tag
from groundwork.resources.queries import LIBRARY_SEARCHES, SEARCH_DOCUMENT

RESOURCE_FIELDS = ["kind", "scope", "title", "summary", "body", "link"]


@dataclass
class ResourceInput:
    """What a person typed for a resource, already validated by the form."""

    title: str
    kind: str = Resource.Kind.GUIDE
    scope: str = Resource.Scope.ALLIANCE
    summary: str = ""
    body: str = ""
    link: str = ""
    tags: tuple[str, ...] = ()
    attachment: UploadedFile | None = None
    attachment_type: str = ""
    remove_attachment: bool = False


def do_index_for_search(resource_ids: Iterable[int]) -> None:
    """Store the search document of the resources (PostgreSQL only; SQLite searches by LIKE),
    and have every search found afresh: each action that adds or changes a resource calls this."""
    if connection.vendor == "postgresql":
        Resource.objects.filter(pk__in=resource_ids).update(search_vector=SEARCH_DOCUMENT)
    LIBRARY_SEARCHES.invalidate()


def _values(resource: Resource) -> dict:
    return values_of(resource, RESOURCE_FIELDS) | {
        "tags": resource.tag_names,
        "attachment": resource.attachment_name,
    }


def _set_tags(resource: Resource, names: tuple[str, ...]) -> None:
    names = tuple(
        sorted({fit_to_field(Tag, "name", name.strip().lower()) for name in names if name.strip()})
    )
    Tag.objects.bulk_create([Tag(name=name) for name in names], ignore_conflicts=True)
    resource.tags.set(Tag.objects.filter(name__in=names))
    resource.tag_names = ", ".join(names)


def _apply(resource: Resource, data: ResourceInput) -> None:
    for field in RESOURCE_FIELDS:
        setattr(resource, field, getattr(data, field))
    if data.attachment is not None:
        resource.attachment = data.attachment
        # An upload always has a name and a size; Django's type allows None for other files.
        resource.attachment_name = (data.attachment.name or "")[-120:]
        resource.attachment_size = data.attachment.size or 0
        resource.attachment_type = data.attachment_type
    elif data.remove_attachment:
        resource.attachment = ""
        resource.attachment_name = resource.attachment_type = ""
        resource.attachment_size = 0


def _check_scope(scope: str, group: Group | None) -> None:
    if scope == Resource.Scope.GROUP and group is None:
        raise ActionError(
            _("The alliance's own resources are shared with the alliance or the public."),
            field="scope",
        )


@transaction.atomic
def check_add_resource(*, group: Group | None, data: ResourceInput, acting_user: User) -> Resource:
    """Add a resource to `group`'s library (the alliance's, without a group)."""
    _check_scope(data.scope, group)
    resource = Resource(group=group, created_by=acting_user)
    _apply(resource, data)
    resource.save()
    _set_tags(resource, data.tags)
    resource.save(update_fields=["tag_names"])
    do_index_for_search([resource.pk])
    record(
        actor=acting_user,
        verb="resource.added",
        target=resource,
        group_id=resource.group_id,
        new=_values(resource),
    )
    return resource


@transaction.atomic
def check_update_resource(
    resource: Resource, *, data: ResourceInput, acting_user: User
) -> Resource:
    """Change a resource; the audit entry keeps only what changed."""
    _check_scope(data.scope, resource.group)
    # Read what is stored: a bound ModelForm has already changed the object in memory.
    old = _values(Resource.objects.select_for_update().get(pk=resource.pk))
    _apply(resource, data)
    _set_tags(resource, data.tags)
    resource.save()
    do_index_for_search([resource.pk])
    old, new = changes(old, _values(resource))
    record(
        actor=acting_user,
        verb="resource.updated",
        target=resource,
        group_id=resource.group_id,
        old=old,
        new=new,
    )
    return resource


@transaction.atomic
def do_delete_resource(resource: Resource, *, acting_user: User) -> None:
    """Remove a resource; a group removing its fork no longer counts as using the original."""
    verb = "resource.deleted"
    if resource.forked_from_id:
        Resource.objects.filter(pk=resource.forked_from_id, used_by_count__gt=0).update(
            used_by_count=F("used_by_count") - 1
        )
        verb = "resource.unforked"
    record(
        actor=acting_user,
        verb=verb,
        target=resource,
        group_id=resource.group_id,
        old=_values(resource),
    )
    resource.delete()
    LIBRARY_SEARCHES.invalidate()


@transaction.atomic
def check_fork_resource(resource: Resource, *, group: Group, acting_user: User) -> Resource:
    """Make `group`'s own version of `resource`, crediting the original; once per group."""
    if resource.group_id == group.pk:
        raise ActionError(
            _("This is already %(group)s's own resource.") % {"group": group.name}, field="group"
        )
    if roles_of(acting_user).get(group.pk) != Membership.Role.ORGANISER:
        raise ActionError(
            _("Only organisers of %(group)s can fork into it.") % {"group": group.name},
            field="group",
        )
    existing = Resource.objects.filter(forked_from=resource, group=group).first()
    if existing:
        return existing
    original = Resource.objects.select_for_update().get(pk=resource.pk)
    fork = Resource(
        group=group,
        created_by=acting_user,
        scope=Resource.Scope.GROUP,
        forked_from=original,
        forked_from_title=original.title,
        forked_from_group_name=original.owner_name,
        attachment=original.attachment.name,
        attachment_name=original.attachment_name,
        attachment_type=original.attachment_type,
        attachment_size=original.attachment_size,
        tag_names=original.tag_names,
        **{field: getattr(original, field) for field in RESOURCE_FIELDS if field != "scope"},
    )
    fork.save()
    fork.tags.set(original.tags.all())
    Resource.objects.filter(pk=original.pk).update(used_by_count=F("used_by_count") + 1)
    do_index_for_search([fork.pk])
    record(
        actor=acting_user,
        verb="resource.forked",
        target=fork,
        group_id=group.pk,
        new={"forked_from": original.pk, "title": original.title},
    )
    return fork


# --- help between groups --------------------------------------------------------------------


@transaction.atomic
def check_ask_for_help(*, group: Group, title: str, body: str, acting_user: User) -> HelpRequest:
    """A member asks the alliance for help on behalf of their group; the organisers of the other
    groups are told (in the app, and by email as each chose)."""
    if group.pk not in roles_of(acting_user):
        raise ActionError(
            _("Only members of %(group)s can ask on its behalf.") % {"group": group.name},
            field="group",
        )
    help_request = HelpRequest.objects.create(
        group=group, asked_by=acting_user, title=title, body=body
    )
    record(
        actor=acting_user,
        verb="help_request.asked",
        target=help_request,
        group_id=group.pk,
        new={"title": title},
    )
    # The organisers of the other groups are the ones who can answer for them.
    organisers = set(
        Membership.objects.filter(role=Membership.Role.ORGANISER)
        .exclude(group_id=group.pk)
        .exclude(user_id=acting_user.pk)
        .values_list("user_id", flat=True)
    )
    text = _("%(group)s asks the alliance: “%(title)s”") % {"group": group.name, "title": title}
    transaction.on_commit(
        lambda: do_notify(
            organisers,
            kind=NotificationKind.HELP,
            key=f"help_request:{help_request.pk}",
            text=fit_to_field(Notification, "text", text),
            url=help_request.get_absolute_url(),
        )
    )
    return help_request


def _organiser_ids(group_id: int) -> list[int]:
    return list(
        Membership.objects.filter(group_id=group_id, role=Membership.Role.ORGANISER).values_list(
            "user_id", flat=True
        )
    )


@transaction.atomic
def do_answer_help_request(
    help_request: HelpRequest, *, body: str, acting_user: User
) -> HelpAnswer:
    """A member of the alliance answers; the asking group's organisers are told after commit."""
    roles = roles_of(acting_user)
    author_group_id = next((gid for gid in sorted(roles) if gid != help_request.group_id), None)
    if author_group_id is None and roles:
        author_group_id = next(iter(sorted(roles)))
    answer = HelpAnswer.objects.create(
        help_request=help_request,
        author=acting_user,
        author_group_id=author_group_id,
        body=body,
    )
    HelpRequest.objects.filter(pk=help_request.pk).update(answer_count=F("answer_count") + 1)
    record(actor=acting_user, verb="help_answer.given", target=answer, group_id=author_group_id)
    recipients = [uid for uid in _organiser_ids(help_request.group_id) if uid != acting_user.pk]
    if help_request.asked_by_id and help_request.asked_by_id != acting_user.pk:
        recipients.append(help_request.asked_by_id)
    transaction.on_commit(
        lambda: do_notify(
            set(recipients),
            kind=NotificationKind.HELP,
            key=f"help_answer:{answer.pk}",
            text=_("%(name)s answered “%(title)s”.")
            % {"name": acting_user.name, "title": help_request.title},
            url=reverse("resources:help_detail", kwargs={"pk": help_request.pk}),
        )
    )
    return answer


@transaction.atomic
def do_mark_good_answer(answer: HelpAnswer, *, is_good: bool, acting_user: User) -> HelpAnswer:
    """The asking group's organisers mark (or unmark) an answer as a good one."""
    if answer.is_good == is_good:
        return answer
    answer.is_good = is_good
    answer.marked_by = acting_user if is_good else None
    answer.save(update_fields=["is_good", "marked_by", "updated_at"])
    record(
        actor=acting_user,
        verb="help_answer.marked_good" if is_good else "help_answer.unmarked",
        target=answer,
        group_id=answer.help_request.group_id,
        new={"is_good": is_good},
    )
    return answer


@transaction.atomic
def check_save_answer_as_resource(answer: HelpAnswer, *, acting_user: User) -> Resource:
    """Keep a good answer in the asking group's library, linked to where it came from; once."""
    existing = Resource.objects.filter(source_answer=answer).first()
    if existing:
        return existing
    help_request = answer.help_request
    do_mark_good_answer(answer, is_good=True, acting_user=acting_user)
    # Stored as the resource's summary, in the language of whoever saved it.
    who = answer.author.name if answer.author else _("a former member")
    if answer.author_group:
        summary = _("Answered by %(who)s of %(group)s.") % {
            "who": who,
            "group": answer.author_group.name,
        }
    else:
        summary = _("Answered by %(who)s.") % {"who": who}
    resource = check_add_resource(
        group=help_request.group,
        data=ResourceInput(
            title=fit_to_field(Resource, "title", help_request.title),
            kind=Resource.Kind.CASE_STUDY,
            scope=Resource.Scope.GROUP,
            summary=fit_to_field(Resource, "summary", summary),
            body=answer.body,
        ),
        acting_user=acting_user,
    )
    resource.source_answer = answer
    resource.save(update_fields=["source_answer"])
    return resource


@transaction.atomic
def do_record_skills_search(*, terms: str, page: int, acting_user: User) -> None:
    """Log that `acting_user` looked members up in the skills directory, with the words searched
    and the page, never who was found.

    Looking people up by skill is access to personal data, so each look is logged, in the
    alliance's log (no group): the people found belong to any group, not the searcher's, and
    the alliance's coordinators answer for the directory, so the entry is for their eyes rather
    than for the searcher's fellow organisers.
    """
    record(
        actor=acting_user,
        verb="skills_directory.searched",
        target=acting_user,
        new={"terms": terms, "page": page},
    )
