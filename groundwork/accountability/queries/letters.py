"""Whom a campaign's letter goes to when its target is each writer's own MP or ward councillors:
found from the writer's postcode in the postcode directory and the register, at the email
address the register holds for them (campaigns.hooks.letter_target_finders)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from groundwork.accountability.models import Body, ContactDetail, Membership
from groundwork.accountability.queries.postcodes import Place, whereabouts_of
from groundwork.campaigns.hooks import FoundRecipients, LetterRecipient
from groundwork.campaigns.models import Target

# The places of a postcode each kind of target is answered from, and the bodies that seat them.
_PLACES: dict[str, tuple[str, set[str]]] = {
    Target.Kind.OWN_MP: ("constituencies", {Body.Kind.COMMONS}),
    Target.Kind.OWN_COUNCILLORS: ("wards", {Body.Kind.COUNCIL}),
}


def letter_recipients(
    targets: list[Target], *, postcode: str, district: str, on: date
) -> FoundRecipients | None:
    """The representatives serving the writer's `postcode` (or every ward and constituency of
    `district` when postcode is "") `on` that date for each target of a kind this app knows,
    with the email address the register holds; None if no target is of such a kind.
    Seven queries at most, however many places and representatives."""
    mine = [target for target in targets if target.kind in _PLACES]
    if not mine:
        return None
    where = whereabouts_of(postcode, district, on=on)
    if where is None:
        return FoundRecipients(known=False)
    seats = [
        (target, place, membership)
        for target in mine
        for place in getattr(where, _PLACES[target.kind][0])
        for membership in place.serving
        if membership.body.kind in _PLACES[target.kind][1]
    ]
    emails = _emails_of({membership.person_id for _target, _place, membership in seats})
    recipients, unreachable = [], []
    for target, place, membership in seats:
        email = emails.get(membership.person_id)
        if email is None:
            unreachable.append(membership.person.name)
            continue
        recipients.append(
            LetterRecipient(
                target=target,
                key=f"{target.pk}-{membership.pk}",
                name=membership.person.name,
                email=email,
                description=_describe(target, place, membership),
            )
        )
    several = where.is_district and any(
        len(getattr(where, _PLACES[target.kind][0])) > 1 for target in mine
    )
    return FoundRecipients(
        recipients=recipients,
        several_areas=several,
        unreachable=sorted(set(unreachable)),
    )


def _describe(target: Target, place: Place, membership: Membership) -> str:
    values = {"place": place.name or place.gss_code, "party": membership.party}
    if target.kind == Target.Kind.OWN_MP:
        text = _("MP for %(place)s") % values
    else:
        text = _("councillor for %(place)s") % values
    return f"{text}, {membership.party}" if membership.party else text


def _emails_of(person_ids: set[int]) -> dict[int, str]:
    """{person id: the first well-formed email address the register holds} (one query)."""
    if not person_ids:
        return {}
    found: dict[int, str] = {}
    contacts = ContactDetail.objects.filter(
        person_id__in=person_ids, kind=ContactDetail.Kind.EMAIL
    ).order_by("person_id", "id")
    for person_id, value in contacts.values_list("person_id", "value"):
        if person_id in found:
            continue
        try:
            validate_email(value.strip())
        except ValidationError:
            continue  # a source's "NA" or a typing slip is no address to write to
        found[person_id] = value.strip()
    return found
