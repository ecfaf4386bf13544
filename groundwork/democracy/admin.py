"""The democracy models in the admin: read-only, for alliance coordinators, never a way round secrecy.

What is left out, on purpose:
- `CastVote` (what was counted), `SealedVote` (the sealed votes and their trackers) and `Elector`
  (who may vote and whether they did): nothing here needs them, and the trackers and counted
  votes are published on the results page after the close, as the count's evidence.
- The tellers, their public keys and their shares (`TellingPanel`, `Teller`, `KeyShare`): they are
  managed on the tellers' pages, and a share is of no use to anyone but its teller.
- `Support` and `Comment`: who backs or says what in a group's deliberation stays with the group.
- A group's own proposals, ballots and decisions: as on the site, coordinators see the alliance's
  (group empty); a group's stay with its members. Settings and delegates are listed for every
  group: the first are how a group decides, the second act for it in alliance ballots.

Every change goes through the audited actions (the organisers' and coordinators' pages), so
nothing here can be added, changed or deleted, by superusers neither. A ballot's result and
turnout appear only once it has closed, as on the site; before that they do not exist anyway
(the count is written by the closing transaction), and the page says so.
"""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundwork.core.admin import ReadOnlyAdminMixin
from groundwork.democracy.models import (
    Amendment,
    Ballot,
    Decision,
    Delegate,
    GroupDemocracySettings,
    Option,
    Proposal,
)
from groundwork.groups.rules import is_coordinator


class ReadOnlyForCoordinators(ReadOnlyAdminMixin):
    """Viewing for coordinators (and superusers); adding, changing and deleting for nobody."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and (
            request.user.is_superuser or is_coordinator(request.user)
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def lookup_allowed(self, lookup, value, request) -> bool:
        # Only the listed filters: a hand-made `?votes_cast__gte=` or `?cast_votes__isnull=` would
        # otherwise tell an open ballot's turnout, or anything else a vote table holds.
        return lookup.split("__")[0] in getattr(self, "list_filter", ())


class AllianceScopeOnly(ReadOnlyForCoordinators, admin.ModelAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).filter(group__isnull=True)


@admin.register(GroupDemocracySettings)
class GroupDemocracySettingsAdmin(ReadOnlyForCoordinators, admin.ModelAdmin):
    list_display = ["group", "supporters_to_vote", "discussion_days"]
    list_select_related = ["group"]
    search_fields = ["group__name"]


@admin.register(Delegate)
class DelegateAdmin(ReadOnlyForCoordinators, admin.ModelAdmin):
    list_display = ["user", "group", "appointed_at"]
    list_select_related = ["user", "group"]
    search_fields = ["group__name"]
    ordering = ["group__name", "user__display_name"]


class AmendmentInline(ReadOnlyForCoordinators, admin.TabularInline):
    model = Amendment
    fields = ("summary", "status", "proposer", "created_at")
    readonly_fields = fields
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(AllianceScopeOnly, admin.ModelAdmin):
    list_display = ["title", "status", "proposer", "support_count", "created_at"]
    list_select_related = ["proposer"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [AmendmentInline]

    def get_queryset(self, request):
        # A draft is its proposer's alone, on the site and here.
        return super().get_queryset(request).exclude(status=Proposal.Status.DRAFT)


class OptionInline(ReadOnlyForCoordinators, admin.TabularInline):
    model = Option
    fields = ("position", "label", "is_none_of_the_above")
    readonly_fields = fields
    extra = 0


@admin.register(Ballot)
class BallotAdmin(AllianceScopeOnly, admin.ModelAdmin):
    list_display = ["title", "method", "status", "electorate", "secret", "closes_at"]
    list_filter = ["status", "method", "electorate"]
    search_fields = ["title"]
    fields = (
        "title",
        "description",
        "proposal",
        "method",
        "seats",
        "quorum",
        "threshold",
        "electorate",
        "secret",
        "allow_change",
        "none_of_the_above",
        "status",
        "opens_at",
        "closes_at",
        "created_by",
        "electorate_size",
        "turnout",
        "counted_result",
        "closed_at",
    )
    readonly_fields = fields
    inlines = [OptionInline]

    @admin.display(description=_("Votes cast"))
    def turnout(self, ballot: Ballot) -> str:
        if ballot.status != Ballot.Status.CLOSED:
            return gettext("Published at the close")
        return str(ballot.votes_cast)

    @admin.display(description=_("Result"))
    def counted_result(self, ballot: Ballot) -> str:
        if ballot.status != Ballot.Status.CLOSED or ballot.result is None:
            return gettext("Counted at the close")
        return format_html("<pre>{}</pre>", json.dumps(ballot.result, indent=2, sort_keys=True))


@admin.register(Decision)
class DecisionAdmin(AllianceScopeOnly, admin.ModelAdmin):
    list_display = ["summary", "decided_at", "ballot"]
    list_select_related = ["ballot"]
    search_fields = ["summary"]
    readonly_fields = ("summary", "decided_at", "ballot", "proposal")
    fields = readonly_fields
