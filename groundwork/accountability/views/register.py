"""Public pages of the register: the list of representatives (searchable by name), a
representative with their memberships, contacts, agreement with each policy and sources, a body
by area and party, policies and scorecards; and the forms organisers and coordinators use to
write policies, link them to the platform and record statements."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from groundwork.accountability import actions, queries
from groundwork.accountability.forms import ObjectiveLinkForm, PolicyForm, StatementForm
from groundwork.accountability.models import Body, Person, Policy
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.members.models import AuthenticatedHttpRequest


@access(signed_in=False)
def representatives(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    page = Paginator(queries.representatives(search), 50).get_page(request.GET.get("page"))
    context = {"page": page, "search": search, "bodies": queries.bodies()}
    return render(request, "accountability/person_list.html", context)


@access(fetch=queries.get_representative, signed_in=False)
def representative(request: HttpRequest, person: Person) -> HttpResponse:
    record = queries.register_record_of(person)
    memberships, contacts = record.memberships, record.contacts
    scorecards = queries.scorecards_of(person, memberships)
    sources = {m.source for m in memberships if m.source} | {c.source for c in contacts}
    if scorecards:
        sources |= set(queries.vote_sources())
    context = {
        "person": person,
        "memberships": memberships,
        "contacts": contacts,
        "identifiers": record.identifiers,
        "scorecards": scorecards,
        "record_version": queries.record_version(),
        "statements": queries.statements_about(person),
        "pledges": _pledges_of(request.user, person),
        "sources": sorted(sources, key=lambda source: source.title),
    }
    return render(request, "accountability/person_detail.html", context)


def _pledges_of(user, person: Person) -> list:
    """The person's answers to pledges the reader may see, each with the votes that broke it."""
    answers = queries.pledge_answers_for(user, person)
    flags = queries.broken_pledges(answers)
    return [(answer, flags.of(answer)) for answer in answers]


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


@access(signed_in=False)
def policies(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.policies(), 50).get_page(request.GET.get("page"))
    return render(request, "accountability/policy_list.html", {"page": page})


@access(fetch=queries.get_policy, signed_in=False)
def policy(request: HttpRequest, policy: Policy) -> HttpResponse:
    # Read only when the cached table of divisions and the cached standings are out of date.
    links = queries.divisions_of(policy)
    standings = queries.standings_on(policy, links)
    page = Paginator(standings, 50).get_page(request.GET.get("page"))
    context = {
        "policy": policy,
        "links": links,
        "record_version": queries.record_version(),
        "objectives": queries.objectives_of(policy),
        "page": page,
        "sources": _policy_sources(policy),
    }
    return render(request, "accountability/policy_detail.html", context)


def _policy_sources(policy: Policy) -> list:
    sources = list(queries.vote_sources())
    if policy.source and policy.source not in sources:
        sources.append(policy.source)
    return sources


@access(fetch=queries.get_representative, signed_in=False)
def scorecard(request: HttpRequest, person: Person, policy_pk: int) -> HttpResponse:
    policy = queries.get_policy(policy_pk)
    context = {
        "person": person,
        "policy": policy,
        "card": queries.scorecard(person, policy),
        "sources": _policy_sources(policy),
    }
    return render(request, "accountability/scorecard_detail.html", context)


@access("accountability.add_policy")
@idempotent
def policy_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PolicyForm(
        request.POST or None,
        groups=queries.groups_to_write_for(request.user),
        may_use_alliance=queries.may_write_for_the_alliance(request.user),
        bodies=queries.division_bodies(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            policy = actions.check_create_policy(
                group=data["on_behalf_of"],
                body=data["body"],
                title=data["title"],
                description=data["description"],
                lines=data["divisions"],
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The policy is written."))
            return redirect(policy)
    status = 400 if form.errors else 200
    return render(request, "accountability/policy_form.html", {"form": form}, status=status)


@access("accountability.link_policy", fetch=queries.get_policy)
def policy_objectives(request: AuthenticatedHttpRequest, policy: Policy) -> HttpResponse:
    initial = {"objectives": queries.objectives_of(policy)}
    form = ObjectiveLinkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.check_link_policy_objectives(
            policy, objectives=list(form.cleaned_data["objectives"]), acting_user=request.user
        )
        messages.success(request, _("The policy's objectives are saved."))
        return redirect(policy)
    status = 400 if form.errors else 200
    context = {"form": form, "policy": policy}
    return render(request, "accountability/policy_objectives.html", context, status=status)


@access("accountability.add_statement", fetch=queries.get_representative)
@idempotent
def statement_create(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = StatementForm(
        request.POST or None,
        groups=queries.groups_to_write_for(request.user),
        may_use_alliance=queries.may_write_for_the_alliance(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_add_statement(
                person,
                group=data["on_behalf_of"],
                kind=data["kind"],
                day=data["date"],
                summary=data["summary"],
                source_url=data["source_url"],
                objective=data["objective"],
                stance=data["stance"],
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The statement is recorded."))
            return redirect(person)
    status = 400 if form.errors else 200
    context = {"form": form, "person": person}
    return render(request, "accountability/statement_form.html", context, status=status)
