from django.contrib import admin

from groundwork.learning.models import Course, Step

# Read only: courses are built on the coordinators' course pages, whose actions are audited.


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StepInline(ReadOnly, admin.TabularInline):
    model = Step
    extra = 0
    raw_id_fields = ["resource", "event"]


@admin.register(Course)
class CourseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "group", "scope"]
    raw_id_fields = ["group", "created_by"]
    inlines = [StepInline]
