from django.contrib import admin

from groundwork.core.admin import ReadOnlyAdminMixin
from groundwork.learning.models import Course, Step

# Read only: courses are built on the coordinators' course pages, whose actions are audited.


class StepInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Step
    extra = 0
    raw_id_fields = ["resource", "event"]


@admin.register(Course)
class CourseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "group", "scope"]
    raw_id_fields = ["group", "created_by"]
    inlines = [StepInline]
