from django.contrib import admin

from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Coordinator, Group, PostcodeDistrict
from groundwork.groups.queries import GROUP_DIRECTORY, GROUPS_MAP
from groundwork.members.hooks import landing_changed


class PostcodeDistrictInline(admin.TabularInline):
    model = PostcodeDistrict
    extra = 1


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    # Membership is deliberately absent: coordinators see counts, not who belongs to a group.
    list_display = ["name", "kind", "area_name", "ons_code", "join_policy", "member_count"]
    list_filter = ["kind", "join_policy"]
    search_fields = ["name", "area_name", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["member_count"]
    inlines = [PostcodeDistrictInline]

    # A group's name, address, place and districts are drawn on the cached map of the groups,
    # and its name and districts on the cached public part of its page.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        GROUPS_MAP.invalidate()
        landing_changed()  # the map and the groups' names on the first page
        GROUP_DIRECTORY.invalidate()
        group_page_changed(form.instance.pk)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        GROUPS_MAP.invalidate()
        landing_changed()  # the map and the groups' names on the first page
        GROUP_DIRECTORY.invalidate()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        GROUPS_MAP.invalidate()
        landing_changed()  # the map and the groups' names on the first page
        GROUP_DIRECTORY.invalidate()


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "appointed_at", "appointed_by"]
    raw_id_fields = ["user", "appointed_by"]
