"""What a project needs and offers: listings, added and closed."""

from django.db import transaction

from groundwork.core.audit import record
from groundwork.groups.models import PostcodeDistrict
from groundwork.members.models import User
from groundwork.projects.models import Listing, Project
from groundwork.projects.queries import postcode_area


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
