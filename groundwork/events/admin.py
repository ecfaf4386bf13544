"""Events in the Django admin: a read-only overview for alliance coordinators.

Changes go through the event pages, whose actions keep the audit log and tell the people who
answered. Nothing personal is shown: no stewards, no creator, and RSVPs and calendar feeds are not
in the admin at all (attendance at protests is special-category data); only the counts. A
coordinator sees the events they may see on the site (the `events.view_event` twin): members-only
events stay with their group.
"""

from django.contrib import admin

from groundwork.core.admin import ReadOnlyAdminMixin
from groundwork.events.models import EventOverview, Session
from groundwork.events.queries import visibility_filter


class SessionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Session
    fields = ["title", "track", "speakers", "room", "starts_at", "ends_at"]
    extra = 0


@admin.register(EventOverview)
class EventOverviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "group",
        "kind",
        "starts_at",
        "visibility",
        "status",
        "confirmed_count",
        "waitlist_count",
    ]
    list_filter = ["kind", "visibility", "status"]
    search_fields = ["title", "venue", "postcode_district", "group__name"]
    list_select_related = ["group"]
    date_hierarchy = "starts_at"
    exclude = ["stewards", "created_by"]
    inlines = [SessionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(visibility_filter(request.user))
