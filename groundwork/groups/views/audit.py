"""The audit log of a group and of the alliance, as sentences, filtered and paged by key."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from groundwork.core.access import access
from groundwork.core.pagination import keyset_page
from groundwork.groups import queries
from groundwork.groups.forms import AuditFilterForm
from groundwork.groups.models import Group

# Entries on one page of an audit log.
AUDIT_PAGE_SIZE = 50


@access("groups.view_group_audit", fetch=queries.get_group)
def audit(request: HttpRequest, group: Group) -> HttpResponse:
    return _audit_page(request, queries.group_audit_visible_to(request.user, group), group)


def _audit_page(request: HttpRequest, entries, group: Group | None) -> HttpResponse:
    """An audit log, filtered by the GET form, a page of it after the key in `after`."""
    form = AuditFilterForm(request.GET or None)
    entries = queries.filter_audit(entries, **form.filters())
    page = keyset_page(
        entries, key=request.GET.get("after"), per_page=AUDIT_PAGE_SIZE, time_field="acted_at"
    )
    context = {"group": group, "form": form, "page": page}
    return render(request, "groups/audit_list.html", context)


@access("groups.view_alliance")
def alliance_audit(request: HttpRequest) -> HttpResponse:
    return _audit_page(request, queries.alliance_audit_visible_to(request.user), None)
