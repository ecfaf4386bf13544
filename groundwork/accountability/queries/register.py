"""Reading the register of the public's representatives. Every page here is public: the register
holds what councils and parliaments publish, nothing private."""

from django.db.models import Count, F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from groundwork.accountability.models import (
    Body,
    ContactDetail,
    Identifier,
    Membership,
    Person,
)

# A seat whose start is not published (a council's first list) is older than any dated one, on
# every database (PostgreSQL sorts NULL first when descending, SQLite last).
LATEST_FIRST = (F("start_date").desc(nulls_last=True), "-id")


def representatives(search: str = "") -> QuerySet[Person]:
    """People in the register, by name, those whose name holds `search` if given; each with their
    memberships (latest first) prefetched, with body and area."""
    people = Person.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("body", "area").order_by(*LATEST_FIRST),
        )
    ).order_by("name", "id")
    return people.filter(name__icontains=search) if search else people


def bodies() -> QuerySet[Body]:
    """Every body of the register, by name."""
    return Body.objects.order_by("name")


def get_representative(pk: int) -> Person:
    """The person, or 404."""
    return get_object_or_404(Person, pk=pk)


def get_body(slug: str) -> Body:
    """The body, or 404."""
    return get_object_or_404(Body, slug=slug)


def memberships_of(person: Person) -> QuerySet[Membership]:
    """The person's memberships, latest first, with body, area and source."""
    return (
        Membership.objects.filter(person=person)
        .select_related("body", "area", "source")
        .order_by(*LATEST_FIRST)
    )


def contacts_of(person: Person) -> QuerySet[ContactDetail]:
    """How to reach the person, each with the source that publishes it."""
    return ContactDetail.objects.filter(person=person).select_related("source").order_by("kind")


def identifiers_of(person: Person) -> QuerySet[Identifier]:
    return Identifier.objects.filter(person=person).order_by("scheme")


def serving_members_of(body: Body) -> QuerySet[Membership]:
    """The body's open memberships, by area, party and name, with person and area."""
    return (
        Membership.objects.filter(body=body, end_date__isnull=True)
        .select_related("person", "area", "source")
        .order_by("area__name", "party", "person__name")
    )


def party_counts(body: Body) -> QuerySet:
    """{party, members} for the body's serving members, the largest party first."""
    return (
        Membership.objects.filter(body=body, end_date__isnull=True)
        .values("party")
        .annotate(members=Count("id"))
        .order_by("-members", "party")
    )
