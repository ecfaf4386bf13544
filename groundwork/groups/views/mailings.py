"""Organisers' emails to their members: the list, writing a draft, its preview, sending, progress.

Only the group's organisers reach these pages; everyone else gets 404. No page shows an address:
the preview tells how many people the email will reach, never who.
"""

from uuid import uuid4

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError, RateLimited
from groundwork.core.idempotency import idempotent
from groundwork.core.markdown import render_markdown
from groundwork.groups import queries
from groundwork.groups.actions.mailings import (
    MailingDraft,
    check_save_mailing_draft,
    check_send_mailing,
)
from groundwork.groups.forms import MailingForm
from groundwork.groups.models import Group, Mailing, MailingRecipient
from groundwork.groups.queries.segments import reach_of, segment_choices
from groundwork.members.models import AuthenticatedHttpRequest


@access("groups.send_mailing", fetch=queries.get_group)
def mailings(request: HttpRequest, group: Group) -> HttpResponse:
    page = Paginator(queries.mailings_visible_to(request.user, group), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "groups/mailing_list.html", {"group": group, "page": page})


def _save_draft(
    request: AuthenticatedHttpRequest, group: Group, mailing: Mailing | None
) -> HttpResponse:
    """The form for a new draft or an unsent one; a valid submission goes to its preview."""
    initial = {"token": uuid4(), "segment": "everyone"}
    if mailing is not None:
        value = f"{mailing.segment}:{mailing.segment_parameter}".rstrip(":")
        initial = {"token": mailing.token, "segment": value}
        initial |= {"subject": mailing.subject, "body": mailing.body}
    form = MailingForm(request.POST or None, initial=initial, segments=segment_choices(group))
    if request.method == "POST" and form.is_valid():
        draft = MailingDraft(
            **{name: form.cleaned_data[name] for name in ("segment", "subject", "body", "token")}
        )
        try:
            saved = check_save_mailing_draft(
                group, draft=draft, mailing=mailing, acting_user=request.user
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("groups:mailing", slug=group.slug, pk=saved.pk)
    status = 400 if form.errors else 200
    context = {"group": group, "form": form, "mailing": mailing}
    return render(request, "groups/mailing_form.html", context, status=status)


@access("groups.send_mailing", fetch=queries.get_group)
@idempotent
def new_mailing(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    return _save_draft(request, group, None)


@access("groups.send_mailing", fetch=queries.get_group)
def edit_mailing(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    mailing = queries.get_mailing_in(group, pk)
    if mailing.status != Mailing.Status.DRAFT:
        messages.error(request, _("This email has already been sent; it cannot be changed."))
        return redirect(mailing)
    return _save_draft(request, group, mailing)


@access("groups.send_mailing", fetch=queries.get_group)
def mailing(request: HttpRequest, group: Group, pk: int) -> HttpResponse:
    mailing = queries.get_mailing_in(group, pk)
    context: dict = {"group": group, "mailing": mailing, "body_html": render_markdown(mailing.body)}
    if mailing.status == Mailing.Status.DRAFT:
        in_segment, reached = reach_of(group, mailing.segment, mailing.segment_parameter)
        context |= {
            "in_segment": in_segment,
            "reached": reached,
            "not_reached": in_segment - reached,
        }
    else:
        skipped = (
            MailingRecipient.objects.filter(mailing=mailing, status=MailingRecipient.Status.SKIPPED)
            .values("reason")
            .annotate(count=Count("id"))
            .order_by("reason")
        )
        labels = dict(MailingRecipient.Reason.choices)
        context["skipped"] = [
            (labels.get(row["reason"], row["reason"]), row["count"]) for row in skipped
        ]
    return render(request, "groups/mailing_detail.html", context)


@require_POST
@access("groups.send_mailing", fetch=queries.get_group)
def send_mailing(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    mailing = queries.get_mailing_in(group, pk)
    try:
        queued = check_send_mailing(mailing, acting_user=request.user)
    except RateLimited as error:
        messages.error(request, error.message)
        response = redirect(mailing)
        response["Retry-After"] = str(error.retry_after)
        return response
    except ActionError as error:
        messages.error(request, error.message)
        return redirect(mailing)
    if queued:
        messages.success(
            request, _("Your email is on its way. This page shows how far it has got.")
        )
    return redirect(mailing)
