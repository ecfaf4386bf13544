"""Campaigns in the Django admin: a read-only overview for alliance coordinators.

Changes go through the campaign pages, whose actions keep the audit log. Nothing personal is
shown: no creator, and signatures, letters sent and updates' authors are not in the admin at all;
petitions show their counts only. A coordinator sees the campaigns they may see on the site (the
`campaigns.see_campaign` twin): a group's campaign being planned stays with the group.
"""

from django.contrib import admin

from groundwork.campaigns.models import Campaign, Milestone, Petition, Target
from groundwork.campaigns.queries import campaigns_visible_to
from groundwork.core.admin import ReadOnlyAdminMixin


class TargetInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Target
    fields = ["kind", "name", "role", "email", "ons_codes", "postcode_districts"]
    extra = 0


class PetitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Petition
    fields = ["title", "status", "goal", "signature_count"]
    extra = 0


class MilestoneInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Milestone
    fields = ["title", "happened_on", "is_win"]
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "group", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "group__name"]
    list_select_related = ["group"]
    fields = ["title", "group", "status", "summary", "description", "demands", "objectives"]
    inlines = [TargetInline, PetitionInline, MilestoneInline]

    def get_queryset(self, request):
        return campaigns_visible_to(request.user)
