from django.contrib import admin

from groundwork.groups.models import Coordinator, Group, PostcodeDistrict


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


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "appointed_at", "appointed_by"]
    raw_id_fields = ["user", "appointed_by"]
