"""Creating groups and editing their details and the postcode districts they cover."""

from django.db import transaction
from django.utils.text import slugify

from groundwork.core.audit import changes, record, values_of
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group, PostcodeDistrict
from groundwork.groups.queries import GROUP_DIRECTORY, GROUPS_MAP
from groundwork.members.hooks import landing_changed
from groundwork.members.models import User

GROUP_FIELDS = [
    "name",
    "kind",
    "parent",
    "description",
    "join_policy",
    "area_name",
    "ons_code",
    "latitude",
    "longitude",
    "contact_email",
]


def _group_values(group: Group) -> dict:
    values = values_of(group, GROUP_FIELDS)
    for key in ("latitude", "longitude"):
        values[key] = str(values[key]) if values[key] is not None else None
    return values


def _set_districts(group: Group, districts: list[str]) -> None:
    group.postcode_districts.exclude(district__in=districts).delete()
    existing = set(group.postcode_districts.values_list("district", flat=True))
    PostcodeDistrict.objects.bulk_create(
        PostcodeDistrict(group=group, district=district)
        for district in sorted(set(districts) - existing)
    )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "group"
    slug, number = base, 2
    while Group.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def do_create_group(*, values: dict, districts: list[str], acting_user: User) -> Group:
    """Create a group from validated values, with the postcode districts it covers."""
    group = Group(slug=_unique_slug(values["name"]), **values)
    group.save()
    _set_districts(group, districts)
    GROUPS_MAP.invalidate()
    landing_changed()  # the map and the groups' names on the first page
    GROUP_DIRECTORY.invalidate()
    record(
        actor=acting_user,
        verb="group.created",
        target=group,
        group_id=group.pk,
        new=_group_values(group) | {"districts": sorted(districts)},
    )
    return group


@transaction.atomic
def do_update_group(
    group: Group, *, values: dict, districts: list[str], acting_user: User
) -> Group:
    """Change a group's details and districts; the audit entry keeps only what changed."""
    old = _group_values(group) | {
        "districts": sorted(d.district for d in group.postcode_districts.all())
    }
    for field, value in values.items():
        setattr(group, field, value)
    group.save()
    _set_districts(group, districts)
    GROUPS_MAP.invalidate()
    landing_changed()  # the map and the groups' names on the first page
    GROUP_DIRECTORY.invalidate()
    group_page_changed(group.pk)  # its name and districts on the public part of its page
    old, new = changes(old, _group_values(group) | {"districts": sorted(set(districts))})
    record(
        actor=acting_user,
        verb="group.updated",
        target=group,
        group_id=group.pk,
        old=old,
        new=new,
    )
    return group
