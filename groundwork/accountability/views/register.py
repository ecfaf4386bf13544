"""Public pages of the register: the list of representatives (searchable by name), a
representative with their memberships, contacts and sources, and a body by area and party."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from groundwork.accountability import queries
from groundwork.accountability.models import Body, Person
from groundwork.core.access import access


@access(signed_in=False)
def representatives(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    page = Paginator(queries.representatives(search), 50).get_page(request.GET.get("page"))
    context = {"page": page, "search": search, "bodies": queries.bodies()}
    return render(request, "accountability/person_list.html", context)


@access(fetch=queries.get_representative, signed_in=False)
def representative(request: HttpRequest, person: Person) -> HttpResponse:
    memberships = list(queries.memberships_of(person))
    contacts = list(queries.contacts_of(person))
    sources = {m.source for m in memberships if m.source} | {c.source for c in contacts}
    context = {
        "person": person,
        "memberships": memberships,
        "contacts": contacts,
        "identifiers": queries.identifiers_of(person),
        "sources": sorted(sources, key=lambda source: source.title),
    }
    return render(request, "accountability/person_detail.html", context)


@access(fetch=queries.get_body, signed_in=False)
def body(request: HttpRequest, body: Body) -> HttpResponse:
    members = list(queries.serving_members_of(body))
    sources = {m.source for m in members if m.source}
    context = {
        "body": body,
        "members": members,
        "parties": queries.party_counts(body),
        "sources": sorted(sources, key=lambda source: source.title),
    }
    return render(request, "accountability/body_detail.html", context)
